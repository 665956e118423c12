import Foundation

/// A good practice's standing: proposed by whoever writes it up, recognised by its province, recommended by the centre.
public enum PracticeStatus: String, CaseIterable, Codable, Sendable {
    case proposed, recognised, recommended

    public var vietnamese: String {
        switch self {
        case .proposed: "Đề xuất"
        case .recognised: "Tỉnh ghi nhận"
        case .recommended: "Trung ương khuyến nghị nhân rộng"
        }
    }

    /// Each step is taken once, in order.
    public var next: PracticeStatus? {
        switch self {
        case .proposed: .recognised
        case .recognised: .recommended
        case .recommended: nil
        }
    }
}

/// What a practice is about, for finding the ones that fit a place.
public enum PracticeTag: String, CaseIterable, Codable, Sendable {
    case border, ethnicLanguage = "ethnic_language", elderly, homeVisit = "home_visit", induction, mobileTeam = "mobile_team"
    case onlineChannel = "online_channel", youth, other

    public var vietnamese: String {
        switch self {
        case .border: "Biên giới, hải đảo"
        case .ethnicLanguage: "Tiếng dân tộc"
        case .elderly: "Người cao tuổi"
        case .homeVisit: "Hỗ trợ tại nhà"
        case .induction: "Làm quen việc"
        case .mobileTeam: "Đội lưu động"
        case .onlineChannel: "Kênh trực tuyến (chatbot, video)"
        case .youth: "Đoàn viên, thanh niên"
        case .other: "Khác"
        }
    }
}

/// The figure a practice's results are read from, in the rollups CauNoi already keeps.
public enum PracticeIndicator: String, CaseIterable, Codable, Sendable {
    case supportsPerVolunteer = "supports_per_volunteer", supports, homeVisits = "home_visits"

    public var vietnamese: String {
        switch self {
        case .supportsPerVolunteer: "Lượt hỗ trợ mỗi TNV"
        case .supports: "Lượt hỗ trợ người dân"
        case .homeVisits: "Lượt hỗ trợ tại nhà"
        }
    }

    /// The indicator's value from a period's figures; nil when it cannot be read (no active volunteer).
    public func value(_ f: RollupFigures) -> Double? {
        switch self {
        case .supportsPerVolunteer: f.volunteersActive > 0 ? Double(f.supports) / Double(f.volunteersActive) : nil
        case .supports: Double(f.supports)
        case .homeVisits: Double(f.supportsByPlace[SupportPlace.home.rawValue] ?? 0)
        }
    }
}

/// A practice as typed in the web or sent to the API.
public struct PracticeDraft: Codable, Sendable, Hashable {
    public var title: String?
    /// The commune (5 digits) or province (2 digits) it comes from.
    public var originCode: String?
    public var startDate: String?
    public var problem: String?
    public var whatWasDone: String?
    public var resources: String?
    public var results: String?
    public var indicator: String?
    public var tags: [String]?
    public init() {}

    enum CodingKeys: String, CodingKey {
        case title, originCode = "origin_code", startDate = "start_date", problem, whatWasDone = "what_was_done", resources, results
        case indicator, tags
    }
}

public struct ValidPractice: Sendable, Hashable {
    public var title: String
    public var originCode: String
    public var start: LocalDate
    public var problem: String?
    public var whatWasDone: String
    public var resources: String?
    public var results: String?
    public var indicator: PracticeIndicator
    public var tags: [PracticeTag]

    /// Every problem at once. No citizen's personal data in any field (the entries' detector).
    public static func validate(_ d: PracticeDraft, today: LocalDate) -> Result<Self, ValidationFailure> {
        var errors = FieldErrors()
        let title = FreeText.check(d.title, field: "title", maxLength: 160, required: true, errors: &errors)
        let origin = d.originCode?.trimmingCharacters(in: .whitespaces) ?? ""
        if origin.isEmpty {
            errors.add("origin_code", "Hãy chọn xã hoặc tỉnh có cách làm này.", "origin_code is required.")
        } else if ![OrgLevel.commune, .province].contains(OrgLevel(unitCode: origin)) {
            errors.add("origin_code", "Nơi có cách làm phải là một xã, phường (5 chữ số) hoặc một tỉnh (2 chữ số).",
                       "origin_code must be a commune or a province code.")
        }
        let start = CommonRules.date(d.startDate, field: "start_date", required: true, errors: &errors)
        if let start, start > today {
            errors.add("start_date", "Ngày bắt đầu \(start.longVietnamese) nằm trong tương lai.", "start_date is in the future.")
        }
        let problem = FreeText.check(d.problem, field: "problem", maxLength: 1_000, required: false, shape: .prose, errors: &errors)
        let done = FreeText.check(d.whatWasDone, field: "what_was_done", maxLength: 2_000, required: true, shape: .prose, errors: &errors)
        let resources = FreeText.check(d.resources, field: "resources", maxLength: 1_000, required: false, shape: .prose, errors: &errors)
        let results = FreeText.check(d.results, field: "results", maxLength: 1_000, required: false, shape: .prose, errors: &errors)
        let indicator = CommonRules.enumValue(d.indicator, PracticeIndicator.self, field: "indicator", default: .supportsPerVolunteer, errors: &errors)
        var tags: [PracticeTag] = []
        for (i, raw) in (d.tags ?? []).enumerated() {
            guard let tag = PracticeTag(rawValue: raw) else {
                errors.add("tags[\(i)]", "Nhãn \"\(raw)\" không có trong danh mục.", "Unknown tag \"\(raw)\".")
                continue
            }
            if !tags.contains(tag) { tags.append(tag) }
        }
        guard errors.isEmpty, let title, let start, let done, let indicator, start <= today else {
            return .failure(ValidationFailure(errors: errors.all))
        }
        return .success(.init(title: title, originCode: origin, start: start, problem: problem, whatWasDone: done, resources: resources,
                              results: results, indicator: indicator, tags: tags))
    }
}

/// Another commune or province taking a practice up.
public struct AdoptionDraft: Codable, Sendable, Hashable {
    public var unitCode: String?
    public var startDate: String?
    public var changes: String?
    public init() {}

    enum CodingKeys: String, CodingKey { case unitCode = "unit_code", startDate = "start_date", changes }
}

public struct ValidAdoption: Sendable, Hashable {
    public var unitCode: String
    public var start: LocalDate
    public var changes: String?

    public static func validate(_ d: AdoptionDraft, practiceStart: LocalDate, today: LocalDate) -> Result<Self, ValidationFailure> {
        var errors = FieldErrors()
        let unit = d.unitCode?.trimmingCharacters(in: .whitespaces) ?? ""
        if ![OrgLevel.commune, .province].contains(OrgLevel(unitCode: unit)) {
            errors.add("unit_code", "Hãy chọn xã, phường hoặc tỉnh áp dụng.", "unit_code must be a commune or a province.")
        }
        let start = CommonRules.date(d.startDate, field: "start_date", required: true, errors: &errors)
        if let start, start < practiceStart {
            errors.add("start_date", "Ngày áp dụng \(start.longVietnamese) trước khi cách làm bắt đầu (\(practiceStart.longVietnamese)).",
                       "The adoption starts before the practice did.")
        }
        if let start, start > today {
            errors.add("start_date", "Ngày áp dụng \(start.longVietnamese) nằm trong tương lai.", "start_date is in the future.")
        }
        let changes = FreeText.check(d.changes, field: "changes", maxLength: 1_000, required: false, shape: .prose, errors: &errors)
        guard errors.isEmpty, let start else { return .failure(ValidationFailure(errors: errors.all)) }
        return .success(.init(unitCode: unit, start: start, changes: changes))
    }
}

/// The weeks before and after an adoption whose indicator the practice page compares.
public enum AdoptionWindow {
    /// Four weeks before the adoption day, and from it up to four weeks (cut at `today`, so a recent adoption shows
    /// the days it has).
    public static func ranges(start: LocalDate, today: LocalDate, days: Int = 28) -> (before: DateRange, after: DateRange?) {
        let before = DateRange(from: start.adding(days: -days), to: start.adding(days: -1))!
        let end = min(start.adding(days: days - 1), today)
        return (before, end >= start ? DateRange(from: start, to: end) : nil)
    }
}

/// Search over practices: every word of the query, accents, đ/Đ, case and NFC/NFD folded, in the title, what was
/// done, the problem or the tags.
public enum PracticeSearch {
    public static func haystack(title: String, whatWasDone: String, problem: String?, tags: [PracticeTag]) -> String {
        VietnameseText.fold([title, whatWasDone, problem ?? "", tags.map(\.vietnamese).joined(separator: " ")].joined(separator: " "))
    }

    public static func matches(_ haystackFolded: String, query: String) -> Bool {
        VietnameseText.matches(haystackFolded, query: query)
    }
}
