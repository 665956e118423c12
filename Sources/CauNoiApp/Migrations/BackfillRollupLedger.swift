import Fluent

/// Fills the rollup ledger from entries stored before it existed (empty on a new database).
struct BackfillRollupLedger: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for campaign in try await Campaign.query(on: database).all() {
            try await RollupLedgerStore.rebuild(campaign: campaign, on: database)
        }
    }

    func revert(on database: any Database) async throws {
        for table in [CreateRollupDailySum.schema, CreateRollupPresence.schema, CreateRollupWeeklyCount.schema, CreateRollupGeneration.schema] {
            try await database.sql.delete(from: table).run()
        }
    }
}
