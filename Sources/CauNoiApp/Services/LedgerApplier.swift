import CauNoiCore
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Counts entries stored with a pending mark into the rollup ledger (issue 16), many commits at a time.
///
/// With `backgroundWork` it runs when the node's group commit is idle; under load that lasts longer than `maxLag` it
/// counts one slice of `sliceLimit` entries a tick between the group commits: a burst of batches is stored first and
/// counted right after, with the ledger's reads and upserts shared by all the burst's entries, and a longer one is
/// counted as it goes without a batch ever waiting behind more than one slice. A ledger read never depends on it: it
/// counts what is pending itself first (`RollupLedgerStore.caughtUpGeneration`). The marks are in the database and
/// carry what the ledger counts of their entries, so entries a node stored but had not counted when it stopped are
/// counted by any node, and none is read back.
final class LedgerApplier: Sendable {
    /// Runs `body` in a write transaction (SQLite: on `SQLiteWriter`).
    typealias Applied = RollupLedgerStore.Applied
    typealias Transaction = @Sendable (@escaping @Sendable (any Database) async throws -> Applied) async throws -> Applied

    /// Entries per transaction: large enough to share presence rows and counters, small enough that group commits
    /// waiting behind it are not held for long.
    let limit: Int
    /// Entries per transaction while batches keep arriving (`applySlice`): the longest a batch may wait behind the
    /// ledger is one such transaction. (SQLite, 3,000 batches of 20 from 64 clients: counting everything pending
    /// every 2 s, 5,000 entries a transaction, put the p99 of one batch at 628–693 ms; slices of 1,000, 518–520 ms.)
    let sliceLimit: Int
    /// The longest the background applier leaves entries uncounted while batches keep arriving. Counting beside a
    /// burst competes with its batches for the cores and the writer and does not count it sooner (SQLite, 4,000 batches
    /// of 20 from 64 clients: a 2 s lag stored 8,579–10,697 entries/s, p99 227–312 ms; counting after the burst
    /// 10,856–12,463, p99 169–202 ms, everything counted as soon; BENCHMARKS.md). A rollup read meanwhile counts the
    /// backlog itself, in slices that let batches through (`RollupLedgerStore.caughtUpGeneration`).
    let maxLag: Duration
    private let transaction: Transaction
    /// Where the fold is read and worked out before the writer is taken (SQLite, whose one writer the batches need);
    /// nil: all of it inside the write transaction (PostgreSQL, where other connections keep committing meanwhile).
    private let reader: (any Database)?
    private let observe: (@Sendable (Int, Duration) -> Void)?
    /// Without a `reader` (PostgreSQL): how long one transaction may take before the applier gives up on it and
    /// fails (`Deadline`), so that a statement lost as PostgreSQL restarted does not stop the node's counting for
    /// good. Safe to try again: every transaction first takes the ledger's advisory lock, so a slow one that still
    /// commits is waited for, and its marks are gone when the next one reads them.
    let deadline: Duration

    init(limit: Int = 5_000, sliceLimit: Int = 1_000, maxLag: Duration = .seconds(10), reader: (any Database)? = nil,
         deadline: Duration = .seconds(30), transaction: @escaping Transaction, observe: (@Sendable (Int, Duration) -> Void)? = nil) {
        self.reader = reader
        self.deadline = deadline
        self.limit = limit
        self.sliceLimit = sliceLimit
        self.maxLag = maxLag
        self.transaction = transaction
        self.observe = observe
    }

    /// Counts what is pending (of one campaign, or of all), one campaign and `limit` entries per transaction, until no
    /// campaign has more; returns how many. (Marks that arrive meanwhile in a campaign already done wait for the next
    /// call.)
    @discardableResult
    func applyAll(campaignID: UUID? = nil) async throws -> Int {
        var total = 0
        var done = Set<UUID>()
        while true {
            let started = ContinuousClock.now
            let applied = try await applyOnce(campaignID: campaignID, done: done, limit: limit)
            let taken = applied.taken
            if taken > 0 { observe?(taken, ContinuousClock.now - started) }
            total += taken
            if taken == limit { continue }
            guard campaignID == nil, taken > 0, let campaign = applied.campaignID else { return total }
            done.insert(campaign)
        }
    }

    /// Counts at most `sliceLimit` pending entries (of the first campaign that has any) in one transaction; returns how
    /// many.
    @discardableResult
    func applySlice() async throws -> Int {
        let started = ContinuousClock.now
        let taken = try await applyOnce(campaignID: nil, done: [], limit: sliceLimit).taken
        if taken > 0 { observe?(taken, ContinuousClock.now - started) }
        return taken
    }

    /// One transaction's worth: with a `reader` (SQLite) read and worked out beside the writer, which is then taken
    /// only to write; else all inside the transaction. Returns the campaign and how many marks were taken.
    private func applyOnce(campaignID: UUID?, done: Set<UUID>, limit: Int) async throws -> Applied {
        guard let reader else {
            let transaction = transaction
            let applied = try await Deadline.within(deadline) {
                try await transaction { db in
                    try await RollupLedgerStore.applyPending(campaignID: campaignID, done: done, limit: limit, on: db)
                }
            }
            guard let applied else { throw AppError.databaseUnavailable(retryAfter: 2) }
            return applied
        }
        guard let prepared = try await RollupLedgerStore.preparePending(campaignID: campaignID, done: done, limit: limit, on: reader) else {
            return Applied(taken: 0)
        }
        return try await transaction { db in try await RollupLedgerStore.applyPrepared(prepared, on: db) }
    }
}

extension Application {
    private struct LedgerApplierKey: StorageKey { typealias Value = LedgerApplier }

    /// Set once by `configure`.
    var ledgerApplier: LedgerApplier? {
        get { storage[LedgerApplierKey.self] }
        set { storage[LedgerApplierKey.self] = newValue }
    }
}

/// The node's background applier: every `tick`, if entries are pending, counts them all when the group commit is
/// idle, and one slice when it has been busy for longer than `maxLag` since everything was last counted.
struct LedgerApplierLifecycle: LifecycleHandler {
    var tick: Duration = .milliseconds(100)
    let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func didBoot(_ app: Application) throws {
        guard let applier = app.ledgerApplier else { return }
        let logger = app.logger, db = app.db, commit = app.groupCommit, tick = tick
        task.withLockedValue {
            $0 = Task {
                var last = ContinuousClock.now
                var failing = false
                while !Task.isCancelled {
                    try? await Task.sleep(for: tick)
                    let busy = commit.map { !$0.isIdle } ?? false
                    if busy, ContinuousClock.now - last < applier.maxLag { continue }
                    do {
                        // A read, so safe to give up on (`Deadline`); the applier bounds its own transactions.
                        guard let pending = try await Deadline.within(applier.deadline, { try await RollupLedgerStore.anyPending(on: db) }) else {
                            throw AppError.databaseUnavailable(retryAfter: 2)
                        }
                        if busy {
                            // Batches are queued behind the writer: one slice, then they go first.
                            if pending { try await applier.applySlice() }
                        } else {
                            if pending { try await applier.applyAll() }
                            last = ContinuousClock.now
                        }
                        failing = false
                    } catch {
                        if !failing { logger.warning("rollup ledger apply failed", metadata: ["error": "\(String(reflecting: error))"]) }
                        failing = true
                    }
                }
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        guard let running = task.withLockedValue({ $0 }) else { return }
        running.cancel()
        await running.value
    }
}
