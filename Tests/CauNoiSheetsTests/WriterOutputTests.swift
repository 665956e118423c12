import Foundation
import Testing
@testable import CauNoiSheets

@Suite("Writer package structure")
struct WriterOutputTests {
    private static let sample = Sheet(
        name: "Danh sách",
        header: ["Họ và tên", "=Công thức", "Ghi chú"],
        rows: [[.text("An"), .text("=HYPERLINK(\"http://x\")"), .text(String(repeating: "rất dài ", count: 30))]]
    )

    @Test("Package contains exactly the minimal OOXML parts")
    func parts() throws {
        let data = try XLSXWriter.workbook(sheets: [Self.sample, Sheet(name: "Hai")])
        #expect(try ZipFixture.paths(of: data) == [
            "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
            "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
        ])
        let types = try ZipFixture.part("[Content_Types].xml", of: data)
        #expect(types.contains(#"PartName="/xl/worksheets/sheet2.xml""#))
        #expect(!types.contains("sharedStrings"))
    }

    @Test("Header is bold and frozen; text is inline and never a formula")
    func worksheetMarkup() throws {
        let data = try XLSXWriter.workbook(sheets: [Self.sample])
        let sheet = try ZipFixture.part("xl/worksheets/sheet1.xml", of: data)
        #expect(sheet.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheet.contains(#"<c r="A1" s="1" t="inlineStr"><is><t>Họ và tên</t></is></c>"#))
        #expect(sheet.contains(#"<c r="B1" s="3" t="inlineStr">"#))
        #expect(sheet.contains(#"<c r="B2" s="2" t="inlineStr"><is><t>=HYPERLINK("http://x")</t></is></c>"#))
        #expect(!sheet.contains("<f>"))
        #expect(sheet.contains(#"<dimension ref="A1:C2"/>"#))

        let styles = try ZipFixture.part("xl/styles.xml", of: data)
        #expect(styles.contains("<font><b/>"))
        #expect(styles.contains(#"quotePrefix="1""#))
    }

    @Test("Column widths follow content and are capped at 60")
    func columnWidths() throws {
        let sheet = try ZipFixture.part("xl/worksheets/sheet1.xml", of: XLSXWriter.workbook(sheets: [Self.sample]))
        #expect(sheet.contains(#"<col min="1" max="1" width="12" customWidth="1"/>"#))
        #expect(sheet.contains(#"<col min="3" max="3" width="60" customWidth="1"/>"#))
    }

    @Test("Parts are well-formed UTF-8 XML that our reader accepts")
    func partsParse() throws {
        let data = try XLSXWriter.workbook(sheets: [Self.sample])
        for path in try ZipFixture.paths(of: data) {
            let text = try ZipFixture.part(path, of: data)
            #expect(text.hasPrefix(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#), "\(path)")
            try XMLEvents.parse(Data(text.utf8), part: path, into: NullHandler())
        }
    }

    @Test("Output is deterministic")
    func deterministic() throws {
        #expect(try XLSXWriter.workbook(sheets: [Self.sample]) == XLSXWriter.workbook(sheets: [Self.sample]))
    }

    @Test("Writer rejects what Excel cannot open")
    func writerLimits() {
        #expect(throws: XLSXError.noSheets) { try XLSXWriter.workbook(sheets: []) }
        let wide = Sheet(name: "Rộng", header: Array(repeating: "x", count: 16_385))
        #expect(throws: XLSXError.tooManyColumns(sheet: "Rộng", count: 16_385)) {
            try XLSXWriter.workbook(sheets: [wide])
        }
    }

    @Test("Over-long text is cut to Excel's 32,767-character cell limit")
    func longText() throws {
        let long = String(repeating: "ệ", count: 40_000)
        let rows = try XLSXReader.rows(XLSXWriter.workbook(sheets: [Sheet(name: "A", rows: [[.text(long)]])]))
        #expect(rows.first?.first?.utf16.count == 32_767)
    }
}

private final class NullHandler: XMLEventHandler {
    func start(_ name: String, attributes: [String: String]) throws {}
    func end(_ name: String) throws {}
    func text(_ string: String) {}
}
