import Fluent
import Foundation

final class Volunteer: Model, @unchecked Sendable {
    static let schema = "volunteers"

    @ID(key: .id) var id: UUID?
    @Field(key: "full_name") var fullName: String
    @Field(key: "name_search") var nameSearch: String
    /// Normalised Vietnamese mobile number (0xxxxxxxxx); unique. Personal data: never logged.
    @Field(key: "phone") var phone: String
    @OptionalField(key: "birth_year") var birthYear: Int?
    @Field(key: "gender") var gender: String
    @Field(key: "union_member") var unionMember: Bool
    @OptionalField(key: "affiliation") var affiliation: String?
    @Parent(key: "home_commune_code") var homeCommune: OrgUnit
    @Field(key: "province_code") var provinceCode: String
    @Field(key: "force_type") var forceType: String
    @Field(key: "tech_skill") var techSkill: String
    @Field(key: "communication_skill") var communicationSkill: String
    @Field(key: "languages") var languages: String
    @Field(key: "has_motorbike") var hasMotorbike: Bool
    @OptionalField(key: "consent_date") var consentDate: String?
    @Field(key: "status") var status: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    @Children(for: \.$volunteer) var courses: [CourseCompletion]

    init() {}
}
