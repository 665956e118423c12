import Foundation

/// Writing CSV that spreadsheets open safely.
public enum CSVWriter {
    /// A cell a spreadsheet would run as a formula (= + - @, or a leading tab/CR) gets a leading apostrophe.
    public static func neutralise(_ value: String) -> String {
        guard let first = value.unicodeScalars.first else { return value }
        return "=+-@\t\r".unicodeScalars.contains(first) ? "'" + value : value
    }

    public static func cell(_ value: String) -> String {
        let safe = neutralise(value)
        if safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) {
            return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return safe
    }

    /// UTF-8 with a BOM so that Excel shows Vietnamese correctly; CRLF line ends as RFC 4180 asks.
    public static func document(header: [String], rows: [[String]]) -> String {
        var out = "\u{FEFF}" + header.map(cell).joined(separator: ",") + "\r\n"
        for row in rows { out += row.map(cell).joined(separator: ",") + "\r\n" }
        return out
    }
}
