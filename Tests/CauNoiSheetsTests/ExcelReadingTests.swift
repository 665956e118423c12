import Foundation
import Testing
@testable import CauNoiSheets

@Suite("Reading files as Excel writes them")
struct ExcelReadingTests {
    @Test("First tab is found through workbook relationships, not by file name")
    func excelWorkbook() throws {
        let data = try ZipFixture.archive(ExcelFixture.parts)
        let expected: [[String]] = [
            ["Họ và tên", "Ngày sinh", "Giờ", "Tỉ lệ", "Có mặt", ""],
            ["Nguyễn Văn An", "2023-03-15", "12", "0.75", "TRUE", "2023-03-15 12:00:00"],
            ["", "", "", "", "", ""],
            ["", "", "2001-01-01", "", "FALSE", ""],
            ["  Trần Thị Bình  ", "0.30000000000000004", "24", "Nguyễn Văn An!", "#DIV/0!", "12:00:00"],
            ["東京", "1.5", "Dòng 1\r\nDòng 2", "-7", "", "nội tuyến"],
        ]
        let rows = try XLSXReader.rows(data)
        #expect(rows == expected)
        for (actual, wanted) in zip(rows, expected) {
            #expect(actual.map { Array($0.unicodeScalars) } == wanted.map { Array($0.unicodeScalars) })
        }
    }

    @Test("Other tabs by index, names in tab order")
    func secondTab() throws {
        let data = try ZipFixture.archive(ExcelFixture.parts)
        #expect(try XLSXReader.sheetNames(data) == ["Tình nguyện viên", "Sheet1"])
        #expect(try XLSXReader.rows(data, sheet: 1) == [["", ""], ["", "Có mặt"]])
    }

    @Test("Chart sheets are not counted as worksheets")
    func chartSheetSkipped() throws {
        let workbook = ExcelFixture.workbook.replacingOccurrences(
            of: "<sheets>", with: #"<sheets><sheet name="Biểu đồ" sheetId="3" r:id="rId9"/>"#)
        let rels = ExcelFixture.workbookRels.replacingOccurrences(
            of: "</Relationships>",
            with: #"<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>"#)
        let parts = ExcelFixture.parts.map { path, text in
            (path, path == "xl/workbook.xml" ? workbook : path == "xl/_rels/workbook.xml.rels" ? rels : text)
        }
        let data = try ZipFixture.archive(parts)
        #expect(try XLSXReader.sheetNames(data) == ["Tình nguyện viên", "Sheet1"])
        #expect(try XLSXReader.rows(data).first?.first == "Họ và tên")
    }

    @Test("LibreOffice style: t=\"n\", explicit s=\"0\", numbers with .0, 1904 dates")
    func libreOfficeStyle() throws {
        let sheet = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1" customFormat="false" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" collapsed="false"><c r="A1" s="0" t="n"><v>12.0</v></c><c r="B1" s="1" t="n"><v>0</v></c><c r="C1" s="0" t="n"><v>-0.50</v></c><c r="D1" s="0" t="n"><v>1E+21</v></c><c r="E1" s="0" t="b"><v>true</v></c></row></sheetData></worksheet>
        """
        let workbook = ExcelFixture.workbook.replacingOccurrences(
            of: #"<workbookPr defaultThemeVersion="166925"/>"#, with: #"<workbookPr date1904="true"/>"#)
        let parts = ExcelFixture.parts(replacing: "xl/worksheets/sheet2.xml", with: sheet)
            .map { path, text in (path, path == "xl/workbook.xml" ? workbook : text) }
        #expect(try XLSXReader.rows(ZipFixture.archive(parts)) == [["12", "1904-01-01", "-0.50", "1E+21", "TRUE"]])
    }

    @Test("Namespace-prefixed parts (Open XML SDK style) and cells without r=")
    func prefixedElements() throws {
        let sheet = """
        <?xml version="1.0" encoding="utf-8"?>
        <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>Một</x:t></x:is></x:c><x:c><x:v>2</x:v></x:c></x:row><x:row><x:c t="inlineStr"><x:is><x:r><x:t>Ba</x:t></x:r><x:r><x:t xml:space="preserve"> bốn</x:t></x:r></x:is></x:c></x:row></x:sheetData></x:worksheet>
        """
        let parts = ExcelFixture.parts(replacing: "xl/worksheets/sheet2.xml", with: sheet)
        #expect(try XLSXReader.rows(ZipFixture.archive(parts)) == [["Một", "2"], ["Ba bốn", ""]])
    }

    @Test("Missing styles and shared strings parts are tolerated when unused")
    func minimalPackage() throws {
        let parts = ExcelFixture.parts.filter { !["xl/styles.xml", "xl/sharedStrings.xml"].contains($0.0) }
            .map { path, text in
                (path, path == "xl/worksheets/sheet2.xml"
                    ? #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" s="1"><v>45000</v></c></row></sheetData></worksheet>"#
                    : text)
            }
        #expect(try XLSXReader.rows(ZipFixture.archive(parts)) == [["45000"]])
    }

    @Test("Worksheets over 10 MB parse (XMLParser(data:) fails there on Linux)")
    func largeWorksheetPart() throws {
        let row = "<row><c t=\"inlineStr\"><is><t>Hà Nội</t></is></c><c><v>7</v></c></row>"
        let count = 180_000
        let sheet = #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
            + String(repeating: row, count: count) + "</sheetData></worksheet>"
        #expect(sheet.utf8.count > 12_000_000)
        let rows = try XLSXReader.rows(ZipFixture.archive(ExcelFixture.parts(replacing: "xl/worksheets/sheet2.xml", with: sheet)))
        #expect(rows.count == count)
        #expect(rows.last == ["Hà Nội", "7"])
    }
}
