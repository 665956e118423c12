/// Converts Excel serial numbers to ISO 8601 text.
enum SerialDate {
    /// First serial after 9999-12-31, the last date Excel can show.
    static let serialLimit = 2_958_466.0

    /// nil when the value cannot be a date (negative, too large, not finite) or the kind is plain;
    /// the caller then shows the number as written, as Excel shows "#######" instead of a date.
    static func render(_ serial: Double, as kind: NumberFormatKind, uses1904Dates: Bool) -> String? {
        guard kind != .plain, serial.isFinite, serial >= 0, serial < serialLimit else { return nil }
        let totalSeconds = Int((serial * 86_400).rounded())
        let days = totalSeconds / 86_400
        let seconds = totalSeconds % 86_400
        switch kind {
        case .plain: return nil
        case .date: return dateText(days: days, uses1904Dates: uses1904Dates)
        case .dateTime: return dateText(days: days, uses1904Dates: uses1904Dates) + " " + clockText(seconds)
        case .time: return clockText(seconds)
        case .duration:
            return "\(totalSeconds / 3600):\(padded(totalSeconds / 60 % 60, 2)):\(padded(totalSeconds % 60, 2))"
        }
    }

    /// Day part as "YYYY-MM-DD".
    static func dateText(days: Int, uses1904Dates: Bool) -> String {
        if uses1904Dates { return isoDate(daysFromCivil(1904, 1, 1) + days) }
        // Excel keeps Lotus 1-2-3's fictitious 1900-02-29 as serial 60; earlier serials
        // count from 1899-12-31, later ones (net of the fake day) from 1899-12-30.
        if days == 60 { return "1900-02-29" }
        let epoch = days < 60 ? daysFromCivil(1899, 12, 31) : daysFromCivil(1899, 12, 30)
        return isoDate(epoch + days)
    }

    private static func clockText(_ seconds: Int) -> String {
        "\(padded(seconds / 3600, 2)):\(padded(seconds / 60 % 60, 2)):\(padded(seconds % 60, 2))"
    }

    private static func isoDate(_ dayNumber: Int) -> String {
        let (year, month, day) = civil(fromDays: dayNumber)
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    // Proleptic Gregorian day arithmetic (H. Hinnant's algorithms), avoiding Calendar
    // and time zones entirely: serial dates are zone-less.

    /// Days since 1970-01-01.
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = (month + 9) % 12
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
