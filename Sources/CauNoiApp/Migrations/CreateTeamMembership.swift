import Fluent

struct CreateTeamMembership: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("team_memberships")
            .id()
            .field("team_id", .uuid, .required, .references("teams", "id", onDelete: .cascade))
            .field("volunteer_id", .uuid, .required, .references("volunteers", "id", onDelete: .cascade))
            .field("from_date", .string, .required)
            .field("to_date", .string)
            .create()
        try await database.createIndex("idx_memberships_team", on: "team_memberships", columns: ["team_id", "volunteer_id"])
        try await database.createIndex("idx_memberships_volunteer", on: "team_memberships", columns: ["volunteer_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("team_memberships").delete()
    }
}
