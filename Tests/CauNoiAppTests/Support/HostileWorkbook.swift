import CauNoiSheets
import Foundation
import ZIPFoundation

/// Workbooks an attacker would send: a real template with its worksheet swapped for a hostile one.
enum HostileWorkbook {
    /// `rows × columns` empty `<c/>` elements: a few hundred KB compressed, millions of cells declared.
    static func emptyCells(rows: Int, columns: Int) throws -> Data {
        let row = "<row>" + String(repeating: "<c/>", count: columns) + "</row>"
        let sheet = #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
            + String(repeating: row, count: rows) + "</sheetData></worksheet>"
        return try replacingSheet(in: try XLSXWriter.workbook(sheets: [Sheet(name: "Nhập liệu", header: ["Mã đội"], rows: [])]),
                                  with: Data(sheet.utf8))
    }

    static func replacingSheet(in workbook: Data, with sheet: Data) throws -> Data {
        let archive = try Archive(data: workbook, accessMode: .update)
        let path = "xl/worksheets/sheet1.xml"
        if let existing = archive[path] { try archive.remove(existing) }
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(sheet.count), compressionMethod: .deflate) { position, size in
            sheet.subdata(in: Int(position)..<Int(position) + size)
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }
}
