import Fluent

struct CreateTeamMembership: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(TeamMembership.schema)
            .id()
            .field("team_id", .uuid, .required, .references(Team.schema, "id", onDelete: .cascade))
            .field("volunteer_id", .uuid, .required, .references(Volunteer.schema, "id", onDelete: .cascade))
            .field("from_date", .string, .required)
            .field("to_date", .string)
            .create()
        try await database.createIndex("idx_memberships_team", on: TeamMembership.schema, columns: ["team_id", "volunteer_id"])
        try await database.createIndex("idx_memberships_volunteer", on: TeamMembership.schema, columns: ["volunteer_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TeamMembership.schema).delete()
    }
}
