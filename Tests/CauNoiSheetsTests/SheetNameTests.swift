import Testing
@testable import CauNoiSheets

@Suite("Sheet name sanitizing")
struct SheetNameTests {
    @Test("Forbidden characters are removed", arguments: [
        ("Ca [1]: sáng/chiều?", "Ca 1 sángchiều"),
        (#"a*b\c"#, "abc"),
        ("'Trích dẫn'", "Trích dẫn"),
        ("History", "History_"),
        ("tab\tname", "tabname"),
    ])
    func forbiddenCharacters(input: String, expected: String) {
        #expect(SheetNames.sanitize([input]) == [expected])
    }

    @Test("Names are cut to 31 UTF-16 units without splitting letters")
    func length() {
        let name = "Danh sách tình nguyện viên tháng mười hai"
        let result = SheetNames.sanitize([name])[0]
        #expect(result.utf16.count <= 31)
        #expect(name.hasPrefix(result))
        let decomposed = String(repeating: "e\u{302}\u{301}", count: 20) // each letter is 3 units
        let cut = SheetNames.sanitize([decomposed])[0]
        #expect(cut.utf16.count == 30)
        #expect(cut.count == 10)
    }

    @Test("Empty and duplicate names get unique fallbacks")
    func uniqueness() {
        let long = String(repeating: "x", count: 40)
        #expect(SheetNames.sanitize(["", "???", "Tên", "TÊN", "tên", long, long]) == [
            "Sheet1", "Sheet2", "Tên", "TÊN (2)", "tên (3)",
            String(repeating: "x", count: 31), String(repeating: "x", count: 27) + " (2)",
        ])
    }
}
