import Foundation

/// A session's attendance list as a sheet (the sign-in sheet typed up, or a meeting platform's export): one person
/// per row, told apart by phone; the name helps whoever fixes a row. Every unreadable row is reported with its
/// line and column in one pass; matching phones to volunteers is the caller's.
public enum AttendanceSheet {
    public enum Column: String, SheetColumn, Sendable {
        case fullName, phone

        public var header: String {
            switch self {
            case .fullName: "Họ và tên"
            case .phone: "Số điện thoại"
            }
        }

        public var aliases: [String] {
            switch self {
            case .fullName: ["ho ten", "ten", "hoc vien", "ten hoc vien", "nguoi tham du", "full name", "name"]
            case .phone: ["dien thoai", "sdt", "so dt", "so dien thoai di dong", "phone", "phone number", "mobile"]
            }
        }
    }

    public struct Row: Sendable, Hashable {
        public var line: Int
        public var phone: String
        public var name: String?
    }

    public static func parse(_ table: [[String]]) -> (rows: [Row], errors: [RowError]) {
        guard let header = table.first else {
            return ([], [RowError(line: 1, column: nil, message: "Tệp trống.", messageEN: "The file is empty.")])
        }
        let index = Column.index(header)
        guard index[.phone] != nil else {
            return ([], [RowError(line: 1, column: nil, message: "Thiếu cột: Số điện thoại.", messageEN: "Missing column: phone.")])
        }
        var rows: [Row] = []
        var errors: [RowError] = []
        var firstLine: [String: Int] = [:]
        for (offset, cells) in table.dropFirst().enumerated() {
            let line = offset + 2
            func cell(_ c: Column) -> String {
                guard let i = index[c], i < cells.count else { return "" }
                return cells[i].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if Column.allCases.allSatisfy({ cell($0).isEmpty }) { continue }
            let typed = cell(.phone)
            guard !typed.isEmpty else {
                errors.append(RowError(line: line, column: Column.phone.header, message: "Thiếu số điện thoại.", messageEN: "The phone is missing."))
                continue
            }
            guard let phone = CourseSheet.readPhone(typed) else {
                errors.append(RowError(line: line, column: Column.phone.header,
                                       message: "Số điện thoại di động không hợp lệ (10 số, bắt đầu bằng 03, 05, 07, 08 hoặc 09).",
                                       messageEN: "Invalid mobile phone number."))
                continue
            }
            if let first = firstLine[phone] {
                errors.append(RowError(line: line, column: Column.phone.header, message: "Trùng số điện thoại với dòng \(first).",
                                       messageEN: "Same phone as line \(first)."))
                continue
            }
            firstLine[phone] = line
            let name = cell(.fullName)
            rows.append(Row(line: line, phone: phone, name: name.isEmpty ? nil : String(name.prefix(120))))
        }
        return (rows, errors)
    }
}
