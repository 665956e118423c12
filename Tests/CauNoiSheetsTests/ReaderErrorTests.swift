import Foundation
import Testing
import ZIPFoundation
@testable import CauNoiSheets

@Suite("Reader errors")
struct ReaderErrorTests {
    @Test("Bytes that are not a ZIP", arguments: [Data(), Data("Họ và tên,Số điện thoại\n".utf8), Data([0x50, 0x4B, 0x03, 0x04, 0, 0])])
    func notZip(data: Data) {
        #expect(throws: XLSXError.notZip) { try XLSXReader.rows(data) }
    }

    @Test("A ZIP without a workbook, or another Office document")
    func missingWorkbook() throws {
        let noWorkbook = try ZipFixture.archive([("hello.txt", "xin chào")])
        #expect(throws: XLSXError.missingWorkbook) { try XLSXReader.rows(noWorkbook) }

        let document = try ZipFixture.archive([
            ("_rels/.rels", ExcelFixture.rootRels.replacingOccurrences(of: "xl/workbook.xml", with: "word/document.xml")),
            ("word/document.xml", #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>"#),
        ])
        #expect(throws: XLSXError.missingWorkbook) { try XLSXReader.rows(document) }
    }

    @Test("Sheet index out of range", arguments: [2, -1, 99])
    func sheetOutOfRange(index: Int) throws {
        let data = try ZipFixture.archive(ExcelFixture.parts)
        #expect(throws: XLSXError.sheetIndexOutOfRange(index: index, count: 2)) {
            try XLSXReader.rows(data, sheet: index)
        }
    }

    @Test("Malformed XML names the part and line")
    func malformedXML() throws {
        let broken = "<?xml version=\"1.0\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\n<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></row></sheetData></worksheet>"
        let data = try ZipFixture.archive(ExcelFixture.parts(replacing: "xl/worksheets/sheet2.xml", with: broken))
        let error = try #require(throws: XLSXError.self) { try XLSXReader.rows(data) }
        guard case .malformedXML(let part, let line) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(part == "xl/worksheets/sheet2.xml")
        #expect(line == 3)
        #expect(error.description.hasPrefix("Tệp XLSX bị hỏng: XML không hợp lệ trong xl/worksheets/sheet2.xml"))
    }

    @Test("Malformed workbook and shared strings parts")
    func malformedOtherParts() throws {
        let badWorkbook = try ZipFixture.archive(ExcelFixture.parts(replacing: "xl/workbook.xml", with: "<workbook><sheets>"))
        #expect(throws: XLSXError.malformedXML(part: "xl/workbook.xml", line: 1)) { try XLSXReader.rows(badWorkbook) }
        let badStrings = try ZipFixture.archive(ExcelFixture.parts(replacing: "xl/sharedStrings.xml", with: "not xml"))
        #expect(throws: XLSXError.malformedXML(part: "xl/sharedStrings.xml", line: 1)) { try XLSXReader.rows(badStrings) }
    }

    @Test("Well-formed XML with impossible content is malformed", arguments: [
        #"<c r="A1" t="s"><v>99</v></c>"#,   // shared string index out of range
        #"<c r="ZZZZ1"><v>1</v></c>"#,        // column beyond XFD
        #"<c r="A1"><v>1</v></c></row><row r="0"><c><v>1</v></c>"#, // row numbers start at 1
    ])
    func impossibleContent(cell: String) throws {
        let sheet = #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">\#(cell)</row></sheetData></worksheet>"#
        let data = try ZipFixture.archive(ExcelFixture.parts(replacing: "xl/worksheets/sheet2.xml", with: sheet))
        let error = try #require(throws: XLSXError.self) { try XLSXReader.rows(data) }
        guard case .malformedXML(part: "xl/worksheets/sheet2.xml", _) = error else {
            Issue.record("unexpected \(error)")
            return
        }
    }

    @Test("A DTD is refused, closing the door on entity expansion")
    func doctypeRefused() throws {
        let sheet = #"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>"#
        let data = try ZipFixture.archive(ExcelFixture.parts(replacing: "xl/worksheets/sheet2.xml", with: sheet))
        #expect(throws: XLSXError.malformedXML(part: "xl/worksheets/sheet2.xml", line: 0)) { try XLSXReader.rows(data) }
    }

    @Test("A worksheet the workbook points to but the ZIP lacks")
    func missingWorksheet() throws {
        let data = try ZipFixture.archive(ExcelFixture.parts.filter { $0.0 != "xl/worksheets/sheet2.xml" })
        #expect(throws: XLSXError.missingPart("xl/worksheets/sheet2.xml")) { try XLSXReader.rows(data) }
        #expect(try XLSXReader.rows(data, sheet: 1).count == 2)
    }

    @Test("A far-away cell cannot make the reader allocate the whole grid")
    func hugeGridRefused() throws {
        let sheet = #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#
        let data = try ZipFixture.archive(ExcelFixture.parts(replacing: "xl/worksheets/sheet2.xml", with: sheet))
        #expect(throws: XLSXError.tooLarge) { try XLSXReader.rows(data) }
    }

    @Test("Messages are Vietnamese first, English after")
    func messages() {
        #expect(XLSXError.notZip.description == "Tệp không phải XLSX hợp lệ (không đọc được nén ZIP) — not a valid XLSX file (cannot read ZIP archive)")
        #expect(XLSXError.sheetIndexOutOfRange(index: 2, count: 1).message == "Không có trang tính số 3 (tệp chỉ có 1 trang tính)")
    }
}
