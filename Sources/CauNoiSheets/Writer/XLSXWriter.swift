import Foundation

/// Writes minimal, valid XLSX workbooks in memory.
///
/// Strings are stored inline (`t="inlineStr"`), so there is no shared-strings table and
/// no text can ever be interpreted as a formula.
public enum XLSXWriter: Sendable {
    /// Builds an XLSX file. Sheet names are sanitized for Excel; the first sheet is selected.
    /// - Throws: `XLSXError.noSheets`, `.tooManyRows`, `.tooManyColumns`, `.writeFailed`.
    public static func workbook(sheets: [Sheet]) throws -> Data {
        guard !sheets.isEmpty else { throw XLSXError.noSheets }
        let names = SheetNames.sanitize(sheets.map(\.name))
        var parts: [(path: String, data: Data)] = [
            // Conventionally first, which some strict readers expect.
            ("[Content_Types].xml", Data(PackageParts.contentTypes(sheetCount: sheets.count).utf8)),
            ("_rels/.rels", Data(PackageParts.rootRelationships.utf8)),
            ("xl/workbook.xml", Data(PackageParts.workbook(sheetNames: names).utf8)),
            ("xl/_rels/workbook.xml.rels", Data(PackageParts.workbookRelationships(sheetCount: sheets.count).utf8)),
            ("xl/styles.xml", Data(PackageParts.styles.utf8)),
        ]
        for (index, sheet) in sheets.enumerated() {
            let xml = try WorksheetXML.render(sheet, name: names[index], selected: index == 0)
            parts.append((PackageParts.worksheetPath(index), Data(xml.utf8)))
        }
        return try ZipWriter.archive(parts)
    }
}
