import Fluent

/// Entries stored but not yet counted in the rollup ledger (issue 16). An ingest commit writes each new entry and
/// its mark together; `LedgerApplier` folds marked entries into the ledger later, many commits at a time, and
/// deletes their marks in the same transaction. Reads of the ledger apply what is marked first.
struct CreateRollupPending: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("rollup_pending")
            .field("entry_row_id", .uuid, .identifier(auto: false))
            .field("campaign_id", .uuid, .required)
            .create()
        try await database.createIndex("idx_rollup_pending_campaign", on: "rollup_pending", columns: ["campaign_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rollup_pending").delete()
    }
}
