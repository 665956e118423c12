import Foundation

/// A calendar date with no time or zone, as the campaign reports it.
///
/// All arithmetic is on the proleptic Gregorian calendar by formula, not
/// `Calendar`, so results are identical on every platform and cheap enough
/// to run per row in report aggregation.
public struct LocalDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Validates the day against the month, including 29 February.
    /// Years are limited to 1...9999 so the ISO form is always four digits.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= LocalDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Strictly "YYYY-MM-DD": no time part, no missing zero padding.
    public init?(iso: String) {
        // Read in place when the string is contiguous UTF-8 (nearly always): ledger writes parse dates by the million.
        var parsed: (Int, Int, Int)?? = iso.utf8.withContiguousStorageIfAvailable { LocalDate.parts($0) }
        if parsed == nil { parsed = LocalDate.parts(Array(iso.utf8)) }
        guard let (y, m, d) = parsed ?? nil else { return nil }
        self.init(year: y, month: m, day: d)
    }

    private static func parts<C: RandomAccessCollection<UInt8>>(_ bytes: C) -> (Int, Int, Int)? where C.Index == Int {
        let b = bytes.startIndex
        guard bytes.count == 10, bytes[b + 4] == UInt8(ascii: "-"), bytes[b + 7] == UInt8(ascii: "-"),
              let y = LocalDate.number(bytes[(b + 0)..<(b + 4)]),
              let m = LocalDate.number(bytes[(b + 5)..<(b + 7)]),
              let d = LocalDate.number(bytes[(b + 8)..<(b + 10)]) else { return nil }
        return (y, m, d)
    }

    /// Days since 1970-01-01 (negative before). Any Int within ±3 million
    /// years is fine; callers use this for date arithmetic.
    public init(dayNumber: Int) {
        // Howard Hinnant's civil_from_days: eras of 400 years starting 1 March.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public var iso: String {
        "\(LocalDate.pad(year, 4))-\(LocalDate.pad(month, 2))-\(LocalDate.pad(day, 2))"
    }

    public var description: String { iso }

    public func adding(days: Int) -> LocalDate {
        LocalDate(dayNumber: dayNumber + days)
    }

    /// 1 = Monday … 7 = Sunday (ISO 8601). 1970-01-01 was a Thursday.
    public var weekday: Int {
        let r = (dayNumber + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    /// The ISO week is the one containing this week's Thursday, which is why
    /// 2024-12-30 belongs to 2025-W01.
    public var isoWeek: ISOWeek {
        let thursday = adding(days: 4 - weekday)
        let ordinal = thursday.dayNumber - LocalDate(unchecked: thursday.year, 1, 1).dayNumber
        return ISOWeek(unchecked: thursday.year, ordinal / 7 + 1)
    }

    /// Today in Vietnam. Asia/Ho_Chi_Minh has been UTC+7 without DST since
    /// 1975, so a fixed offset is exact and avoids tzdata on the server.
    public static func today(now: Date) -> LocalDate {
        let seconds = now.timeIntervalSince1970 + 7 * 3600
        return LocalDate(dayNumber: Int((seconds / 86_400).rounded(.down)))
    }

    /// The hour of the day in Vietnam (0–23), by the same fixed offset as `today(now:)`.
    public static func hour(now: Date) -> Int {
        Int((now.timeIntervalSince1970 + 7 * 3600).truncatingRemainder(dividingBy: 86_400) / 3600)
    }

    /// "07/08/2025 14:05": an instant as people in Vietnam read it (UTC+7, no summer time).
    public static func vietnameseDateTime(_ instant: Date) -> String {
        let seconds = Int((instant.timeIntervalSince1970 + 7 * 3600).rounded(.down))
        let day = LocalDate(dayNumber: Int((Double(seconds) / 86_400).rounded(.down)))
        let inDay = ((seconds % 86_400) + 86_400) % 86_400
        return "\(day.longVietnamese) \(pad(inDay / 3600, 2)):\(pad((inDay % 3600) / 60, 2))"
    }

    /// "07/08" (dd/mm), for chart axes.
    public var shortVietnamese: String {
        "\(LocalDate.pad(day, 2))/\(LocalDate.pad(month, 2))"
    }

    /// "07/08/2025" (dd/mm/yyyy).
    public var longVietnamese: String {
        "\(shortVietnamese)/\(LocalDate.pad(year, 4))"
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Expected a date as YYYY-MM-DD, got \"\(text)\"")
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    // MARK: - Internals

    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func number<C: Collection<UInt8>>(_ bytes: C) -> Int? {
        var value = 0
        for b in bytes {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        return value
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let padded = digits.count < width ? String(repeating: "0", count: width - digits.count) + digits : digits
        return value < 0 ? "-" + padded : padded
    }
}
