import Foundation

/// Someone joining a team, as sent: `volunteer_id`, `from`, optional `to` (ISO dates).
public struct MembershipDraft: Codable, Sendable, Hashable {
    public var volunteerID: String?
    public var from: String?
    public var to: String?

    public init(volunteerID: String? = nil, from: String? = nil, to: String? = nil) {
        self.volunteerID = volunteerID; self.from = from; self.to = to
    }

    enum CodingKeys: String, CodingKey { case volunteerID = "volunteer_id", from, to }
}

/// The day someone leaves a team, as sent.
public struct EndMembershipDraft: Codable, Sendable, Hashable {
    public var to: String?
    public init(to: String? = nil) { self.to = to }
}

public struct ValidMembership: Sendable, Hashable {
    public let volunteerID: UUID
    public let from: LocalDate
    public let to: LocalDate?
}

public enum MembershipValidator {
    public static func validate(_ d: MembershipDraft) -> Result<ValidMembership, ValidationFailure> {
        var errors = FieldErrors()
        let volunteer = d.volunteerID.flatMap { UUID(uuidString: $0.trimmingCharacters(in: .whitespaces)) }
        if volunteer == nil { errors.add("volunteer_id", "Mã tình nguyện viên không phải UUID hợp lệ.", "volunteer_id is not a valid UUID.") }
        let from = LocalDate(iso: d.from ?? "")
        if from == nil { errors.add("from", "Ngày vào đội không hợp lệ (YYYY-MM-DD).", "from must be a date (YYYY-MM-DD).") }
        var to: LocalDate?
        if let raw = d.to, !raw.isEmpty {
            to = LocalDate(iso: raw)
            if to == nil { errors.add("to", "Ngày rời đội không hợp lệ (YYYY-MM-DD).", "to must be a date (YYYY-MM-DD).") }
        }
        if let from, let to, to < from { errors.add("to", "Ngày rời đội phải sau ngày vào đội.", "to must not precede from.") }
        guard errors.isEmpty, let volunteer, let from else { return .failure(ValidationFailure(errors: errors.all)) }
        return .success(ValidMembership(volunteerID: volunteer, from: from, to: to))
    }

    public static func validate(_ d: EndMembershipDraft) -> Result<LocalDate, ValidationFailure> {
        guard let to = LocalDate(iso: d.to ?? "") else {
            return .failure(ValidationFailure(errors: [FieldError(field: "to", message: "Ngày rời đội không hợp lệ (YYYY-MM-DD).",
                                                                  messageEN: "to must be a date (YYYY-MM-DD).")]))
        }
        return .success(to)
    }

    /// Whether two membership periods share a day; an open end runs forever.
    public static func overlaps(_ a: (from: LocalDate, to: LocalDate?), _ b: (from: LocalDate, to: LocalDate?)) -> Bool {
        let aEnd = a.to ?? .distantFuture, bEnd = b.to ?? .distantFuture
        return a.from <= bEnd && b.from <= aEnd
    }
}

extension LocalDate {
    /// Later than any date CauNoi stores: the end of an open period.
    static let distantFuture = LocalDate(year: 9999, month: 12, day: 31)!
}
