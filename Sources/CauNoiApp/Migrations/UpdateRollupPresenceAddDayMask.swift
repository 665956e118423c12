import Fluent
import SQLKit

/// Presence rows also keep which days of their week they were present (`day_mask`, bit 0 the week's first day) and
/// whether their subject is flagged (a trained volunteer, a border or island commune), and an index reads them week
/// by week: any date range is then a distinct count over the presence rows of its weeks, in SQL, instead of a
/// scan of the entries. Existing ledgers are dropped and rebuilt from the entries at the next start
/// (`RollupLedgerStore.rebuildMissing`), since old rows carry neither.
struct UpdateRollupPresenceAddDayMask: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // SQLite adds one column per ALTER TABLE.
        try await database.schema("rollup_presence").field("day_mask", .int64, .required, .sql(.default(0))).update()
        try await database.schema("rollup_presence").field("flagged", .bool, .required, .sql(.default(false))).update()
        try await database.createIndex("idx_rollup_presence_week", on: "rollup_presence",
                                       columns: ["campaign_id", "week_start", "kind", "subject", "province_code", "day_mask", "flagged"])
        try await dropLedgers(on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "idx_rollup_presence_week").run()
        try await database.schema("rollup_presence").deleteField("flagged").update()
        try await database.schema("rollup_presence").deleteField("day_mask").update()
        try await dropLedgers(on: database)
    }

    private func dropLedgers(on database: any Database) async throws {
        for table in ["rollup_daily_sums", "rollup_presence", "rollup_weekly_counts", "rollup_daily_counts", "rollup_generations"] {
            try await database.sql.delete(from: table).run()
        }
    }
}
