/// When a team is on duty, as citizens read it on the public help page: the days of the week, the hours as the
/// team writes them ("7:30–11:30, 13:30–17:00"), and for a mobile team where it goes ("Thứ Ba: bản Nà Ngần").
public struct DutySchedule: Codable, Sendable, Hashable {
    /// ISO weekdays, 1 = Monday … 7 = Sunday, sorted, no repeats.
    public var days: [Int]
    public var hours: String?
    public var note: String?

    public init(days: [Int] = [], hours: String? = nil, note: String? = nil) {
        self.days = Array(Set(days.filter { Weekday.range.contains($0) })).sorted()
        self.hours = hours
        self.note = note
    }

    /// Stored as a bit mask: bit 0 is Monday.
    public init(mask: Int, hours: String?, note: String?) {
        self.init(days: Weekday.range.filter { mask & (1 << ($0 - 1)) != 0 }, hours: hours, note: note)
    }

    public var mask: Int { days.reduce(0) { $0 | (1 << ($1 - 1)) } }

    public var isEmpty: Bool { days.isEmpty && hours == nil && note == nil }

    public func covers(weekday: Int) -> Bool { days.contains(weekday) }

    /// "Thứ Hai – Thứ Sáu", "Thứ Hai, Thứ Tư, Thứ Sáu", "Thứ Hai – Thứ Tư, Thứ Bảy": runs of three or more days
    /// are written as a span, as on a notice board; empty when no day is set.
    public var daysVietnamese: String {
        var parts: [String] = []
        var i = 0
        while i < days.count {
            var j = i
            while j + 1 < days.count, days[j + 1] == days[j] + 1 { j += 1 }
            if j - i >= 2 {
                parts.append("\(Weekday.vietnamese(days[i])) – \(Weekday.vietnamese(days[j]))")
            } else {
                parts.append(contentsOf: days[i...j].map(Weekday.vietnamese))
            }
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }

    /// Days and hours on one line ("Thứ Hai – Thứ Sáu, 7:30–11:30"); nil when neither is set.
    public var summary: String? {
        let line = [daysVietnamese, hours ?? ""].filter { !$0.isEmpty }.joined(separator: ", ")
        return line.isEmpty ? nil : line
    }

    /// The draft's days, hours and note checked; errors under `duty_days`, `duty_hours`, `schedule_note`.
    public static func validate(days: [Int]?, hours: String?, note: String?, errors: inout FieldErrors) -> DutySchedule {
        let days = days ?? []
        if days.contains(where: { !Weekday.range.contains($0) }) {
            errors.add("duty_days", "Ngày trực phải từ 1 (Thứ Hai) đến 7 (Chủ nhật).", "duty_days must be 1 (Monday) to 7 (Sunday).")
        }
        let hours = FreeText.check(hours, field: "duty_hours", maxLength: 80, required: false, errors: &errors)
        let note = FreeText.check(note, field: "schedule_note", maxLength: 600, required: false, shape: .prose, errors: &errors)
        return DutySchedule(days: days, hours: hours, note: note)
    }
}
