import Fluent

struct CreateTeam: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("teams")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("name_search", .string, .required)
            .field("home_commune_code", .string, .required, .references("org_units", "code"))
            .field("province_code", .string, .required)
            .field("kind", .string, .required)
            .field("leader_id", .uuid, .references("volunteers", "id", onDelete: .setNull))
            .field("hotline", .string)
            .field("active_from", .string, .required)
            .field("active_to", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        try await database.createIndex("idx_teams_commune", on: "teams", columns: ["home_commune_code"])
        try await database.createIndex("idx_teams_province", on: "teams", columns: ["province_code"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("teams").delete()
    }
}
