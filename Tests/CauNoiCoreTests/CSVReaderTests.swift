import Testing
@testable import CauNoiCore

struct CSVReaderTests {
    @Test func simpleLF() {
        #expect(CSVReader.rows("a,b,c\n1,2,3\n") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(CSVReader.rows("a,b,c\n1,2,3") == [["a", "b", "c"], ["1", "2", "3"]])
    }

    @Test func crlfAndLoneCR() {
        #expect(CSVReader.rows("a,b\r\n1,2\r\n") == [["a", "b"], ["1", "2"]])
        #expect(CSVReader.rows("a,b\r1,2") == [["a", "b"], ["1", "2"]])
    }

    @Test func quotedFields() {
        let text = "name,note\n\"Xã A, B\",\"nói \"\"xin chào\"\"\"\n\"dòng 1\r\ndòng 2\",x\n"
        #expect(CSVReader.rows(text) == [["name", "note"], ["Xã A, B", "nói \"xin chào\""], ["dòng 1\r\ndòng 2", "x"]])
    }

    @Test func emptyFieldsAndQuotedEmpty() {
        #expect(CSVReader.rows("a,,c\n,,\n\"\",x,\"\"") == [["a", "", "c"], ["", "", ""], ["", "x", ""]])
    }

    @Test func stripsBOM() {
        #expect(CSVReader.rows("\u{FEFF}province_code,name\n1,A") == [["province_code", "name"], ["1", "A"]])
    }

    @Test func detectsSeparator() {
        #expect(CSVReader.rows("a;b;c\n1;2,5;3") == [["a", "b", "c"], ["1", "2,5", "3"]])
        #expect(CSVReader.rows("a,b;c\n1,2;3") == [["a", "b;c"], ["1", "2;3"]])
        // Separators inside quotes on the first line do not count.
        #expect(CSVReader.rows("\"a;b;c\",d\n1,2") == [["a;b;c", "d"], ["1", "2"]])
        // A tie or no separator at all means comma.
        #expect(CSVReader.rows("a\n1") == [["a"], ["1"]])
        #expect(CSVReader.rows("a,b;c\n") == [["a", "b;c"]])
    }

    @Test func explicitSeparator() {
        #expect(CSVReader.rows("a\tb\n1\t2", separator: "\t") == [["a", "b"], ["1", "2"]])
        #expect(CSVReader.rows("a;b,c", separator: ",") == [["a;b", "c"]])
    }

    @Test func dropsOnlyTrailingEmptyLines() {
        #expect(CSVReader.rows("a\n\nb\n\n\n") == [["a"], [""], ["b"]])
        #expect(CSVReader.rows("a\r\n\r\n") == [["a"]])
        #expect(CSVReader.rows("") == [])
        #expect(CSVReader.rows("\n\n") == [])
        #expect(CSVReader.rows("\u{FEFF}") == [])
    }

    @Test func lenientWithStrayQuotes() {
        #expect(CSVReader.rows("a\"b,c") == [["a\"b", "c"]])
        #expect(CSVReader.rows("\"ab\"c,d") == [["abc", "d"]])
        #expect(CSVReader.rows("\"unterminated,x\ny") == [["unterminated,x\ny"]])
    }

    @Test func keepsVietnameseIntact() {
        let nfd = "Phường Hoàn Kiếm".decomposedStringWithCanonicalMapping
        let rows = CSVReader.rows("a,\(nfd)\n")
        #expect(Array(rows[0][1].unicodeScalars) == Array(nfd.unicodeScalars))
    }

    @Test func recordLineNumbers() {
        let records = CSVReader.records("h\n\"x\ny\"\r\nz\n\nw")
        #expect(records.map(\.line) == [1, 2, 4, 5, 6])
    }
}
