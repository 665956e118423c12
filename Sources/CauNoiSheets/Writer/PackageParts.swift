/// The fixed package parts of a workbook: everything except the worksheets.
enum PackageParts {
    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let spreadsheetNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let packageRelationshipNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"

    static func worksheetPath(_ index: Int) -> String { "xl/worksheets/sheet\(index + 1).xml" }

    static func contentTypes(sheetCount: Int) -> String {
        let sheetOverrides = (0..<sheetCount).map {
            #"<Override PartName="/\#(worksheetPath($0))" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }.joined()
        return declaration
            + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            + sheetOverrides
            + "</Types>"
    }

    static let rootRelationships = declaration
        + #"<Relationships xmlns="\#(packageRelationshipNamespace)">"#
        + #"<Relationship Id="rId1" Type="\#(relationshipNamespace)/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    /// Sheet `i` gets relationship `rId(i+1)`; styles take the id after the last sheet.
    static func workbook(sheetNames: [String]) -> String {
        let sheets = sheetNames.enumerated().map { index, name in
            #"<sheet name="\#(XMLText.escapeAttribute(name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }.joined()
        return declaration
            + #"<workbook xmlns="\#(spreadsheetNamespace)" xmlns:r="\#(relationshipNamespace)">"#
            + #"<bookViews><workbookView activeTab="0"/></bookViews>"#
            + "<sheets>\(sheets)</sheets>"
            + "</workbook>"
    }

    static func workbookRelationships(sheetCount: Int) -> String {
        let sheets = (0..<sheetCount).map { index in
            #"<Relationship Id="rId\#(index + 1)" Type="\#(relationshipNamespace)/worksheet" Target="worksheets/sheet\#(index + 1).xml"/>"#
        }.joined()
        return declaration
            + #"<Relationships xmlns="\#(packageRelationshipNamespace)">"#
            + sheets
            + #"<Relationship Id="rId\#(sheetCount + 1)" Type="\#(relationshipNamespace)/styles" Target="styles.xml"/>"#
            + "</Relationships>"
    }

    /// Cell formats, indexed by `CellStyle`. `quotePrefix` is Excel's own flag for
    /// "this text was typed with a leading apostrophe": it stays text even when edited.
    static let styles = declaration
        + #"<styleSheet xmlns="\#(spreadsheetNamespace)">"#
        + #"<fonts count="2">"#
        + #"<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
        + #"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
        + "</fonts>"
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="4">"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" quotePrefix="1"/>"#
        + "</cellXfs>"
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"
}

/// Indexes into `cellXfs` of `PackageParts.styles`.
enum CellStyle: Int {
    case normal = 0
    case header = 1
    case literalText = 2
    case literalHeader = 3
}
