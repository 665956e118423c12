/// An inclusive range of whole days, as used by report filters.
public struct DateRange: Hashable, Sendable {
    public let from: LocalDate
    public let to: LocalDate

    /// Nil when `to` is before `from`; a single day is `from == to`.
    public init?(from: LocalDate, to: LocalDate) {
        guard from <= to else { return nil }
        self.from = from
        self.to = to
    }

    public func contains(_ d: LocalDate) -> Bool {
        from <= d && d <= to
    }

    /// Both ends included.
    public var dayCount: Int { to.dayNumber - from.dayNumber + 1 }

    /// The same number of days ending the day before `from`, for
    /// "so với kỳ trước" comparisons.
    public func previous() -> DateRange {
        let end = from.adding(days: -1)
        return DateRange(unchecked: end.adding(days: 1 - dayCount), end)
    }

    // MARK: - Internals

    init(unchecked from: LocalDate, _ to: LocalDate) {
        self.from = from
        self.to = to
    }
}
