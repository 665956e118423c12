import Foundation

/// A campaign as a central admin sends it (API body or form), before any rule is applied.
public struct CampaignDraft: Codable, Sendable, Hashable {
    public struct Category: Codable, Sendable, Hashable {
        public var code: String?
        public var name: String?
        public var retired: Bool?

        public init(code: String? = nil, name: String? = nil, retired: Bool? = nil) {
            self.code = code; self.name = name; self.retired = retired
        }
    }

    public struct CourseDraft: Codable, Sendable, Hashable {
        public var code: String?
        public var name: String?

        public init(code: String? = nil, name: String? = nil) { self.code = code; self.name = name }
    }

    public var code: String?
    public var name: String?
    public var startDate: String?
    /// Absent or null: open-ended.
    public var endDate: String?
    public var status: String?
    public var weekStartsOn: Int?
    public var reportDeadline: ReportDeadline?
    public var briefingWeekday: Int?
    public var categories: [Category]?
    public var requiredCourses: [CourseDraft]?
    /// Absent or null: the whole nation.
    public var provinces: [String]?
    /// Days a closed home-visit request keeps its contact data; absent: 30.
    public var requestRetentionDays: Int?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case code, name, startDate = "start_date", endDate = "end_date", status, weekStartsOn = "week_starts_on"
        case reportDeadline = "report_deadline", briefingWeekday = "briefing_weekday", categories
        case requiredCourses = "required_courses", provinces, requestRetentionDays = "request_retention_days"
    }

    /// The draft that edits `d` unchanged: what a form starts from.
    public init(_ d: CampaignDefinition) {
        code = d.code
        name = d.name
        startDate = d.start.iso
        endDate = d.end?.iso
        status = d.status.rawValue
        weekStartsOn = d.weekStartsOn
        reportDeadline = d.reportDeadline
        briefingWeekday = d.briefingWeekday
        categories = d.categories.map { Category(code: $0.code, name: $0.name, retired: $0.retired) }
        requiredCourses = d.requiredCourses.map { CourseDraft(code: $0.code, name: $0.name) }
        provinces = d.provinces
        requestRetentionDays = d.requestRetentionDays
    }
}

/// What is stored under a campaign, for judging whether a change would alter its meaning.
public struct CampaignUsage: Sendable, Hashable {
    public var firstEntry: LocalDate?
    public var lastEntry: LocalDate?
    public var usedCategories: Set<String>
    public var provincesWithEntries: Set<String>
    public var weeklyReports: Int
    public var approvedWeeks: Int

    public init(firstEntry: LocalDate? = nil, lastEntry: LocalDate? = nil, usedCategories: Set<String> = [],
                provincesWithEntries: Set<String> = [], weeklyReports: Int = 0, approvedWeeks: Int = 0) {
        self.firstEntry = firstEntry; self.lastEntry = lastEntry; self.usedCategories = usedCategories
        self.provincesWithEntries = provincesWithEntries; self.weeklyReports = weeklyReports; self.approvedWeeks = approvedWeeks
    }

    public static let none = CampaignUsage()

    public var hasEntries: Bool { firstEntry != nil }
}

public enum CampaignRules {
    static let codePattern = "chữ thường không dấu, số và dấu gạch ngang, 2–40 ký tự, ví dụ he-2026"
    /// Campaigns of the programme; also keeps week lists and charts bounded.
    static let years = 2020...2100

    /// Checks a draft on its own: every field, each error naming its field.
    public static func validate(_ d: CampaignDraft, knownProvinces: Set<String>) -> Result<CampaignDefinition, ValidationFailure> {
        var errors = FieldErrors()
        let code = campaignCode(d.code, errors: &errors)
        let name = FreeText.check(d.name, field: "name", maxLength: 200, required: true, errors: &errors)
        let start = CommonRules.date(d.startDate, field: "start_date", required: true, errors: &errors)
        let end = CommonRules.date(d.endDate, field: "end_date", required: false, errors: &errors)
        for (field, day) in [("start_date", start), ("end_date", end)] {
            if let day, !years.contains(day.year) {
                errors.add(field, "Năm phải từ \(years.lowerBound) đến \(years.upperBound).", "The year must be \(years.lowerBound)–\(years.upperBound).")
            }
        }
        if let start, let end, end < start {
            errors.add("end_date", "Ngày kết thúc (\(end.longVietnamese)) trước ngày bắt đầu (\(start.longVietnamese)).",
                       "end_date \(end.iso) is before start_date \(start.iso).")
        }
        let status = CommonRules.enumValue(d.status, CampaignStatus.self, field: "status", default: .draft, errors: &errors)
        let weekStart = weekday(d.weekStartsOn, field: "week_starts_on", default: 1, errors: &errors)
        let briefing = weekday(d.briefingWeekday, field: "briefing_weekday", default: 5, errors: &errors)
        // Default: 20:00 on the day after the week ends (the weekday the next week starts on).
        let deadline = d.reportDeadline ?? ReportDeadline(weekday: weekStart ?? 1, hour: 20, minute: 0)
        _ = weekday(deadline.weekday, field: "report_deadline.weekday", default: nil, errors: &errors)
        if !(0...23).contains(deadline.hour) { errors.add("report_deadline.hour", "Giờ phải từ 0 đến 23.", "hour must be 0–23.") }
        if !(0...59).contains(deadline.minute) { errors.add("report_deadline.minute", "Phút phải từ 0 đến 59.", "minute must be 0–59.") }
        let categories = self.categories(d.categories, errors: &errors)
        if status == .active, categories?.allSatisfy(\.retired) == true {
            errors.add("categories", "Chiến dịch đang diễn ra cần ít nhất một danh mục hỗ trợ còn dùng.",
                       "An active campaign needs at least one category that is not retired.")
        }
        let courses = self.courses(d.requiredCourses, errors: &errors)
        let provinces = self.provinces(d.provinces, known: knownProvinces, errors: &errors)
        let retention = d.requestRetentionDays ?? CampaignDefinition.defaultRequestRetentionDays
        if !(1...365).contains(retention) {
            errors.add("request_retention_days", "Thời hạn giữ thông tin liên hệ phải từ 1 đến 365 ngày.",
                       "request_retention_days must be 1–365.")
        }
        guard errors.isEmpty, let code, let name, let start, let status, let weekStart, let briefing, let categories, let courses else {
            return .failure(ValidationFailure(errors: errors.all))
        }
        var definition = CampaignDefinition(code: code, name: name, start: start, end: end, status: status, weekStartsOn: weekStart,
                                            reportDeadline: deadline, briefingWeekday: briefing, categories: categories,
                                            requiredCourses: courses, provinces: provinces)
        definition.requestRetentionDays = retention
        return .success(definition)
    }

    /// Changes that would give stored entries, reports or approvals another meaning are refused.
    public static func checkChange(from old: CampaignDefinition, to new: CampaignDefinition, usage: CampaignUsage) -> [FieldError] {
        var errors = FieldErrors()
        if new.code != old.code {
            errors.add("code", "Không đổi được mã chiến dịch; mã là khóa của các bản ghi đã lưu.", "A campaign's code cannot change.")
        }
        if let first = usage.firstEntry, new.start > first {
            errors.add("start_date", "Đã có hoạt động ghi nhận từ ngày \(first.longVietnamese); ngày bắt đầu không thể muộn hơn.",
                       "Entries exist from \(first.iso); the campaign cannot start later than that.")
        }
        if let last = usage.lastEntry, let end = new.end, end < last {
            errors.add("end_date", "Đã có hoạt động ghi nhận đến ngày \(last.longVietnamese); ngày kết thúc không thể sớm hơn.",
                       "Entries exist up to \(last.iso); the campaign cannot end before that.")
        }
        if new.weekStartsOn != old.weekStartsOn, usage.weeklyReports > 0 {
            let approved = usage.approvedWeeks > 0 ? " (\(VietnameseNumber.grouped(usage.approvedWeeks)) tuần đã duyệt)" : ""
            errors.add("week_starts_on",
                       "Đã có \(VietnameseNumber.grouped(usage.weeklyReports)) báo cáo tuần\(approved) theo tuần bắt đầu \(Weekday.vietnamese(old.weekStartsOn)); không thể đổi ngày đầu tuần.",
                       "\(usage.weeklyReports) weekly reports exist for weeks starting on \(Weekday.english(old.weekStartsOn)); the first day of the week cannot change.")
        }
        let kept = Set(new.categories.map(\.code))
        for (index, category) in old.categories.enumerated() where !kept.contains(category.code) && usage.usedCategories.contains(category.code) {
            errors.add("categories", "Danh mục \"\(category.name)\" (\(category.code)) đã có lượt hỗ trợ: chỉ có thể ngừng dùng (retired), không xóa hay đổi mã.",
                       "Category \(category.code) (#\(index + 1)) has entries: retire it instead of deleting or recoding it.")
        }
        if let scope = new.provinces {
            let dropped = usage.provincesWithEntries.subtracting(scope).sorted()
            if !dropped.isEmpty {
                errors.add("provinces", "Các tỉnh \(dropped.joined(separator: ", ")) đã có hoạt động ghi nhận; không thể bỏ khỏi phạm vi.",
                           "Provinces \(dropped.joined(separator: ", ")) have entries and cannot leave the scope.")
            }
        }
        if new.status == .draft, old.status != .draft, usage.hasEntries {
            errors.add("status", "Chiến dịch đã có hoạt động ghi nhận; không thể trở về trạng thái đang soạn.",
                       "The campaign has entries; it cannot go back to draft.")
        }
        return errors.all
    }

    // MARK: - Fields

    static func campaignCode(_ raw: String?, errors: inout FieldErrors) -> String? {
        guard let code = raw?.trimmingCharacters(in: .whitespaces), !code.isEmpty else {
            errors.add("code", "Bắt buộc nhập mã chiến dịch (\(codePattern)).", "code is required (lowercase letters, digits and dashes).")
            return nil
        }
        let ok = (2...40).contains(code.utf8.count) && code.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
            && code.first != "-"
        guard ok else {
            errors.add("code", "Mã chiến dịch \"\(code)\" không hợp lệ: \(codePattern).",
                       "Invalid code \"\(code)\": lowercase ASCII letters, digits and dashes, 2–40 characters.")
            return nil
        }
        return code
    }

    static func weekday(_ raw: Int?, field: String, default fallback: Int?, errors: inout FieldErrors) -> Int? {
        guard let raw else {
            if fallback == nil { errors.add(field, "Bắt buộc chọn thứ.", "Required.") }
            return fallback
        }
        guard Weekday.range.contains(raw) else {
            errors.add(field, "Thứ phải từ 1 (Thứ Hai) đến 7 (Chủ nhật).", "\(field) must be 1 (Monday) to 7 (Sunday).")
            return nil
        }
        return raw
    }

    static func key(_ raw: String?, field: String, errors: inout FieldErrors) -> String? {
        guard let code = raw?.trimmingCharacters(in: .whitespaces), !code.isEmpty else {
            errors.add(field, "Bắt buộc nhập mã.", "Code is required.")
            return nil
        }
        guard (1...40).contains(code.utf8.count),
              code.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }) else {
            errors.add(field, "Mã \"\(code)\" chỉ gồm chữ thường không dấu, số và dấu gạch dưới (tối đa 40 ký tự).",
                       "Code \"\(code)\" may hold lowercase ASCII letters, digits and underscores (at most 40).")
            return nil
        }
        return code
    }

    static func categories(_ raw: [CampaignDraft.Category]?, errors: inout FieldErrors) -> [SupportCategory]? {
        guard let raw, !raw.isEmpty else {
            errors.add("categories", "Cần ít nhất một danh mục hỗ trợ.", "At least one support category is required.")
            return nil
        }
        if raw.count > 60 { errors.add("categories", "Tối đa 60 danh mục.", "At most 60 categories."); return nil }
        var out: [SupportCategory] = []
        var seen = Set<String>()
        for (i, item) in raw.enumerated() {
            let code = key(item.code, field: "categories[\(i)].code", errors: &errors)
            let name = FreeText.check(item.name, field: "categories[\(i)].name", maxLength: 120, required: true, errors: &errors)
            if let code, !seen.insert(code).inserted {
                errors.add("categories[\(i)].code", "Mã danh mục \"\(code)\" bị trùng.", "Duplicate category code \"\(code)\".")
            }
            if let code, let name { out.append(SupportCategory(code: code, name: name, retired: item.retired ?? false)) }
        }
        return out.count == raw.count ? out : nil
    }

    static func courses(_ raw: [CampaignDraft.CourseDraft]?, errors: inout FieldErrors) -> [Course]? {
        let raw = raw ?? []
        if raw.count > 20 { errors.add("required_courses", "Tối đa 20 khóa học.", "At most 20 courses."); return nil }
        var out: [Course] = []
        var seen = Set<String>()
        for (i, item) in raw.enumerated() {
            let code = key(item.code, field: "required_courses[\(i)].code", errors: &errors)
            let name = FreeText.check(item.name, field: "required_courses[\(i)].name", maxLength: 200, required: true, errors: &errors)
            if let code, !seen.insert(code).inserted {
                errors.add("required_courses[\(i)].code", "Mã khóa học \"\(code)\" bị trùng.", "Duplicate course code \"\(code)\".")
            }
            if let code, let name { out.append(Course(code: code, name: name)) }
        }
        return out.count == raw.count ? out : nil
    }

    static func provinces(_ raw: [String]?, known: Set<String>, errors: inout FieldErrors) -> [String]? {
        guard let raw else { return nil }
        if raw.isEmpty {
            errors.add("provinces", "Chọn ít nhất một tỉnh, hoặc bỏ trống để áp dụng cả nước.", "Choose at least one province, or leave it out for the whole nation.")
            return nil
        }
        var out: [String] = []
        for (i, code) in raw.enumerated() {
            if !known.contains(code) {
                errors.add("provinces[\(i)]", "Không có tỉnh mã \"\(code)\".", "Unknown province \"\(code)\".")
            } else if !out.contains(code) {
                out.append(code)
            }
        }
        return out.sorted()
    }
}
