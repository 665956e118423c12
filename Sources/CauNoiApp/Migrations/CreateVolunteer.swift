import Fluent

struct CreateVolunteer: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("volunteers")
            .id()
            .field("full_name", .string, .required)
            .field("name_search", .string, .required)
            .field("phone", .string, .required)
            .field("birth_year", .int)
            .field("gender", .string, .required)
            .field("union_member", .bool, .required)
            .field("affiliation", .string)
            .field("home_commune_code", .string, .required, .references("org_units", "code"))
            .field("province_code", .string, .required)
            .field("force_type", .string, .required)
            .field("tech_skill", .string, .required)
            .field("communication_skill", .string, .required)
            .field("languages", .string, .required)
            .field("has_motorbike", .bool, .required)
            .field("consent_date", .string)
            .field("status", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "phone")
            .create()
        try await database.createIndex("idx_volunteers_commune", on: "volunteers", columns: ["home_commune_code"])
        try await database.createIndex("idx_volunteers_province", on: "volunteers", columns: ["province_code"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("volunteers").delete()
    }
}
