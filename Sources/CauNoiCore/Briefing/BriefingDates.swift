/// Date wording of the Youth Union's weekly reports.
public enum BriefingDates: Sendable {
    /// "07/8": the house style pads the day but not the month.
    public static func dayMonth(_ date: LocalDate) -> String {
        "\(LocalDate.pad(date.day, 2))/\(date.month)"
    }

    /// "07/8/2025".
    public static func dayMonthYear(_ date: LocalDate) -> String {
        "\(dayMonth(date))/\(date.year)"
    }

    /// Opening words of a report sentence, capitalised:
    /// "Ngày 07/8/2025", "Từ ngày 07/8 đến 13/8", or across a new year
    /// "Từ ngày 29/12/2025 đến 04/1/2026". Within one year the year is left
    /// out, as in the Union's own reports; a single day names it because it
    /// has no second date to anchor the reader.
    public static func periodPhrase(_ range: DateRange) -> String {
        if range.from == range.to { return "Ngày \(dayMonthYear(range.from))" }
        if range.from.year == range.to.year {
            return "Từ ngày \(dayMonth(range.from)) đến \(dayMonth(range.to))"
        }
        return "Từ ngày \(dayMonthYear(range.from)) đến \(dayMonthYear(range.to))"
    }

    /// How to name `range.previous()` in "so với …": a 7-day range is a
    /// reporting week, a single day is compared with the day before, and
    /// anything else is simply the previous period of equal length.
    public static func previousPeriodName(_ range: DateRange) -> String {
        switch range.dayCount {
        case 1: "ngày hôm trước"
        case 7: "tuần trước"
        default: "kỳ trước"
        }
    }
}
