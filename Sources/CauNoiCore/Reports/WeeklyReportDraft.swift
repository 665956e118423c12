import Foundation

public enum DifficultyCategory: String, Codable, CaseIterable, Sendable {
    case equipment, network
    case staffShortage = "staff_shortage"
    case procedure
    case platformFault = "platform_fault"
    case other

    public var vietnamese: String {
        switch self {
        case .equipment: "Trang thiết bị"
        case .network: "Đường truyền, mạng"
        case .staffShortage: "Thiếu nhân lực"
        case .procedure: "Vướng mắc thủ tục"
        case .platformFault: "Lỗi nền tảng (VNeID, Cổng dịch vụ công)"
        case .other: "Khác"
        }
    }
}

public enum Severity: String, Codable, CaseIterable, Sendable, Comparable {
    case low, medium, high

    public var vietnamese: String {
        switch self {
        case .low: "Thấp"
        case .medium: "Trung bình"
        case .high: "Nghiêm trọng"
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// open → acknowledged by the province → escalated to the centre → resolved.
public enum DifficultyStatus: String, Codable, CaseIterable, Sendable {
    case open, acknowledged, escalated, resolved

    public var vietnamese: String {
        switch self {
        case .open: "Mới"
        case .acknowledged: "Tỉnh đã tiếp nhận"
        case .escalated: "Đã chuyển Trung ương"
        case .resolved: "Đã giải quyết"
        }
    }

    /// Which moves are allowed from here.
    public func canMove(to next: DifficultyStatus) -> Bool {
        switch (self, next) {
        case (.open, .acknowledged), (.open, .escalated), (.acknowledged, .escalated),
             (.open, .resolved), (.acknowledged, .resolved), (.escalated, .resolved):
            true
        default:
            false
        }
    }
}

public struct DifficultyDraft: Codable, Sendable, Hashable {
    public var category: String?
    public var severity: String?
    public var description: String?
    public var reinforcementRequested: Bool?
    public var reinforcementNote: String?

    public init(category: String? = nil, severity: String? = nil, description: String? = nil,
                reinforcementRequested: Bool? = nil, reinforcementNote: String? = nil) {
        self.category = category; self.severity = severity; self.description = description
        self.reinforcementRequested = reinforcementRequested; self.reinforcementNote = reinforcementNote
    }

    enum CodingKeys: String, CodingKey {
        case category, severity, description, reinforcementRequested = "reinforcement_requested", reinforcementNote = "reinforcement_note"
    }
}

public struct WeeklyReportDraft: Codable, Sendable, Hashable {
    public var campaign: String?
    public var communeCode: String?
    public var week: String?
    public var highlights: String?
    public var proposals: String?
    public var goodPractice: String?
    public var difficulties: [DifficultyDraft]?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case campaign, communeCode = "commune_code", week, highlights, proposals, goodPractice = "good_practice", difficulties
    }
}

public struct ValidDifficulty: Sendable, Hashable {
    public var category: DifficultyCategory
    public var severity: Severity
    public var description: String
    public var reinforcementRequested: Bool
    public var reinforcementNote: String?
}

public struct ValidWeeklyReport: Sendable, Hashable {
    public var communeCode: String
    public var week: ReportingWeek
    public var highlights: String
    public var proposals: String?
    public var goodPractice: String?
    public var difficulties: [ValidDifficulty]
}

public enum WeeklyReportValidator {
    public static let maxText = 2_000

    /// A report is for a week of the campaign that has started; the text may not carry citizens' personal data.
    public static func validate(_ d: WeeklyReportDraft, campaign: CampaignDefinition, today: LocalDate,
                                requireIdentity: Bool = true) -> Result<ValidWeeklyReport, ValidationFailure> {
        var errors = FieldErrors()
        let commune = requireIdentity ? CommonRules.communeCode(d.communeCode, field: "commune_code", errors: &errors) : d.communeCode
        var week: ReportingWeek?
        if requireIdentity {
            week = reportWeek(d.week, campaign: campaign, errors: &errors)
            if let w = week {
                if w.end < campaign.start || (campaign.end.map { w.start > $0 } ?? false) {
                    errors.add("week", "Tuần \(w.span) nằm ngoài thời gian chiến dịch.", "Week \(w.key) is outside the campaign.")
                } else if w.start > today {
                    errors.add("week", "Chưa thể báo cáo cho tuần chưa bắt đầu.", "That week has not started yet.")
                }
            }
        }
        let highlights = FreeText.check(d.highlights, field: "highlights", maxLength: maxText, required: true, shape: .prose, errors: &errors)
        let proposals = FreeText.check(d.proposals, field: "proposals", maxLength: maxText, required: false, shape: .prose, errors: &errors)
        let practice = FreeText.check(d.goodPractice, field: "good_practice", maxLength: maxText, required: false, shape: .prose, errors: &errors)
        var difficulties: [ValidDifficulty] = []
        for (index, item) in (d.difficulties ?? []).enumerated() {
            let field = "difficulties[\(index)]"
            let category = CommonRules.enumValue(item.category, DifficultyCategory.self, field: "\(field).category", errors: &errors)
            let severity = CommonRules.enumValue(item.severity, Severity.self, field: "\(field).severity", default: .medium, errors: &errors)
            let description = FreeText.check(item.description, field: "\(field).description", maxLength: maxText, required: true, shape: .prose, errors: &errors)
            let note = FreeText.check(item.reinforcementNote, field: "\(field).reinforcement_note", maxLength: 500, required: false, shape: .prose, errors: &errors)
            if let category, let severity, let description {
                difficulties.append(.init(category: category, severity: severity, description: description,
                                          reinforcementRequested: item.reinforcementRequested ?? false, reinforcementNote: note))
            }
        }
        if difficulties.count > 20 { errors.add("difficulties", "Tối đa 20 khó khăn mỗi báo cáo.", "At most 20 difficulties per report.") }
        guard errors.isEmpty, let highlights else { return .failure(ValidationFailure(errors: errors.all)) }
        return .success(ValidWeeklyReport(
            communeCode: commune ?? "", week: week ?? campaign.firstWeek, highlights: highlights,
            proposals: proposals, goodPractice: practice, difficulties: difficulties))
    }
    /// The same, for a page or API parameter: throws the field error.
    public static func requireWeek(_ raw: String?, campaign: CampaignDefinition) throws -> ReportingWeek {
        var errors = FieldErrors()
        guard let week = reportWeek(raw, campaign: campaign, errors: &errors) else { throw ValidationFailure(errors: errors.all) }
        return week
    }

    /// A report names one of the campaign's weeks: its first day ("2025-08-07"), any day in it, its
    /// number ("6"), or an ISO week when the campaign's weeks are ISO weeks.
    public static func reportWeek(_ raw: String?, campaign: CampaignDefinition, errors: inout FieldErrors) -> ReportingWeek? {
        let first = Weekday.vietnamese(campaign.weekStartsOn)
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            errors.add("week", "Cần chọn tuần báo cáo.", "week is required.")
            return nil
        }
        if ISOWeek(string: raw) != nil, campaign.weekStartsOn != 1 {
            errors.add("week", "Tuần báo cáo của chiến dịch bắt đầu từ \(first), không phải tuần ISO; hãy ghi ngày đầu tuần (YYYY-MM-DD) hoặc số thứ tự tuần.",
                       "This campaign's weeks start on \(Weekday.english(campaign.weekStartsOn)), not ISO weeks; give the week's first day (YYYY-MM-DD) or its number.")
            return nil
        }
        guard let week = campaign.period(week: raw)?.week else {
            errors.add("week", "Tuần phải là ngày đầu tuần (YYYY-MM-DD) hoặc số thứ tự tuần của chiến dịch.",
                       "week must be the week's first day (YYYY-MM-DD) or the campaign's week number.")
            return nil
        }
        return week
    }
}

/// When a week's commune report is due: the first `weekday` on or after the week's last day, at
/// `hour`:`minute` Hà Nội time. Sunday 20:00 closes an ISO week on its last evening; Thursday 20:00 gives
/// a Thursday–Wednesday week one more day before the Friday briefing.
public struct ReportDeadline: Codable, Sendable, Hashable {
    /// 1 = Monday … 7 = Sunday.
    public var weekday: Int
    public var hour: Int
    public var minute: Int

    public init(weekday: Int = 7, hour: Int = 20, minute: Int = 0) {
        self.weekday = weekday; self.hour = hour; self.minute = minute
    }

    public static let standard = ReportDeadline()

    public func day(for week: ReportingWeek) -> LocalDate {
        week.end.adding(days: ((weekday - week.end.weekday) % 7 + 7) % 7)
    }

    /// The instant (UTC) the report for `week` is due; Vietnam has no daylight saving, so UTC+7 always.
    public func due(for week: ReportingWeek) -> Date {
        let seconds = TimeInterval(day(for: week).dayNumber) * 86_400 + TimeInterval(hour * 3600 + minute * 60) - 7 * 3600
        return Date(timeIntervalSince1970: seconds)
    }

    /// "Thứ Năm 20:00".
    public var vietnamese: String { "\(Weekday.vietnamese(weekday)) \(time)" }

    /// "20:00".
    public var time: String { "\(LocalDate.pad(hour, 2)):\(LocalDate.pad(minute, 2))" }
}
