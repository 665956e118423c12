import Fluent

/// Distinct teams, communes and volunteers per scope and ISO week: present (`n`), present for the
/// first time in the campaign (`n_new`), and the same for the flagged subset (`f`, `f_new`).
struct CreateRollupWeeklyCount: AsyncMigration {

    func prepare(on database: any Database) async throws {
        try await database.schema("rollup_weekly_counts")
            .field("campaign_id", .uuid, .required, .references("campaigns", "id"))
            .field("scope_code", .string, .required)
            .field("kind", .string, .required)
            .field("week_start", .string, .required)
            .field("n", .int64, .required)
            .field("n_new", .int64, .required)
            .field("f", .int64, .required)
            .field("f_new", .int64, .required)
            .compositeIdentifier(over: "campaign_id", "scope_code", "kind", "week_start")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rollup_weekly_counts").delete()
    }
}
