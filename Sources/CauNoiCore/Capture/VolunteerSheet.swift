import Foundation

/// A province's list of volunteers as a spreadsheet (CSV or XLSX): one person per row under Vietnamese headers,
/// values as people type them ("Nữ", "Có", "Tại chỗ", "Tày, Nùng", "15/07/2025", a commune by name). Every problem
/// is reported with its row and column in one pass; nothing here touches storage.
public enum VolunteerSheet {
    public enum Column: String, SheetColumn, Sendable {
        case fullName, phone, birthYear, gender, unionMember, affiliation, commune, forceType, techSkill, communicationSkill
        case languages, motorbike, consentDate

        /// The template's header.
        public var header: String {
            switch self {
            case .fullName: "Họ và tên"
            case .phone: "Số điện thoại"
            case .birthYear: "Năm sinh"
            case .gender: "Giới tính"
            case .unionMember: "Đoàn viên"
            case .affiliation: "Trường / đơn vị"
            case .commune: "Xã, phường cư trú"
            case .forceType: "Lực lượng"
            case .techSkill: "Kỹ năng công nghệ"
            case .communicationSkill: "Kỹ năng giao tiếp"
            case .languages: "Ngôn ngữ"
            case .motorbike: "Có xe máy"
            case .consentDate: "Ngày đồng ý"
            }
        }

        /// Other headers people use for the same column (folded).
        public var aliases: [String] {
            switch self {
            case .fullName: ["ho ten", "ten", "full name", "full_name"]
            case .phone: ["dien thoai", "sdt", "so dt", "phone"]
            case .birthYear: ["nam sinh", "birth year", "birth_year"]
            case .gender: ["gioi tinh", "gender"]
            case .unionMember: ["doan vien", "union member", "union_member"]
            case .affiliation: ["truong", "don vi", "truong don vi", "affiliation"]
            case .commune: ["xa phuong cu tru", "xa phuong", "xa", "phuong", "ma xa", "home_commune_code", "commune"]
            case .forceType: ["luc luong", "force type", "force_type"]
            case .techSkill: ["ky nang cong nghe", "tech skill", "tech_skill"]
            case .communicationSkill: ["ky nang giao tiep", "communication skill", "communication_skill"]
            case .languages: ["ngon ngu", "languages"]
            case .motorbike: ["co xe may", "xe may", "motorbike", "has_motorbike"]
            case .consentDate: ["ngay dong y", "ngay dong y tham gia", "consent date", "consent_date"]
            }
        }

        static let required: [Column] = [.fullName, .phone, .commune, .consentDate]
    }

    public struct Row: Sendable, Hashable {
        /// The row's line in the file (the header is line 1).
        public var line: Int
        public var draft: VolunteerDraft
    }

    /// The column a validator's field belongs to, for row errors that name what the person sees.
    public static func column(forField field: String) -> Column? {
        switch field {
        case "full_name": .fullName
        case "phone": .phone
        case "birth_year": .birthYear
        case "gender": .gender
        case "union_member": .unionMember
        case "affiliation": .affiliation
        case "home_commune_code": .commune
        case "force_type": .forceType
        case "tech_skill": .techSkill
        case "communication_skill": .communicationSkill
        case "languages": .languages
        case "has_motorbike": .motorbike
        case "consent_date": .consentDate
        default: nil
        }
    }

    /// Rows as drafts, with every unreadable value as a row error. `commune` turns what was typed into a commune
    /// code (a code, a name, a former name) or a message saying why it cannot.
    public static func parse(_ table: [[String]], commune: (String) -> Result<String, UnitNameMatcher.Problem>)
        -> (rows: [Row], errors: [RowError]) {
        guard let header = table.first else {
            return ([], [RowError(line: 1, column: nil, message: "Tệp trống.", messageEN: "The file is empty.")])
        }
        let index = Column.index(header)
        let missing = Column.required.filter { index[$0] == nil }
        guard missing.isEmpty else {
            return ([], [RowError(line: 1, column: nil,
                                  message: "Thiếu cột: " + missing.map(\.header).joined(separator: ", ") + ". Hãy dùng tệp mẫu.",
                                  messageEN: "Missing columns: " + missing.map(\.rawValue).joined(separator: ", ") + ".")])
        }
        var rows: [Row] = []
        var errors: [RowError] = []
        for (offset, cells) in table.dropFirst().enumerated() {
            let line = offset + 2
            func cell(_ c: Column) -> String {
                guard let i = index[c], i < cells.count else { return "" }
                return cells[i].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if Column.allCases.allSatisfy({ cell($0).isEmpty }) { continue }   // blank rows are skipped
            func bad(_ c: Column, _ vi: String, _ en: String) { errors.append(RowError(line: line, column: c.header, message: vi, messageEN: en)) }
            var d = VolunteerDraft()
            d.fullName = cell(.fullName)
            d.phone = cell(.phone)
            let year = cell(.birthYear)
            if !year.isEmpty {
                if let y = Int(year.replacingOccurrences(of: ".0", with: "")) { d.birthYear = y } else { bad(.birthYear, "Năm sinh phải là số, ví dụ 2003.", "Birth year must be a number.") }
            }
            d.gender = choice(cell(.gender), Gender.self, \.vietnamese) { bad(.gender, $0, $1) }
            d.unionMember = yesNo(cell(.unionMember)) { bad(.unionMember, $0, $1) } ?? false
            d.affiliation = cell(.affiliation).isEmpty ? nil : cell(.affiliation)
            let typed = cell(.commune)
            if !typed.isEmpty {
                switch commune(typed) {
                case .success(let code): d.homeCommuneCode = code
                case .failure(let problem): bad(.commune, problem.message, problem.messageEN)
                }
            }
            d.forceType = choice(cell(.forceType), ForceType.self, \.vietnamese) { bad(.forceType, $0, $1) } ?? ForceType.local.rawValue
            d.techSkill = choice(cell(.techSkill), SkillLevel.self, \.vietnamese) { bad(.techSkill, $0, $1) }
            d.communicationSkill = choice(cell(.communicationSkill), SkillLevel.self, \.vietnamese) { bad(.communicationSkill, $0, $1) }
            var languages: [String] = []
            for name in cell(.languages).split(whereSeparator: { $0 == "," || $0 == ";" }).map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
                if let code = choice(name, Language.self, \.vietnamese, invalid: { bad(.languages, $0, $1) }) { languages.append(code) }
            }
            d.languages = languages
            d.hasMotorbike = yesNo(cell(.motorbike)) { bad(.motorbike, $0, $1) } ?? false
            let consent = cell(.consentDate)
            if !consent.isEmpty {
                if let day = SpreadsheetTemplate.parseDate(consent) { d.consentDate = day.iso } else {
                    bad(.consentDate, "Ngày không hợp lệ, cần dạng dd/mm/yyyy.", "Invalid date; use dd/mm/yyyy.")
                }
            }
            rows.append(Row(line: line, draft: d))
        }
        if rows.isEmpty && errors.isEmpty {
            errors.append(RowError(line: 2, column: nil, message: "Tệp không có dòng dữ liệu nào.", messageEN: "No data rows."))
        }
        return (rows, errors)
    }

    /// A stored volunteer as a row of the template, in `Column` order, with Vietnamese labels and the commune by
    /// name: an export reads back through `parse` as the same person (so re-importing it stores nothing twice).
    public static func cells(_ d: VolunteerDraft, communeLabel: String) -> [String] {
        func label<E: RawRepresentable & CaseIterable>(_ raw: String?, _ type: E.Type, _ name: (E) -> String) -> String where E.RawValue == String {
            raw.flatMap(E.init(rawValue:)).map(name) ?? (raw ?? "")
        }
        return Column.allCases.map { column in
            switch column {
            case .fullName: d.fullName ?? ""
            case .phone: d.phone ?? ""
            case .birthYear: d.birthYear.map(String.init) ?? ""
            case .gender: label(d.gender, Gender.self, \.vietnamese)
            case .unionMember: d.unionMember == true ? "Có" : "Không"
            case .affiliation: d.affiliation ?? ""
            case .commune: communeLabel
            case .forceType: label(d.forceType, ForceType.self, \.vietnamese)
            case .techSkill: label(d.techSkill, SkillLevel.self, \.vietnamese)
            case .communicationSkill: label(d.communicationSkill, SkillLevel.self, \.vietnamese)
            case .languages: (d.languages ?? []).map { label($0, Language.self, \.vietnamese) }.joined(separator: ", ")
            case .motorbike: d.hasMotorbike == true ? "Có" : "Không"
            case .consentDate: d.consentDate.flatMap(LocalDate.init(iso:))?.longVietnamese ?? ""
            }
        }
    }

    /// A value by its Vietnamese label or its code, accents and case optional; nil when empty.
    private static func choice<E: RawRepresentable & CaseIterable>(_ text: String, _ type: E.Type, _ label: (E) -> String,
                                                                   invalid: (String, String) -> Void) -> String? where E.RawValue == String {
        guard !text.isEmpty else { return nil }
        let folded = VietnameseText.words(text).joined(separator: " ")
        if let match = E.allCases.first(where: { VietnameseText.words(label($0)).joined(separator: " ") == folded || $0.rawValue == folded }) {
            return match.rawValue
        }
        invalid("“\(text)” không có trong danh sách: " + E.allCases.map(label).joined(separator: ", ") + ".",
                "\"\(text)\" is not one of: " + E.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        return nil
    }

    private static func yesNo(_ text: String, invalid: (String, String) -> Void) -> Bool? {
        guard !text.isEmpty else { return nil }
        switch VietnameseText.words(text).joined(separator: " ") {
        case "co", "x", "1", "yes", "true", "dung": return true
        case "khong", "0", "no", "false": return false
        default:
            invalid("Ghi “Có” hoặc “Không”.", "Write Có (yes) or Không (no).")
            return nil
        }
    }
}
