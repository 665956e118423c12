import Fluent

/// Day sums of additive figures for the nation and each province (see `RollupLedger`).
struct CreateRollupDailySum: AsyncMigration {

    func prepare(on database: any Database) async throws {
        try await database.schema("rollup_daily_sums")
            .field("campaign_id", .uuid, .required, .references("campaigns", "id"))
            .field("scope_code", .string, .required)
            .field("entry_date", .string, .required)
            .field("measure", .string, .required)
            .field("item", .string, .required)
            .field("value", .int64, .required)
            .compositeIdentifier(over: "campaign_id", "scope_code", "entry_date", "measure", "item")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rollup_daily_sums").delete()
    }
}
