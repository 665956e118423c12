/// A kind of help counted in support entries ("Cài đặt, kích hoạt VNeID"). A retired category keeps its
/// code and its stored counts but takes no new ones.
public struct SupportCategory: Codable, Hashable, Sendable {
    public let code: String
    public let name: String
    public let retired: Bool

    public init(code: String, name: String, retired: Bool = false) {
        self.code = code
        self.name = name
        self.retired = retired
    }

    enum CodingKeys: String, CodingKey { case code, name, retired }

    /// Rows written before categories could be retired have no `retired` key.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        name = try c.decode(String.self, forKey: .name)
        retired = try c.decodeIfPresent(Bool.self, forKey: .retired) ?? false
    }
}

/// A training course volunteers must complete before joining the campaign.
public struct Course: Codable, Hashable, Sendable {
    public let code: String
    public let name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// draft (being prepared, takes no entries) → active → closed (read-only; may be reopened).
public enum CampaignStatus: String, Codable, CaseIterable, Sendable {
    case draft, active, closed

    public var vietnamese: String {
        switch self {
        case .draft: "Đang soạn"
        case .active: "Đang diễn ra"
        case .closed: "Đã kết thúc"
        }
    }
}

/// A campaign as data: its period (open-ended for a standing programme), scope, categories, courses and
/// its reporting week. Category codes are keys in stored entries, so `CampaignRules` guards every change.
public struct CampaignDefinition: Sendable, Hashable {
    public var code: String
    public var name: String
    public var start: LocalDate
    /// Nil: open-ended.
    public var end: LocalDate?
    public var status: CampaignStatus
    /// First day of the reporting week, 1 = Monday … 7 = Sunday.
    public var weekStartsOn: Int
    public var reportDeadline: ReportDeadline
    /// The day the briefing on the finished week is held (Friday for the summer campaign).
    public var briefingWeekday: Int
    /// In display order, retired ones included.
    public var categories: [SupportCategory]
    public var requiredCourses: [Course]
    /// Province codes; nil for the whole nation.
    public var provinces: [String]?
    /// Days a closed home-visit request keeps the citizen's contact data before it is erased.
    public var requestRetentionDays: Int = CampaignDefinition.defaultRequestRetentionDays
    public static let defaultRequestRetentionDays = 30
    /// What volunteers train against and are assessed on; empty until the centre sets it.
    public var competencyStandard: CompetencyStandard

    public init(code: String, name: String, start: LocalDate, end: LocalDate?, status: CampaignStatus = .active,
                weekStartsOn: Int = 1, reportDeadline: ReportDeadline = .standard, briefingWeekday: Int = 5,
                categories: [SupportCategory], requiredCourses: [Course], provinces: [String]? = nil,
                competencyStandard: CompetencyStandard = .empty) {
        self.code = code
        self.name = name
        self.start = start
        self.end = end
        self.status = status
        self.weekStartsOn = weekStartsOn
        self.reportDeadline = reportDeadline
        self.briefingWeekday = briefingWeekday
        self.categories = categories
        self.requiredCourses = requiredCourses
        self.provinces = provinces
        self.competencyStandard = competencyStandard
    }

    /// The period up to `today` for an open-ended campaign (never before its start).
    public func range(today: LocalDate) -> DateRange {
        DateRange(unchecked: start, max(start, end ?? today))
    }

    public func contains(_ date: LocalDate) -> Bool {
        date >= start && (end.map { date <= $0 } ?? true)
    }

    public func covers(province: String) -> Bool {
        provinces.map { $0.contains(province) } ?? true
    }

    /// Takes entries dated `date`: active, the day inside the period.
    public func takesEntries(on date: LocalDate) -> Bool {
        status == .active && contains(date)
    }

    /// Takes entries for this province and day: the same, and the province in scope.
    public func isOpen(on date: LocalDate, province: String) -> Bool {
        takesEntries(on: date) && covers(province: province)
    }

    public func category(code: String) -> SupportCategory? {
        categories.first { $0.code == code }
    }

    public var activeCategories: [SupportCategory] { categories.filter { !$0.retired } }

    // MARK: - Reporting weeks

    public func week(containing date: LocalDate) -> ReportingWeek {
        ReportingWeek(containing: date, startsOn: weekStartsOn)
    }

    public var firstWeek: ReportingWeek { week(containing: start) }

    /// 1 for the week holding the first day.
    public func number(of week: ReportingWeek) -> Int {
        (week.start.dayNumber - firstWeek.start.dayNumber) / 7 + 1
    }

    public func week(number: Int) -> ReportingWeek {
        firstWeek.adding(weeks: number - 1)
    }

    /// "Tuần 07/8–13/8/2025 (tuần thứ 6 của chiến dịch)".
    public func label(_ week: ReportingWeek) -> String {
        let n = number(of: week)
        return n >= 1 ? "Tuần \(week.span) (tuần thứ \(n) của chiến dịch)" : "Tuần \(week.span)"
    }

    /// The campaign's weeks that touch its period up to `today` (the last one may still be running).
    public func weeks(through today: LocalDate) -> [ReportingWeek] {
        let last = week(containing: range(today: today).to)
        var out: [ReportingWeek] = []
        var w = firstWeek
        while w <= last { out.append(w); w = w.adding(weeks: 1) }
        return out
    }

    /// The week to show at a briefing held `today`: the last finished week, within the campaign.
    public func briefingWeek(today: LocalDate) -> ReportingWeek {
        let lastFinished = week(containing: today.adding(days: -7))
        return min(max(lastFinished, firstWeek), week(containing: range(today: today).to))
    }

    /// A `week` parameter as the API accepts it: the campaign's week number ("6"), a day inside the
    /// week ("2025-08-07"), or an ISO week ("2025-W32", Monday to Sunday, which is a reporting week
    /// only when the campaign's weeks start on Monday).
    public func period(week raw: String) -> (range: DateRange, week: ReportingWeek?)? {
        if let iso = ISOWeek(string: raw) {
            let asWeek = weekStartsOn == 1 ? ReportingWeek(unchecked: iso.monday) : nil
            return (iso.range, asWeek)
        }
        if let day = LocalDate(iso: raw) {
            let w = week(containing: day)
            return (w.range, w)
        }
        if !raw.isEmpty, raw.count <= 4, raw.allSatisfy(\.isASCII), let n = Int(raw), n >= 1 {
            let w = week(number: n)
            return (w.range, w)
        }
        return nil
    }

    public static let summer2025 = CampaignDefinition(
        code: "he-2025",
        name: "Đội hình thanh niên tình nguyện hỗ trợ vận hành chính quyền địa phương 2 cấp — Hè 2025",
        start: LocalDate(unchecked: 2025, 7, 1),
        end: LocalDate(unchecked: 2025, 8, 31),
        // Thursday to Wednesday, read at the Friday briefing: the 15/8/2025 report covered 07/8–13/8.
        weekStartsOn: 4,
        reportDeadline: ReportDeadline(weekday: 4, hour: 20, minute: 0),
        briefingWeekday: 5,
        categories: [
            SupportCategory(code: "phan_luong", name: "Phân luồng, hướng dẫn chung"),
            SupportCategory(code: "thu_tuc", name: "Hướng dẫn thủ tục hành chính"),
            SupportCategory(code: "thiet_bi_cong", name: "Thao tác trên thiết bị công cộng"),
            SupportCategory(code: "vneid", name: "Cài đặt, kích hoạt VNeID"),
            SupportCategory(code: "dinh_danh", name: "Tài khoản định danh điện tử"),
            SupportCategory(code: "ho_so", name: "Nộp hồ sơ trực tuyến"),
            SupportCategory(code: "thanh_toan", name: "Thanh toán trực tuyến"),
            SupportCategory(code: "tra_cuu", name: "Tra cứu kết quả giải quyết"),
            SupportCategory(code: "tai_nha", name: "Hỗ trợ tại nhà"),
            SupportCategory(code: "ky_nang_so", name: "Kỹ năng số (Bình dân học vụ số)"),
            SupportCategory(code: "dang_vien", name: "Cập nhật dữ liệu đảng viên"),
        ],
        requiredCourses: [
            Course(code: "binh_dan_hoc_vu_so", name: "Bình dân học vụ số"),
            Course(code: "tnv_chinh_quyen_2_cap", name: "Thanh niên tình nguyện hỗ trợ chính quyền địa phương 2 cấp"),
        ],
        competencyStandard: .summer2025
    )
}
