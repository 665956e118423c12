/// A campaign's reporting week: seven days from the campaign's first weekday. The 2025 summer campaign's
/// week runs Thursday to Wednesday, so that it is complete for the Friday briefing; a standing programme
/// may choose Monday (then a reporting week is an ISO week).
public struct ReportingWeek: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The first day; also the stored key of the week ("2025-08-07").
    public let start: LocalDate

    /// The week that contains `date`, for weeks starting on `weekday` (1 = Monday … 7 = Sunday).
    public init(containing date: LocalDate, startsOn weekday: Int) {
        start = date.adding(days: -(((date.weekday - weekday) % 7 + 7) % 7))
    }

    /// The week whose first day is `start`; nil when `start` is not a `weekday`.
    public init?(key: String, startsOn weekday: Int) {
        guard let day = LocalDate(iso: key), day.weekday == weekday else { return nil }
        start = day
    }

    public var end: LocalDate { start.adding(days: 6) }
    public var range: DateRange { DateRange(unchecked: start, end) }
    public var key: String { start.iso }
    public var description: String { key }

    public func adding(weeks: Int) -> ReportingWeek {
        ReportingWeek(unchecked: start.adding(days: 7 * weeks))
    }

    /// "07/8–13/8/2025", or "29/12/2025–04/1/2026" across a new year.
    public var span: String {
        start.year == end.year ? "\(BriefingDates.dayMonth(start))–\(BriefingDates.dayMonthYear(end))"
            : "\(BriefingDates.dayMonthYear(start))–\(BriefingDates.dayMonthYear(end))"
    }

    public static func < (a: ReportingWeek, b: ReportingWeek) -> Bool { a.start < b.start }

    init(unchecked start: LocalDate) { self.start = start }
}

/// Day names as the Union writes them, by ISO number (1 = Monday … 7 = Sunday).
public enum Weekday {
    public static let range = 1...7

    public static func vietnamese(_ n: Int) -> String {
        switch n {
        case 1: "Thứ Hai"
        case 2: "Thứ Ba"
        case 3: "Thứ Tư"
        case 4: "Thứ Năm"
        case 5: "Thứ Sáu"
        case 6: "Thứ Bảy"
        default: "Chủ nhật"
        }
    }

    /// The day before `n`: the last day of a week that starts on `n`.
    public static func previous(_ n: Int) -> Int { (n + 5) % 7 + 1 }

    public static func english(_ n: Int) -> String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][(n - 1 + 7) % 7]
    }
}
