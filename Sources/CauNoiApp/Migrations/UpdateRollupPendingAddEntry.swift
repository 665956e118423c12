import Fluent

/// A pending mark carries what the ledger counts of its entry (`RollupLedger.Entry.encoded`, issue 16), written in the
/// same insert: the ledger then counts a burst without reading its entries and detail rows back, which had cost more
/// than storing them (SQLite, 4,000 batches of 20: ~60 µs an entry read back; a node kept at most 40,000 in memory
/// to avoid it). Marks written before this carry none and are read back.
struct UpdateRollupPendingAddEntry: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("rollup_pending").field("entry", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rollup_pending").deleteField("entry").update()
    }
}
