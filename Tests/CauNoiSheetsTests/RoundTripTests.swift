import Foundation
import Testing
@testable import CauNoiSheets

@Suite("Write then read")
struct RoundTripTests {
    @Test("Vietnamese text, numbers, empty cells and formula-looking text survive exactly")
    func mixedContentRoundTrips() throws {
        let decomposed = "Nguye\u{302}\u{303}n" // NFD "Nguyễn": must stay decomposed
        let sheet = Sheet(
            name: "Tình nguyện viên",
            header: ["Họ và tên", "Số điện thoại", "Giờ", "Ghi chú", "Điểm"],
            rows: [
                [.text("Nguyễn Thị Ánh Tuyết"), .text("+84 912 345 678"), .integer(12), .text("=SUM(A1:A2)"), .number(8.5)],
                [.text("Trần Văn Bình"), .empty, .integer(-3), .text("@mention"), .number(3.0)],
                [.empty, .text("-5"), .empty, .text("<b>&\"'</b>"), .empty],
                [.text(decomposed), .text("  khoảng trắng  "), .integer(0), .text("Dòng 1\nDòng 2\r\nDòng 3"), .number(0.1)],
                [.text("_x0041_ literal"), .text("emoji 🙂 và chữ Hán 漢"), .number(1e20), .text("tab\there"), .number(-0.25)],
            ]
        )
        let data = try XLSXWriter.workbook(sheets: [sheet])
        let rows = try XLSXReader.rows(data)

        let expected: [[String]] = [
            ["Họ và tên", "Số điện thoại", "Giờ", "Ghi chú", "Điểm"],
            ["Nguyễn Thị Ánh Tuyết", "+84 912 345 678", "12", "=SUM(A1:A2)", "8.5"],
            ["Trần Văn Bình", "", "-3", "@mention", "3"],
            ["", "-5", "", "<b>&\"'</b>", ""],
            [decomposed, "  khoảng trắng  ", "0", "Dòng 1\nDòng 2\r\nDòng 3", "0.1"],
            ["_x0041_ literal", "emoji 🙂 và chữ Hán 漢", "1e+20", "tab\there", "-0.25"],
        ]
        #expect(rows == expected)
        // String == is canonical equivalence; compare scalars to prove bytes were not normalized.
        #expect(rows.map { $0.map { Array($0.unicodeScalars) } } == expected.map { $0.map { Array($0.unicodeScalars) } })
        try #require(rows.count == expected.count)
        #expect(Array(rows[4][0].utf8) == Array(decomposed.utf8))
    }

    @Test("Characters illegal in XML are stripped, not fatal")
    func illegalCharactersAreStripped() throws {
        let sheet = Sheet(name: "A", header: ["x\u{1}y"], rows: [[.text("a\u{0}b\u{B}c\u{FFFE}d")]])
        let rows = try XLSXReader.rows(XLSXWriter.workbook(sheets: [sheet]))
        #expect(rows == [["xy"], ["abcd"]])
    }

    @Test("Trailing empty cells read back as empty strings in a rectangular grid")
    func raggedRowsBecomeRectangular() throws {
        let sheet = Sheet(name: "A", header: ["a", "b", "c"], rows: [[.text("1")], [], [.empty, .empty, .integer(3)]])
        let rows = try XLSXReader.rows(XLSXWriter.workbook(sheets: [sheet]))
        #expect(rows == [["a", "b", "c"], ["1", "", ""], ["", "", ""], ["", "", "3"]])
    }

    @Test("Sheet without header starts data at row 1")
    func headerlessSheet() throws {
        let sheet = Sheet(name: "Dữ liệu", rows: [[.integer(1), .text("một")], [.integer(2), .text("hai")]])
        let data = try XLSXWriter.workbook(sheets: [sheet])
        #expect(try XLSXReader.rows(data) == [["1", "một"], ["2", "hai"]])
        #expect(!(try ZipFixture.part("xl/worksheets/sheet1.xml", of: data)).contains("<pane"))
    }

    @Test("Several sheets are read by index with sanitized names")
    func multipleSheets() throws {
        let data = try XLSXWriter.workbook(sheets: [
            Sheet(name: "Ca trực [tuần 1]", header: ["Ca"], rows: [[.text("Sáng")]]),
            Sheet(name: "ca trực tuần 1?", header: ["Ca"], rows: [[.text("Chiều")]]),
            Sheet(name: "", header: ["Trống"]),
        ])
        #expect(try XLSXReader.sheetNames(data) == ["Ca trực tuần 1", "ca trực tuần 1 (2)", "Sheet3"])
        #expect(try XLSXReader.rows(data, sheet: 1) == [["Ca"], ["Chiều"]])
        #expect(try XLSXReader.rows(data, sheet: 2) == [["Trống"]])
    }

    @Test("Non-finite numbers become the #NUM! error cell")
    func nonFiniteNumbers() throws {
        let sheet = Sheet(name: "A", rows: [[.number(.nan), .number(.infinity), .number(2.5)]])
        #expect(try XLSXReader.rows(XLSXWriter.workbook(sheets: [sheet])) == [["#NUM!", "#NUM!", "2.5"]])
    }

    @Test("A few thousand rows round-trip")
    func largerSheet() throws {
        let rows: [[Cell]] = (0..<5_000).map { index in
            [.integer(index), .text("Tình nguyện viên số \(index)"), .number(Double(index) / 4), .empty, .text("Hà Nội")]
        }
        let data = try XLSXWriter.workbook(sheets: [Sheet(name: "Lớn", header: ["STT", "Tên", "Giờ", "Trống", "Tỉnh"], rows: rows)])
        let read = try XLSXReader.rows(data)
        #expect(read.count == 5_001)
        #expect(read[4_001] == ["4000", "Tình nguyện viên số 4000", "1000", "", "Hà Nội"])
        #expect(read[3] == ["2", "Tình nguyện viên số 2", "0.5", "", "Hà Nội"])
    }
}
