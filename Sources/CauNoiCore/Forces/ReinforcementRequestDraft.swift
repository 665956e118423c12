import Foundation

/// A request for more people in a commune, as typed in the web or sent to the API.
public struct ReinforcementRequestDraft: Codable, Sendable, Hashable {
    public var communeCode: String?
    /// The team the people join there.
    public var teamID: String?
    public var difficultyID: String?
    public var people: Int?
    public var languages: [String]?
    public var languagesRequired: Bool?
    public var skills: [String]?
    public var skillsRequired: Bool?
    public var motorbikeRequired: Bool?
    /// A competency of the campaign's standard every person sent must hold, at `competencyLevel` or above (1 if omitted).
    public var competency: String?
    public var competencyLevel: Int?
    public var fromDate: String?
    public var toDate: String?
    public var note: String?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case communeCode = "commune_code", teamID = "team_id", difficultyID = "difficulty_id", people, languages
        case languagesRequired = "languages_required", skills, skillsRequired = "skills_required"
        case motorbikeRequired = "motorbike_required", fromDate = "from_date", toDate = "to_date", note
        case competency, competencyLevel = "competency_level"
    }
}

public struct ValidReinforcementRequest: Sendable, Hashable {
    public var communeCode: String
    public var teamID: UUID
    public var difficultyID: UUID?
    public var people: Int
    public var languages: [Language]
    public var languagesRequired: Bool
    public var skills: [ForceSkill]
    public var skillsRequired: Bool
    public var motorbikeRequired: Bool
    /// Nil when no competency is required; the level is then 0.
    public var competency: String?
    public var competencyLevel: Int
    public var from: LocalDate
    public var to: LocalDate?
    public var note: String?

    public static let maxPeople = 200

    /// Every problem at once; dates may not lie in the past (a move starts on `from`).
    public static func validate(_ d: ReinforcementRequestDraft, today: LocalDate) -> Result<Self, ValidationFailure> {
        var errors = FieldErrors()
        let commune = CommonRules.communeCode(d.communeCode, field: "commune_code", errors: &errors)
        var team: UUID?
        if (d.teamID ?? "").isEmpty {
            errors.add("team_id", "Hãy chọn đội nhận người tăng cường.", "Choose the team the people join.")
        } else {
            team = errors.parseUUID(d.teamID, field: "team_id")
        }
        let difficulty = (d.difficultyID ?? "").isEmpty ? nil : errors.parseUUID(d.difficultyID, field: "difficulty_id")
        if let people = d.people {
            if !(1...maxPeople).contains(people) {
                errors.add("people", "Số người cần phải từ 1 đến \(maxPeople).", "people must be between 1 and \(maxPeople).")
            }
        } else {
            errors.add("people", "Bắt buộc nhập số người cần.", "people is required.")
        }
        let languages = CommonRules.languages(d.languages, field: "languages", errors: &errors) ?? []
        var skills: [ForceSkill] = []
        for (i, raw) in (d.skills ?? []).enumerated() {
            if let s = ForceSkill(rawValue: raw) { if !skills.contains(s) { skills.append(s) } } else {
                let allowed = ForceSkill.allCases.map(\.rawValue).joined(separator: ", ")
                errors.add("skills[\(i)]", "Kỹ năng \"\(raw)\" không có trong danh mục (\(allowed)).", "Unknown skill \"\(raw)\" (\(allowed)).")
            }
        }
        if d.languagesRequired == true && languages.isEmpty {
            errors.add("languages", "Đã chọn “bắt buộc biết tiếng” nhưng chưa chọn tiếng nào.", "languages_required needs at least one language.")
        }
        let from = CommonRules.date(d.fromDate, field: "from_date", required: true, errors: &errors)
        if let from, from < today {
            errors.add("from_date", "Ngày bắt đầu \(from.longVietnamese) đã qua.", "from_date \(from.iso) is in the past.")
        }
        let to = CommonRules.date(d.toDate, field: "to_date", required: false, errors: &errors)
        if let from, let to, to < from {
            errors.add("to_date", "Ngày kết thúc phải từ ngày bắt đầu trở đi.", "to_date must not precede from_date.")
        }
        let note = FreeText.check(d.note, field: "note", maxLength: 500, required: false, shape: .prose, errors: &errors)
        // Whether the campaign's standard has this competency and level is the caller's to check (it holds the standard).
        let competency = d.competency.flatMap { $0.isEmpty ? nil : $0 }
        var level = 0
        if let competency {
            if !CompetencyStandardText.isCode(competency) {
                errors.add("competency", "Năng lực \"\(competency)\" không hợp lệ.", "Invalid competency \"\(competency)\".")
            }
            level = d.competencyLevel ?? 1
            if !(1...CompetencyStandardText.maxLevels).contains(level) {
                errors.add("competency_level", "Cấp độ yêu cầu từ 1 đến \(CompetencyStandardText.maxLevels).", "competency_level is 1 to \(CompetencyStandardText.maxLevels).")
            }
        } else if let asked = d.competencyLevel, asked > 0 {
            errors.add("competency", "Đã chọn cấp độ nhưng chưa chọn năng lực.", "competency_level needs a competency.")
        }
        guard errors.isEmpty, let commune, let team, let people = d.people, let from, from >= today else {
            return .failure(ValidationFailure(errors: errors.all))
        }
        return .success(.init(communeCode: commune, teamID: team, difficultyID: difficulty, people: people,
                              languages: languages.filter { $0 != .vi }, languagesRequired: d.languagesRequired ?? false,
                              skills: skills, skillsRequired: d.skillsRequired ?? false,
                              motorbikeRequired: d.motorbikeRequired ?? false, competency: competency, competencyLevel: level,
                              from: from, to: to, note: note))
    }
}

/// A request's life: open → proposed (moves offered) → filled, or cancelled.
public enum ReinforcementStatus: String, CaseIterable, Codable, Sendable {
    case open, proposed, filled, cancelled

    public var vietnamese: String {
        switch self {
        case .open: "Chưa có đề xuất"
        case .proposed: "Đã có đề xuất"
        case .filled: "Đã đủ người"
        case .cancelled: "Đã hủy"
        }
    }
}

/// A proposed move: proposed → approved (by an admin) → accepted or declined (by the volunteer or their team leader);
/// an admin may reject a proposal instead of approving it.
public enum MoveStatus: String, CaseIterable, Codable, Sendable {
    case proposed, approved, accepted, declined, rejected

    public var vietnamese: String {
        switch self {
        case .proposed: "Đề xuất, chờ duyệt"
        case .approved: "Đã duyệt, chờ TNV trả lời"
        case .accepted: "TNV đã nhận"
        case .declined: "TNV từ chối"
        case .rejected: "Không duyệt"
        }
    }

    /// Holds the volunteer: they are offered to no other request meanwhile.
    public var isLive: Bool { self == .proposed || self == .approved }
}
