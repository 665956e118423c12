import Testing
@testable import CauNoiSheets

@Suite("Dates, number formats and text escapes")
struct FormatTests {
    @Test("Excel 1900 serials, including the fictitious 1900-02-29", arguments: [
        (1.0, "1900-01-01"), (59.0, "1900-02-28"), (60.0, "1900-02-29"), (61.0, "1900-03-01"),
        (36892.0, "2001-01-01"), (45000.0, "2023-03-15"), (45000.99, "2023-03-15"), (2_958_465.0, "9999-12-31"),
    ])
    func serial1900(serial: Double, expected: String) {
        #expect(SerialDate.render(serial, as: .date, uses1904Dates: false) == expected)
    }

    @Test("1904 system, times and out-of-range serials")
    func otherSerials() {
        #expect(SerialDate.render(0, as: .date, uses1904Dates: true) == "1904-01-01")
        #expect(SerialDate.render(43538, as: .date, uses1904Dates: true) == "2023-03-15")
        #expect(SerialDate.render(0.75, as: .time, uses1904Dates: false) == "18:00:00")
        #expect(SerialDate.render(45000.25, as: .dateTime, uses1904Dates: false) == "2023-03-15 06:00:00")
        #expect(SerialDate.render(1.5, as: .duration, uses1904Dates: false) == "36:00:00")
        #expect(SerialDate.render(-1, as: .date, uses1904Dates: false) == nil)
        #expect(SerialDate.render(3_000_000, as: .date, uses1904Dates: false) == nil)
        #expect(SerialDate.render(45000, as: .plain, uses1904Dates: false) == nil)
    }

    @Test("Built-in format ids", arguments: [
        (0, NumberFormatKind.plain), (2, .plain), (14, .date), (17, .date), (18, .time), (21, .time),
        (22, .dateTime), (45, .time), (46, .duration), (49, .plain),
    ])
    func builtIn(id: Int, kind: NumberFormatKind) {
        #expect(NumberFormatKind.builtIn(id) == kind)
    }

    @Test("Custom format codes", arguments: [
        ("dd/mm/yyyy;@", NumberFormatKind.date), ("[$-42A]d mmmm yyyy", .date), ("mmm-yy", .date),
        ("d/m/yyyy\\ h:mm", .dateTime), ("h:mm AM/PM", .time), ("mm:ss", .time), ("[h]:mm:ss", .duration),
        ("General", .plain), ("0.00E+00", .plain), ("#,##0 \"đồng\"", .plain), ("0.0\" ngày\"", .plain),
        ("[Red]#,##0;[Blue]-#,##0", .plain), ("@", .plain), ("0;\"d\"", .plain),
    ])
    func custom(code: String, kind: NumberFormatKind) {
        #expect(NumberFormatKind.classify(code) == kind)
    }

    @Test("Numbers keep their written form except integral fractions", arguments: [
        ("12", "12"), ("12.0", "12"), ("-3.000", "-3"), ("0.0", "0"), ("12.50", "12.50"),
        ("1E+21", "1E+21"), ("0.30000000000000004", "0.30000000000000004"), ("1.", "1."),
    ])
    func numberText(raw: String, expected: String) {
        #expect(NumberText.render(raw) == expected)
    }

    @Test("Writer number text")
    func writerNumbers() {
        #expect(CellContent.numberText(3.0) == "3")
        #expect(CellContent.numberText(-0.0) == "0")
        #expect(CellContent.numberText(0.1) == "0.1")
        #expect(CellContent.numberText(1e15) == "1000000000000000")
        #expect(CellContent.numberText(1e20) == "1e+20")
        #expect(CellContent.numberText(1.5e-7) == "1.5e-07")
        #expect(CellContent.numberText(.nan) == nil)
    }

    @Test("OOXML _xHHHH_ escapes")
    func ooxmlEscapes() {
        #expect(XMLText.decodeOOXMLEscapes("a_x000D_b") == "a\rb")
        #expect(XMLText.decodeOOXMLEscapes("_x005F_x0041_") == "_x0041_")
        #expect(XMLText.decodeOOXMLEscapes("_xD83D__xDE00_") == "😀")
        #expect(XMLText.decodeOOXMLEscapes("_x00G1_ _x12_") == "_x00G1_ _x12_")
        #expect(XMLText.encodeOOXMLEscapes("_x0041_ và _xabcd_") == "_x005F_x0041_ và _x005F_xabcd_")
        let tricky = "__x0041__x0042_x"
        #expect(XMLText.decodeOOXMLEscapes(XMLText.encodeOOXMLEscapes(tricky)) == tricky)
    }

    @Test("Cell references")
    func references() {
        #expect(CellReference.columnName(0) == "A")
        #expect(CellReference.columnName(25) == "Z")
        #expect(CellReference.columnName(26) == "AA")
        #expect(CellReference.columnName(16_383) == "XFD")
        #expect(CellReference.parse("C5")! == (4, 2))
        #expect(CellReference.parse("$AB$10")! == (9, 27))
        #expect(CellReference.parse("xfd1048576")! == (1_048_575, 16_383))
        #expect(CellReference.parse("XFE1") == nil)
        #expect(CellReference.parse("A0") == nil)
        #expect(CellReference.parse("5C") == nil)
        #expect(CellReference.parse("A1048577") == nil)
    }

    @Test("Relationship targets resolve like Excel resolves them")
    func partPaths() {
        #expect(PartPath.relationships(of: "xl/workbook.xml") == "xl/_rels/workbook.xml.rels")
        #expect(PartPath.relationships(of: "") == "_rels/.rels")
        #expect(PartPath.resolve("worksheets/sheet1.xml", from: "xl/workbook.xml") == "xl/worksheets/sheet1.xml")
        #expect(PartPath.resolve("/xl/worksheets/sheet1.xml", from: "xl/workbook.xml") == "xl/worksheets/sheet1.xml")
        #expect(PartPath.resolve("../customXml/item1.xml", from: "xl/workbook.xml") == "customXml/item1.xml")
        #expect(PartPath.resolve("xl/workbook.xml", from: "") == "xl/workbook.xml")
    }
}
