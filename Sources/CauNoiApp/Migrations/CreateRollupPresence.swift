import Fluent

/// How many current entries place a team, commune or volunteer in a province during an ISO week.
/// Keyed by subject first: writes read every row of the subjects they touch.
struct CreateRollupPresence: AsyncMigration {
    static let schema = "rollup_presence"

    func prepare(on database: any Database) async throws {
        try await database.schema(Self.schema)
            .field("campaign_id", .uuid, .required, .references(Campaign.schema, "id"))
            .field("kind", .string, .required)
            .field("subject", .string, .required)
            .field("province_code", .string, .required)
            .field("week_start", .string, .required)
            .field("refs", .int64, .required)
            .compositeIdentifier(over: "campaign_id", "kind", "subject", "province_code", "week_start")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Self.schema).delete()
    }
}
