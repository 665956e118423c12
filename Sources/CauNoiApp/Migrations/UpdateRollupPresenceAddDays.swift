import Fluent
import SQLKit

/// Presence rows keep their references day by day ("0,2,0,1,0,0,0" from the week's first day), and counters per
/// day hold how many subjects were present that day and how many for the first time: a single day, or the campaign
/// up to any day, is then a handful of rows. Existing ledgers are dropped and rebuilt from the entries at the next
/// start (`RollupLedgerStore.rebuildMissing`), since old rows do not say which days they counted.
struct UpdateRollupPresenceAddDays: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("rollup_presence")
            .field("day_refs", .string, .required, .sql(.default("")))
            .update()
        try await database.schema("rollup_daily_counts")
            .field("campaign_id", .uuid, .required, .references("campaigns", "id"))
            .field("scope_code", .string, .required)
            .field("kind", .string, .required)
            .field("day", .string, .required)
            .field("n", .int64, .required)
            .field("n_new", .int64, .required)
            .field("f", .int64, .required)
            .field("f_new", .int64, .required)
            .compositeIdentifier(over: "campaign_id", "scope_code", "kind", "day")
            .create()
        try await dropLedgers(on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rollup_daily_counts").delete()
        try await database.schema("rollup_presence").deleteField("day_refs").update()
        try await dropLedgers(on: database)
    }

    private func dropLedgers(on database: any Database) async throws {
        for table in ["rollup_daily_sums", "rollup_presence", "rollup_weekly_counts", "rollup_generations"] {
            try await database.sql.delete(from: table).run()
        }
    }
}
