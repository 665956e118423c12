import Foundation

/// Reads cell text from XLSX files written by Excel, LibreOffice, Google Sheets or `XLSXWriter`.
///
/// Worksheets are counted in tab order, skipping chart sheets. The result is rectangular
/// (every row padded with "" to the widest row) and has no trailing empty rows.
/// Values are display-oriented text: shared/inline/rich strings as-is, numbers as written
/// (integers without ".0"), booleans as "TRUE"/"FALSE", errors as their code ("#DIV/0!"),
/// date-formatted serials as "YYYY-MM-DD" (date-time formats "YYYY-MM-DD HH:MM:SS",
/// time formats "HH:MM:SS", elapsed formats "H:MM:SS"). Formulas yield their cached result.
public enum XLSXReader: Sendable {
    /// Rows of the worksheet at zero-based `sheet` index.
    /// - Throws: `XLSXError` (`.notZip`, `.missingWorkbook`, `.missingPart`,
    ///   `.sheetIndexOutOfRange`, `.malformedXML`, `.tooLarge`).
    public static func rows(_ data: Data, sheet: Int = 0, limits: XLSXLimits = .excel) throws -> [[String]] {
        let package = try ZipPackage(data: data, limits: limits)
        let workbook = try WorkbookIndex.load(from: package)
        guard workbook.worksheets.indices.contains(sheet) else {
            throw XLSXError.sheetIndexOutOfRange(index: sheet, count: workbook.worksheets.count)
        }
        let worksheet = workbook.worksheets[sheet]
        guard let path = worksheet.path, let sheetData = try package.read(path) else {
            throw XLSXError.missingPart(worksheet.reference)
        }
        let sharedStrings = try workbook.sharedStringsPath.map { path in
            try SharedStringsParser.parse(package.read(path) ?? Data(), part: path, maxStrings: limits.maxSharedStrings)
        } ?? []
        let formats = try workbook.stylesPath.map { path in
            try StylesParser.parse(package.read(path) ?? Data(), part: path)
        } ?? []
        return try WorksheetParser.rows(sheetData, part: path, sharedStrings: sharedStrings,
                                        formats: formats, uses1904Dates: workbook.uses1904Dates, limits: limits)
    }

    /// Worksheet tab names in the order `rows(_:sheet:)` indexes them.
    public static func sheetNames(_ data: Data) throws -> [String] {
        try WorkbookIndex.load(from: ZipPackage(data: data)).worksheets.map(\.name)
    }
}
