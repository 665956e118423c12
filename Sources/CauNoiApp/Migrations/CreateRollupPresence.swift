import Fluent

/// How many current entries place a team, commune or volunteer in a province during an ISO week.
/// Keyed by subject first: writes read every row of the subjects they touch.
struct CreateRollupPresence: AsyncMigration {

    func prepare(on database: any Database) async throws {
        try await database.schema("rollup_presence")
            .field("campaign_id", .uuid, .required, .references("campaigns", "id"))
            .field("kind", .string, .required)
            .field("subject", .string, .required)
            .field("province_code", .string, .required)
            .field("week_start", .string, .required)
            .field("refs", .int64, .required)
            .compositeIdentifier(over: "campaign_id", "kind", "subject", "province_code", "week_start")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rollup_presence").delete()
    }
}
