import Foundation

/// A volunteer as a client sends it: everything optional so that every missing field can be reported at once.
public struct VolunteerDraft: Codable, Sendable, Hashable {
    public var fullName: String?
    public var phone: String?
    public var birthYear: Int?
    public var gender: String?
    public var unionMember: Bool?
    public var affiliation: String?
    public var homeCommuneCode: String?
    public var forceType: String?
    public var techSkill: String?
    public var communicationSkill: String?
    public var languages: [String]?
    public var hasMotorbike: Bool?
    public var consentDate: String?
    public var status: String?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case fullName = "full_name", phone, birthYear = "birth_year", gender, unionMember = "union_member"
        case affiliation, homeCommuneCode = "home_commune_code", forceType = "force_type"
        case techSkill = "tech_skill", communicationSkill = "communication_skill", languages
        case hasMotorbike = "has_motorbike", consentDate = "consent_date", status
    }
}

public struct ValidVolunteer: Sendable, Hashable {
    public var fullName: String
    public var phone: String
    public var birthYear: Int?
    public var gender: Gender
    public var unionMember: Bool
    public var affiliation: String?
    public var homeCommuneCode: String
    public var forceType: ForceType
    public var techSkill: SkillLevel
    public var communicationSkill: SkillLevel
    public var languages: [Language]
    public var hasMotorbike: Bool
    public var consentDate: LocalDate
    public var status: VolunteerStatus
}
