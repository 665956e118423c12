import Fluent

/// A request for more people in a commune: raised from a difficulty or by a province or central admin.
struct CreateReinforcementRequest: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("reinforcement_requests")
            .id()
            .field("campaign_id", .uuid, .required, .references("campaigns", "id"))
            .field("commune_code", .string, .required, .references("org_units", "code"))
            .field("province_code", .string, .required)
            .field("team_id", .uuid, .required, .references("teams", "id"))
            .field("difficulty_id", .uuid, .references("difficulties", "id", onDelete: .setNull))
            .field("people", .int, .required)
            .field("languages", .string, .required)
            .field("languages_required", .bool, .required)
            .field("skills", .string, .required)
            .field("skills_required", .bool, .required)
            .field("motorbike_required", .bool, .required)
            .field("prefer_local_force", .bool, .required)
            .field("from_date", .string, .required)
            .field("to_date", .string)
            .field("note", .string)
            .field("status", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.createIndex("idx_reinforcement_requests_status", on: "reinforcement_requests",
                                       columns: ["status", "province_code"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reinforcement_requests").delete()
    }
}
