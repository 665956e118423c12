/// An ISO 8601 week ("2025-W32"), the unit of weekly campaign reports.
public struct ISOWeek: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let week: Int

    /// Rejects week 53 in years that only have 52 weeks.
    public init?(year: Int, week: Int) {
        guard (1...9999).contains(year), week >= 1, week <= ISOWeek.weeksIn(year: year) else { return nil }
        self.year = year
        self.week = week
    }

    /// Strictly "YYYY-Www", e.g. "2025-W32".
    public init?(string: String) {
        let bytes = Array(string.utf8)
        guard bytes.count == 8, bytes[4] == UInt8(ascii: "-"), bytes[5] == UInt8(ascii: "W") else { return nil }
        var year = 0
        for b in bytes[0..<4] {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            year = year * 10 + Int(b - 0x30)
        }
        var week = 0
        for b in bytes[6..<8] {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            week = week * 10 + Int(b - 0x30)
        }
        self.init(year: year, week: week)
    }

    public var string: String { "\(LocalDate.pad(year, 4))-W\(LocalDate.pad(week, 2))" }

    public var description: String { string }

    /// Week 1 is the week containing 4 January.
    public var monday: LocalDate {
        let jan4 = LocalDate(unchecked: year, 1, 4)
        return jan4.adding(days: 1 - jan4.weekday + (week - 1) * 7)
    }

    public var sunday: LocalDate { monday.adding(days: 6) }

    public var range: DateRange { DateRange(unchecked: monday, sunday) }

    public func adding(weeks: Int) -> ISOWeek {
        monday.adding(days: weeks * 7).isoWeek
    }

    public static func < (lhs: ISOWeek, rhs: ISOWeek) -> Bool {
        (lhs.year, lhs.week) < (rhs.year, rhs.week)
    }

    // MARK: - Internals

    init(unchecked year: Int, _ week: Int) {
        self.year = year
        self.week = week
    }

    /// 28 December always lies in the last ISO week of its year.
    static func weeksIn(year: Int) -> Int {
        LocalDate(unchecked: year, 12, 28).isoWeek.week
    }
}
