/// Errors from reading or writing XLSX.
///
/// `message` is Vietnamese only, suitable to show to volunteers who uploaded a file;
/// `description` adds English after it for server logs.
public enum XLSXError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The bytes are not a readable ZIP archive (or an entry in it is corrupt).
    case notZip
    /// The ZIP has no spreadsheet workbook part.
    case missingWorkbook
    /// A part referenced by the package (for example a worksheet) is not in the ZIP.
    case missingPart(String)
    /// The requested worksheet index does not exist; `count` is how many worksheets there are.
    case sheetIndexOutOfRange(index: Int, count: Int)
    /// A part is not well-formed XML, or holds values that cannot be valid (line is 1-based, 0 if unknown).
    case malformedXML(part: String, line: Int)
    /// The content exceeds the reader's safety limits (decompressed part size or cell count).
    case tooLarge
    /// `XLSXWriter.workbook(sheets:)` was given no sheets; a workbook needs at least one.
    case noSheets
    /// A sheet has more rows than Excel supports (1,048,576 including the header).
    case tooManyRows(sheet: String, count: Int)
    /// A sheet has more columns than Excel supports (16,384).
    case tooManyColumns(sheet: String, count: Int)
    /// Building the ZIP archive failed.
    case writeFailed

    /// Vietnamese message for end users.
    public var message: String {
        switch self {
        case .notZip:
            return "Tệp không phải XLSX hợp lệ (không đọc được nén ZIP)"
        case .missingWorkbook:
            return "Tệp không phải XLSX hợp lệ (không tìm thấy workbook)"
        case .missingPart(let part):
            return "Tệp XLSX bị thiếu phần \(part)"
        case .sheetIndexOutOfRange(let index, let count):
            return "Không có trang tính số \(index + 1) (tệp chỉ có \(count) trang tính)"
        case .malformedXML(let part, let line):
            return "Tệp XLSX bị hỏng: XML không hợp lệ trong \(part)" + (line > 0 ? " (dòng \(line))" : "")
        case .tooLarge:
            return "Tệp XLSX quá lớn để xử lý"
        case .noSheets:
            return "Không có trang tính nào để xuất"
        case .tooManyRows(let sheet, let count):
            return "Trang tính \"\(sheet)\" có \(count) dòng, vượt giới hạn 1.048.576 dòng của Excel"
        case .tooManyColumns(let sheet, let count):
            return "Trang tính \"\(sheet)\" có \(count) cột, vượt giới hạn 16.384 cột của Excel"
        case .writeFailed:
            return "Không tạo được tệp XLSX"
        }
    }

    /// English counterpart, for logs read by non-Vietnamese speakers.
    public var englishMessage: String {
        switch self {
        case .notZip: return "not a valid XLSX file (cannot read ZIP archive)"
        case .missingWorkbook: return "not a valid XLSX file (no workbook part)"
        case .missingPart(let part): return "XLSX package is missing part \(part)"
        case .sheetIndexOutOfRange(let index, let count):
            return "worksheet index \(index) out of range (workbook has \(count))"
        case .malformedXML(let part, let line):
            return "malformed XML in \(part)" + (line > 0 ? " at line \(line)" : "")
        case .tooLarge: return "XLSX content exceeds reader limits"
        case .noSheets: return "no sheets to write"
        case .tooManyRows(let sheet, let count): return "sheet \"\(sheet)\" has \(count) rows (Excel max 1,048,576)"
        case .tooManyColumns(let sheet, let count): return "sheet \"\(sheet)\" has \(count) columns (Excel max 16,384)"
        case .writeFailed: return "could not build the XLSX archive"
        }
    }

    public var description: String { "\(message) — \(englishMessage)" }
}
