import Fluent

/// The fewest members a team may keep: reinforcement proposals never take a team below it. Existing teams get 3.
struct UpdateTeamAddMinMembers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("teams")
            .field("min_members", .int, .required, .sql(.default(3)))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("teams").deleteField("min_members").update()
    }
}
