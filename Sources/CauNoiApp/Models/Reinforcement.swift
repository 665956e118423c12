import CauNoiCore
import Fluent
import Foundation

/// A request for more people in a commune (`reinforcement_requests`).
final class ReinforcementRequest: Model, @unchecked Sendable {
    static let schema = "reinforcement_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "campaign_id") var campaignID: UUID
    @Field(key: "commune_code") var communeCode: String
    @Field(key: "province_code") var provinceCode: String
    @Field(key: "team_id") var teamID: UUID
    @OptionalField(key: "difficulty_id") var difficultyID: UUID?
    @Field(key: "people") var people: Int
    /// Comma-separated `Language` raw values.
    @Field(key: "languages") var languages: String
    @Field(key: "languages_required") var languagesRequired: Bool
    /// Comma-separated `ForceSkill` raw values.
    @Field(key: "skills") var skills: String
    @Field(key: "skills_required") var skillsRequired: Bool
    @Field(key: "motorbike_required") var motorbikeRequired: Bool
    /// A rotation's request: the local force first.
    @Field(key: "prefer_local_force") var preferLocalForce: Bool
    /// A competency of the campaign's standard everyone sent must hold at `competencyLevel` or above; nil for none.
    @OptionalField(key: "competency") var competency: String?
    @Field(key: "competency_level") var competencyLevel: Int
    @Field(key: "from_date") var fromDate: String
    @OptionalField(key: "to_date") var toDate: String?
    @OptionalField(key: "note") var note: String?
    @Field(key: "status") var status: String
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var state: ReinforcementStatus { ReinforcementStatus(rawValue: status) ?? .open }
    var languageList: [Language] { languages.split(separator: ",").compactMap { Language(rawValue: String($0)) } }
    var skillList: [ForceSkill] { skills.split(separator: ",").compactMap { ForceSkill(rawValue: String($0)) } }
    var place: RecordPlace { RecordPlace(provinceCode: provinceCode, communeCodes: [communeCode]) }

    var need: ReinforcementPlanner.Need {
        var need = ReinforcementPlanner.Need(commune: -1, people: people, languages: LanguageSet(languageList), languagesRequired: languagesRequired,
                                             skills: Set(skillList), skillsRequired: skillsRequired, motorbikeRequired: motorbikeRequired)
        need.preferLocalForce = preferLocalForce
        return need
    }
}

/// One volunteer proposed for one request (`reinforcement_moves`).
final class ReinforcementMove: Model, @unchecked Sendable {
    static let schema = "reinforcement_moves"

    @ID(key: .id) var id: UUID?
    @Field(key: "request_id") var requestID: UUID
    @Field(key: "volunteer_id") var volunteerID: UUID
    @OptionalField(key: "from_team_id") var fromTeamID: UUID?
    @Field(key: "to_team_id") var toTeamID: UUID
    @Field(key: "start_date") var startDate: String
    @Field(key: "cost") var cost: Int64
    @Field(key: "kilometres") var kilometres: Double
    /// The reasons shown beside the proposal, in Vietnamese, joined by ", ".
    @Field(key: "reasons") var reasons: String
    @Field(key: "status") var status: String
    @OptionalField(key: "decided_by") var decidedBy: String?
    @OptionalField(key: "answered_by") var answeredBy: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var state: MoveStatus { MoveStatus(rawValue: status) ?? .proposed }
}
