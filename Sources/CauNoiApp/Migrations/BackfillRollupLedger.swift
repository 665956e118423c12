import Fluent

/// Once filled the rollup ledger from entries stored before it existed, by running the ledger's own code.
/// A migration must not change when live code does, so it now does nothing: `Bootstrap.prepare` rebuilds
/// the ledger of any campaign that has entries but was never counted (`RollupLedgerStore.rebuildMissing`),
/// which covers the databases this migration was written for. Kept, under its name, because databases
/// have recorded it as run.
struct BackfillRollupLedger: AsyncMigration {
    func prepare(on database: any Database) async throws {}

    func revert(on database: any Database) async throws {
        for table in ["rollup_daily_sums", "rollup_presence", "rollup_weekly_counts", "rollup_generations"] {
            try await database.sql.delete(from: table).run()
        }
    }
}
