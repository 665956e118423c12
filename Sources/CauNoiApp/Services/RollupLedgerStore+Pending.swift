import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// Entries counted in the ledger later (issue 16). An ingest commit stores its new entries with a mark each
/// (`rollup_pending`) instead of updating the ledger itself: the ledger's reads and upserts were a third of the
/// writer's time per commit, and folding many commits' entries at once reads and writes each presence row and
/// counter once. Marks are applied by `LedgerApplier` in the background and by every ledger read first, so a
/// figure read after an entry was acknowledged counts it.
extension RollupLedgerStore {
    /// Marks entries just stored as not yet in the ledger, each with what the ledger counts of it
    /// (`RollupLedger.Entry.encoded`, made before the writer is taken: `StoreRow`) so it need not be read back, in the
    /// caller's write transaction.
    static func markPending(_ entries: [(rowID: UUID, encoded: String)], campaignID: UUID, on db: any Database) async throws {
        var values: [BoundValue] = []
        values.reserveCapacity(entries.count * 3)
        for (rowID, encoded) in entries { values += [.uuid(rowID), .uuid(campaignID), .text(encoded)] }
        try await pendingMarks.run(values, on: db)
    }

    private static let pendingMarks = RawInsert(table: Tables.rollupPending, columns: ["entry_row_id", "campaign_id", "entry"], rowsPerStatement: 3_000)

    /// What one fold counted: the campaign and how many of its marks.
    struct Applied: Sendable {
        var campaignID: UUID?
        var taken: Int
    }

    /// Folds up to `limit` marked entries of one campaign (the one given, or the first mark's outside `done`) into
    /// the ledger and deletes their marks, all in the caller's write transaction.
    @discardableResult
    static func applyPending(campaignID: UUID? = nil, done: Set<UUID> = [], limit: Int = 20_000, on db: any Database) async throws -> Applied {
        // Before anything is read: on PostgreSQL the plan must rest on rows no other ledger writer can change.
        try await lock(on: db)
        guard let prepared = try await preparePending(campaignID: campaignID, done: done, limit: limit, on: db) else {
            return Applied(taken: 0)
        }
        return try await applyPrepared(prepared, on: db)
    }

    /// One campaign's pending entries, read and worked out beside the writer (SQLite: on a readers' connection, while
    /// batches keep committing), for `applyPrepared` to write.
    struct Prepared: Sendable {
        var campaignID: UUID
        /// The ledger's generation before anything the plan rests on was read.
        var generation: Int
        var ids: [UUID]
        /// The marks' own numbers, to delete them by.
        var marks: [Int]
        var entries: [UUID: RollupLedger.Entry]
        /// Nil when there is nothing to count (the campaign or the entries are gone): the marks just go.
        var plan: Plan?
    }

    /// Reads up to `limit` marked entries of one campaign (the one given, or the first mark's outside `done`) and plans
    /// their fold; writes nothing. Nil when nothing is pending.
    static func preparePending(campaignID: UUID? = nil, done: Set<UUID> = [], limit: Int, on db: any Database) async throws -> Prepared? {
        let sql = db.sql
        let target: UUID
        if let campaignID {
            target = campaignID
        } else {
            let first = sql.select().column("campaign_id").from(Tables.rollupPending).limit(1)
            if !done.isEmpty { first.where("campaign_id", .notIn, Array(done)) }
            guard let row = try await first.first() else { return nil }
            target = try row.decode(column: "campaign_id", as: UUID.self)
        }
        // Oldest first (the campaign index's order, so no sort): a long burst is counted in the order it was stored.
        let rows = try await sql.select().columns("mark", "entry_row_id", "entry").from(Tables.rollupPending).where("campaign_id", .equal, target)
            .orderBy("mark").limit(limit).all()
        var ids: [UUID] = [], marks: [Int] = [], entries: [UUID: RollupLedger.Entry] = [:]
        ids.reserveCapacity(rows.count)
        marks.reserveCapacity(rows.count)
        for row in rows {
            let id = try row.decode(column: "entry_row_id", as: UUID.self)
            ids.append(id)
            marks.append(try row.decode(column: "mark", as: Int.self))
            if let text = try row.decode(column: "entry", as: String?.self), let entry = RollupLedger.Entry(encoded: text) { entries[id] = entry }
        }
        guard !ids.isEmpty else { return nil }
        // First: a ledger write after this read moves it on, and `applyPrepared` then does not use the plan.
        let generation = try await generation(campaignID: target, on: db)
        // Marks without a readable entry (written before marks carried one) are counted from the stored rows, read back.
        let missing = ids.filter { entries[$0] == nil }
        if !missing.isEmpty {
            for (id, entry) in try await entriesByID(ids: missing, on: db) { entries[id] = entry }
        }
        var plan: Plan?
        if !entries.isEmpty, let campaign = try await Campaign.find(target, on: db) {
            plan = try await self.plan(entries.values.map { ($0, 1) }, campaignID: target, weekStartsOn: campaign.weekStartsOn, on: db)
        }
        return Prepared(campaignID: target, generation: generation, ids: ids, marks: marks, entries: entries, plan: plan)
    }

    /// Writes a prepared fold and deletes its marks in the caller's write transaction, if no ledger write came
    /// between (the generation is still the one it was prepared at); otherwise counts the campaign's marks again from
    /// the stored rows.
    static func applyPrepared(_ prepared: Prepared, on db: any Database) async throws -> Applied {
        try await lock(on: db)
        guard try await generation(campaignID: prepared.campaignID, on: db) == prepared.generation else {
            return try await applyPending(campaignID: prepared.campaignID, limit: prepared.ids.count, on: db)
        }
        if let plan = prepared.plan { try await write(plan, on: db) }
        try await forgetPending(marks: prepared.marks, on: db.sql)
        return Applied(campaignID: prepared.campaignID, taken: prepared.ids.count)
    }

    /// Applies every marked entry of the campaign (or of all), in the caller's write transaction.
    static func applyAllPending(campaignID: UUID? = nil, on db: any Database) async throws {
        while try await applyPending(campaignID: campaignID, on: db).taken > 0 {}
    }

    /// The campaign's ledger generation, and the highest number of its marks (nil: nothing waits to be counted): one
    /// round trip for a ledger read.
    static func generationAndLastMark(campaignID: UUID, on db: any Database) async throws -> (generation: Int, lastMark: Int?) {
        let row = try await db.sql.raw("""
            SELECT COALESCE((SELECT generation FROM \(ident: Tables.rollupGenerations) WHERE campaign_id = \(bind: campaignID)), 0) AS g,
                   (SELECT MAX(mark) FROM \(ident: Tables.rollupPending) WHERE campaign_id = \(bind: campaignID)) AS m
            """).first()
        return (try row?.decode(column: "g", as: Int.self) ?? 0, try row?.decode(column: "m", as: Int?.self))
    }

    /// The generation to read the campaign's ledger at, after counting what is pending: a figure read after an entry
    /// was acknowledged counts it. Usually one round trip. The counting, when needed, goes in slices of `slice` entries,
    /// each a write transaction of its own, so that batches arriving meanwhile commit between them instead of waiting
    /// behind a whole burst's backlog (the applier leaves a burst to be counted after it: `LedgerApplier.maxLag`). It
    /// stops once no mark up to the highest there was when the read began is left: every entry acknowledged before then
    /// has one of those.
    static func caughtUpGeneration(campaignID: UUID, slice: Int = readSlice, on db: any Database) async throws -> Int {
        let state = try await generationAndLastMark(campaignID: campaignID, on: db)
        guard let last = state.lastMark else { return state.generation }
        while try await db.writeTransaction({ try await applyPending(campaignID: campaignID, limit: slice, on: $0) }).taken > 0 {
            guard let first = try await firstMark(campaignID: campaignID, on: db), first <= last else { break }
        }
        return try await generation(campaignID: campaignID, on: db)
    }

    /// Entries a rollup read counts per transaction: the applier's fold size, where presence rows and counters are shared.
    static let readSlice = 5_000

    /// The lowest number of the campaign's marks; nil when none is left.
    private static func firstMark(campaignID: UUID, on db: any Database) async throws -> Int? {
        try await db.sql.raw("SELECT MIN(mark) AS m FROM \(ident: Tables.rollupPending) WHERE campaign_id = \(bind: campaignID)")
            .first()?.decode(column: "m", as: Int?.self)
    }

    /// Whether any entry of any campaign waits to be counted.
    static func anyPending(on db: any Database) async throws -> Bool {
        try await db.sql.select().column("entry_row_id").from(Tables.rollupPending).limit(1).first() != nil
    }

    /// Deletes these marks, by their numbers.
    static func forgetPending(marks: [Int], on sql: any SQLDatabase) async throws {
        for chunk in marks.chunked(into: 500) {
            try await sql.delete(from: Tables.rollupPending).where("mark", .in, Array(chunk)).run()
        }
    }

    /// Deletes the marks of these entries of the campaign: its marks are read once (only entries not yet counted have
    /// one) and the matching ones deleted by number, as marks are not indexed by entry.
    static func forgetPending(entries rowIDs: [UUID], campaignID: UUID, on sql: any SQLDatabase) async throws {
        let counted = Set(rowIDs)
        var marks: [Int] = []
        for row in try await sql.select().columns("mark", "entry_row_id").from(Tables.rollupPending)
            .where("campaign_id", .equal, campaignID).all()
            where counted.contains(try row.decode(column: "entry_row_id", as: UUID.self)) {
            marks.append(try row.decode(column: "mark", as: Int.self))
        }
        try await forgetPending(marks: marks, on: sql)
    }
}
