import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Group commit for writes that arrive together (issue 16): work waiting for the writer is run in one transaction
/// and one commit (one fsync), each piece inside its own savepoint, so a piece that fails is rolled back alone and
/// the others still commit. Every caller gets exactly the answer it would have had alone, in the order the pieces
/// ran, and only after the commit: nothing is answered "created" before it is durable. The pieces' ledger changes
/// (`PendingLedger`) are merged and recorded once, after the last piece and before the commit.
///
/// The first caller to find the queue idle leads: it takes everything queued (up to `maxWeight`), commits it, and
/// goes on until the queue is empty; callers arriving meanwhile only wait. With one caller at a time this is a
/// plain transaction.
final class GroupCommit: Sendable {
    private struct Waiting: Sendable {
        let weight: Int
        /// The caller's database handle (its request's logger and id): a group runs on its first member's.
        let db: any Database
        let work: Piece
        let resume: @Sendable (Result<any Sendable, any Error>) -> Void
    }

    private struct State {
        var queue: [Waiting] = []
        var leading = false
    }

    /// Upper bound of the summed weights (entries) merged into one transaction; a single heavier piece runs alone.
    let maxWeight: Int
    private let state = NIOLockedValueBox(State())
    /// Told the number of pieces of each commit and how long it took, for the node's metrics.
    private let observe: (@Sendable (Int, Duration) -> Void)?

    typealias Transaction = @Sendable (Logger, @escaping @Sendable (any Database) async throws -> [Result<any Sendable, any Error>])
        async throws -> [Result<any Sendable, any Error>]
    /// Where groups run (SQLite: `SQLiteWriter`, given the first member's logger); nil: a write transaction on the
    /// first member's database handle.
    private let transaction: Transaction?

    init(maxWeight: Int = 20_000, transaction: Transaction? = nil, observe: (@Sendable (Int, Duration) -> Void)? = nil) {
        self.maxWeight = maxWeight
        self.transaction = transaction
        self.observe = observe
    }

    /// Runs `body` in a write transaction, merged with whatever else is waiting; `weight` is its size (entries).
    /// `body` leaves its ledger changes in the `PendingLedger` it is given.
    func run<T: Sendable>(weight: Int, on db: any Database,
                          _ body: @escaping @Sendable (any Database, PendingLedger) async throws -> T) async throws -> T {
        let value: any Sendable = try await withCheckedThrowingContinuation { continuation in
            let waiting = Waiting(weight: weight, db: db, work: { db, ledger in try await body(db, ledger) },
                                  resume: { continuation.resume(with: $0) })
            let lead = state.withLockedValue { s -> Bool in
                s.queue.append(waiting)
                guard !s.leading else { return false }
                s.leading = true
                return true
            }
            if lead { Task { await self.drain() } }
        }
        guard let typed = value as? T else { preconditionFailure("group commit: \(type(of: value)) is not \(T.self)") }
        return typed
    }

    private func drain() async {
        while true {
            let group: [Waiting] = state.withLockedValue { s in
                guard !s.queue.isEmpty else {
                    s.leading = false
                    return []
                }
                var weight = 0, count = 0
                for waiting in s.queue {
                    if count > 0, weight + waiting.weight > maxWeight { break }
                    weight += waiting.weight
                    count += 1
                }
                defer { s.queue.removeFirst(count) }
                return Array(s.queue.prefix(count))
            }
            guard let first = group.first else { return }
            let started = ContinuousClock.now
            let results = await Self.commit(group.map(\.work), on: first.db, in: transaction)
            observe?(group.count, ContinuousClock.now - started)
            for (waiting, result) in zip(group, results) { waiting.resume(result) }
        }
    }

    typealias Piece = @Sendable (any Database, PendingLedger) async throws -> any Sendable

    /// One transaction for all `pieces`, each in a savepoint when there are several, then the ledger changes of the
    /// pieces that succeeded. A failed piece's result is its error and its ledger changes are dropped with it; a
    /// failed ledger write or commit (or a lost connection) fails every piece, since none of them is stored.
    static func commit(_ pieces: [Piece], on db: any Database, in transaction: Transaction? = nil) async -> [Result<any Sendable, any Error>] {
        let write: Transaction = transaction ?? { _, body in try await db.writeTransaction(body) }
        do {
            return try await write(db.logger) { db in
                let ledger = PendingLedger()
                guard pieces.count > 1 else {
                    let value = try await pieces[0](db, ledger)
                    try await ledger.record(on: db)
                    return [.success(value)]
                }
                var results: [Result<any Sendable, any Error>] = []
                for piece in pieces {
                    try await db.sql.raw("SAVEPOINT caunoi_piece").run()
                    do {
                        let own = PendingLedger()
                        let value = try await piece(db, own)
                        try await db.sql.raw("RELEASE SAVEPOINT caunoi_piece").run()
                        ledger.absorb(own)
                        results.append(.success(value))
                    } catch {
                        // Nothing more can be sent on a connection that is gone; the whole transaction is lost.
                        if DatabaseOutage.isConnectionLoss(error) { throw error }
                        try await db.sql.raw("ROLLBACK TO SAVEPOINT caunoi_piece").run()
                        try await db.sql.raw("RELEASE SAVEPOINT caunoi_piece").run()
                        results.append(.failure(error))
                    }
                }
                try await ledger.record(on: db)
                return results
            }
        } catch {
            return pieces.map { _ in .failure(error) }
        }
    }
}

extension Application {
    private struct GroupCommitKey: StorageKey { typealias Value = GroupCommit }

    /// Set once by `configure`.
    var groupCommit: GroupCommit? {
        get { storage[GroupCommitKey.self] }
        set { storage[GroupCommitKey.self] = newValue }
    }
}
