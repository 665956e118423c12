import Foundation

/// A week's entries as a commune secretary types them into the template (CSV or XLSX).
public struct SpreadsheetRow: Sendable, Hashable {
    /// 1-based line in the file, header included, as Excel numbers it.
    public var line: Int
    public var teamCode: String
    public var date: LocalDate
    public var communeCode: String?
    public var counts: [String: Int]
    public var beneficiaries: [String: Int]
    public var place: String
    public var note: String?
    /// Who took part, as typed: phones or names of the team's members ("0912345678, Trần Thị Lan").
    public var attendance: [String] = []
    /// The row had unreadable cells (already reported): it is checked for everything else, never stored.
    public var unreadable = false
}

public struct RowError: Error, Sendable, Hashable {
    public var line: Int
    public var column: String?
    public var message: String
    public var messageEN: String

    public init(line: Int, column: String?, message: String, messageEN: String) {
        self.line = line; self.column = column; self.message = message; self.messageEN = messageEN
    }
}

public enum SpreadsheetTemplate {
    public static let teamHeader = "Mã đội hình"
    public static let dateHeader = "Ngày (dd/mm/yyyy)"
    public static let communeHeader = "Mã xã (để trống nếu là xã của đội)"
    public static let placeHeader = "Địa điểm"
    public static let noteHeader = "Ghi chú (không ghi thông tin cá nhân)"
    public static let attendanceHeader = "Tình nguyện viên tham gia (số điện thoại hoặc họ tên, cách nhau bằng dấu phẩy)"
    public static let groupHeaders: [(header: String, group: BeneficiaryGroup)] = [
        ("Người cao tuổi", .elderly), ("Đồng bào dân tộc thiểu số", .ethnicMinority), ("Người khuyết tật", .disabled),
    ]

    public static func header(categories: [SupportCategory]) -> [String] {
        [teamHeader, dateHeader, communeHeader] + categories.map(\.name) + groupHeaders.map(\.header) + [placeHeader, attendanceHeader, noteHeader]
    }

    /// Reads rows with headers matched loosely (accents, case, spacing ignored), so a re-typed header still works.
    public static func parse(_ rows: [[String]], categories: [SupportCategory]) -> (rows: [SpreadsheetRow], errors: [RowError]) {
        guard let header = rows.first else {
            return ([], [RowError(line: 1, column: nil, message: "Tệp trống.", messageEN: "The file is empty.")])
        }
        let folded = header.map { VietnameseText.fold($0) }
        func column(_ name: String) -> Int? {
            let key = VietnameseText.fold(name)
            return folded.firstIndex { $0 == key || $0.hasPrefix(key + " (") }
        }
        var errors: [RowError] = []
        guard let teamColumn = column("Mã đội hình"), let dateColumn = column("Ngày") else {
            return ([], [RowError(line: 1, column: nil, message: "Thiếu cột \"\(teamHeader)\" hoặc \"Ngày\". Hãy dùng tệp mẫu.",
                                  messageEN: "Missing the team or date column; use the template.")])
        }
        let communeColumn = column("Mã xã")
        let placeColumn = column(placeHeader)
        let noteColumn = column("Ghi chú")
        let attendanceColumn = column("Tình nguyện viên tham gia") ?? column("Người có mặt")
        let categoryColumns = categories.compactMap { c in (column(c.name) ?? column(c.code)).map { (c.code, c.name, $0) } }
        let groupColumns = groupHeaders.compactMap { g in column(g.header).map { (g.group, g.header, $0) } }
        if categoryColumns.isEmpty {
            errors.append(RowError(line: 1, column: nil, message: "Không có cột nội dung hỗ trợ nào khớp danh mục của chiến dịch.",
                                   messageEN: "No column matches a campaign category."))
        }

        var out: [SpreadsheetRow] = []
        for (offset, raw) in rows.dropFirst().enumerated() {
            let line = offset + 2
            let cell = { (i: Int?) -> String in
                guard let i, i < raw.count else { return "" }
                return raw[i].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if raw.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            var rowErrors: [RowError] = []
            let team = cell(teamColumn)
            if team.isEmpty { rowErrors.append(.init(line: line, column: teamHeader, message: "Thiếu mã đội hình.", messageEN: "Missing team code.")) }
            let dateText = cell(dateColumn)
            let date = parseDate(dateText)
            if date == nil {
                rowErrors.append(.init(line: line, column: dateHeader, message: "Ngày \"\(dateText)\" không hợp lệ (dd/mm/yyyy).",
                                       messageEN: "Invalid date \"\(dateText)\" (dd/mm/yyyy)."))
            }
            var counts: [String: Int] = [:]
            for (code, name, index) in categoryColumns {
                let text = cell(index)
                guard !text.isEmpty else { continue }
                guard let n = Int(text.replacingOccurrences(of: ".", with: "")) else {
                    rowErrors.append(.init(line: line, column: name, message: "\"\(text)\" không phải số lượt.", messageEN: "\"\(text)\" is not a count."))
                    continue
                }
                if n != 0 { counts[code] = n }
            }
            var groups: [String: Int] = [:]
            for (group, name, index) in groupColumns {
                let text = cell(index)
                guard !text.isEmpty else { continue }
                guard let n = Int(text) else {
                    rowErrors.append(.init(line: line, column: name, message: "\"\(text)\" không phải số.", messageEN: "\"\(text)\" is not a number."))
                    continue
                }
                if n != 0 { groups[group.rawValue] = n }
            }
            let placeText = cell(placeColumn)
            let place = placeText.isEmpty ? SupportPlace.serviceCentre : SupportPlace.named(placeText)
            if place == nil {
                let allowed = SupportPlace.allCases.map(\.vietnamese).joined(separator: "; ")
                rowErrors.append(.init(line: line, column: placeHeader, message: "Địa điểm \"\(placeText)\" không hợp lệ; dùng: \(allowed).",
                                       messageEN: "Unknown place \"\(placeText)\"."))
            }
            let commune = cell(communeColumn)
            errors += rowErrors
            // A row with an unreadable cell is still checked for the rest (team, commune, dates, people), so every
            // problem of the file comes back in one round; it is never stored.
            if !team.isEmpty, let date {
                let note = cell(noteColumn)
                let attendance = cell(attendanceColumn).split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" })
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                out.append(SpreadsheetRow(line: line, teamCode: team.uppercased(), date: date, communeCode: commune.isEmpty ? nil : commune,
                                          counts: counts, beneficiaries: groups, place: (place ?? .serviceCentre).rawValue,
                                          note: note.isEmpty ? nil : note, attendance: attendance, unreadable: !rowErrors.isEmpty))
            }
        }
        if out.isEmpty && errors.isEmpty {
            errors.append(RowError(line: 2, column: nil, message: "Tệp không có dòng dữ liệu nào.", messageEN: "No data rows."))
        }
        return (out, errors)
    }

    /// Excel gives ISO dates for date cells (see XLSXReader); people type dd/mm/yyyy.
    static func parseDate(_ s: String) -> LocalDate? {
        if let iso = LocalDate(iso: String(s.prefix(10))) { return iso }
        let parts = s.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return LocalDate(year: parts[2] < 100 ? 2000 + parts[2] : parts[2], month: parts[1], day: parts[0])
    }
}
