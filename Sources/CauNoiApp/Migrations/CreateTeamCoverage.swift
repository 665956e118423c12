import Fluent

struct CreateTeamCoverage: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("team_coverage")
            .id()
            .field("team_id", .uuid, .required, .references("teams", "id", onDelete: .cascade))
            .field("commune_code", .string, .required, .references("org_units", "code"))
            .unique(on: "team_id", "commune_code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("team_coverage").delete()
    }
}
