import Fluent

/// A reinforcement request may require a competency of the campaign's standard at a level (none for earlier rows).
/// One column per statement: SQLite adds a single column per ALTER TABLE.
struct UpdateReinforcementRequestAddCompetency: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("reinforcement_requests").field("competency", .string).update()
        try await database.schema("reinforcement_requests").field("competency_level", .int, .required, .sql(.default(0))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reinforcement_requests").deleteField("competency_level").update()
        try await database.schema("reinforcement_requests").deleteField("competency").update()
    }
}
