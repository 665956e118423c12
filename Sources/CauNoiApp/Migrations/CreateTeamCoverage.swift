import Fluent

struct CreateTeamCoverage: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(TeamCoverage.schema)
            .id()
            .field("team_id", .uuid, .required, .references(Team.schema, "id", onDelete: .cascade))
            .field("commune_code", .string, .required, .references(OrgUnit.schema, "code"))
            .unique(on: "team_id", "commune_code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TeamCoverage.schema).delete()
    }
}
