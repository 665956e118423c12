import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Group commit for writes that arrive together (issue 16): work waiting for the writer is run in one transaction
/// and one commit (one fsync). Every caller gets exactly the answer it would have had alone, and only after the
/// commit: nothing is answered "created" before it is durable.
///
/// A group is first written `together` (one statement per table for all of it) in one transaction; if that fails,
/// it is rolled back and each piece is written `alone` in a savepoint of its own in a second transaction, in arrival
/// order, so a piece that fails is rolled back alone and the others still commit.
///
/// The first caller to find the queue idle leads: it takes everything queued (up to `maxWeight`), commits it, and
/// goes on until the queue is empty; callers arriving meanwhile only wait. With one caller at a time this is a
/// plain transaction. With `leaders` above one (PostgreSQL, where writers need not queue), as many groups are
/// written at once on connections of their own: while one waits for the database, the next is under way.
final class GroupCommit<Work: Sendable, Answer: Sendable>: Sendable {
    typealias Results = [Result<Answer, any Error>]
    /// Where groups run (SQLite: `SQLiteWriter`), given the first member's logger.
    typealias Transaction = @Sendable (Logger, @escaping @Sendable (any Database) async throws -> Results) async throws -> Results
    typealias Alone = @Sendable (Work, any Database) async throws -> Answer
    /// The answers in the order of the works.
    typealias Together = @Sendable ([Work], any Database) async throws -> [Answer]

    private struct Waiting: Sendable {
        let work: Work
        let weight: Int
        /// The caller's database handle (its request's logger and id): without a `Transaction`, a group runs on its
        /// first member's.
        let db: any Database
        let resume: @Sendable (Result<Answer, any Error>) -> Void
    }

    private struct State {
        var queue: [Waiting] = []
        var leaders = 0
        /// Pieces taken by a leader and not yet answered.
        var writing = 0
    }

    /// Nothing queued and no group being written (`LedgerApplier` waits for this, or for its lag to run out).
    var isIdle: Bool { state.withLockedValue { $0.queue.isEmpty && $0.leaders == 0 } }

    /// Pieces waiting in the queue or being written, not yet answered.
    var pending: Int { state.withLockedValue { $0.queue.count + $0.writing } }

    /// Upper bound of the summed weights (entries) merged into one transaction; a single heavier piece runs alone.
    /// (Every piece of a group is answered at its commit: the bound also bounds how long the first waits for the last.)
    let maxWeight: Int
    /// Groups written at the same time, at most.
    let maxLeaders: Int
    private let transaction: Transaction?
    private let alone: Alone
    private let together: Together?
    private let state = NIOLockedValueBox(State())
    /// Told the number of pieces of each commit and how long it took, for the node's metrics.
    private let observe: (@Sendable (Int, Duration) -> Void)?
    /// Told when a group could not be written together and its pieces were written one by one.
    private let fellBack: (@Sendable () -> Void)?
    /// Where the leader runs; nil: the shared executor.
    private let executor: (any TaskExecutor)?
    /// How long the leader waits for one group's transaction before answering its callers "database unavailable"
    /// and going on with the queue. postgres-nio 1.33 can lose a statement written to a connection PostgreSQL just
    /// closed, and its caller then waits for ever: without this, every batch after it on the node waited too. (Such
    /// a transaction is gone with its connection. One that is only slow may still commit after its callers were
    /// answered; their resends are then answered "duplicate", since entry ids make resending safe.)
    let deadline: Duration

    init(maxWeight: Int = 20_000, leaders: Int = 1, transaction: Transaction? = nil, alone: @escaping Alone, together: Together? = nil,
         observe: (@Sendable (Int, Duration) -> Void)? = nil, fellBack: (@Sendable () -> Void)? = nil,
         executor: (any TaskExecutor)? = nil, deadline: Duration = .seconds(30)) {
        self.maxWeight = maxWeight
        self.maxLeaders = max(1, leaders)
        self.transaction = transaction
        self.alone = alone
        self.together = together
        self.observe = observe
        self.fellBack = fellBack
        self.executor = executor
        self.deadline = deadline
    }

    /// Writes `work` in a write transaction, merged with whatever else is waiting; `weight` is its size (entries).
    func run(_ work: Work, weight: Int, on db: any Database) async throws -> Answer {
        try await withCheckedThrowingContinuation { continuation in
            let waiting = Waiting(work: work, weight: weight, db: db, resume: { continuation.resume(with: $0) })
            let lead = state.withLockedValue { s -> Bool in
                s.queue.append(waiting)
                guard s.leaders < maxLeaders else { return false }
                s.leaders += 1
                return true
            }
            // On its own thread when given one, and high priority: the whole node's ingest waits on this one task.
            if lead { Task(executorPreference: executor, priority: .high) { await self.drain() } }
        }
    }

    private func drain() async {
        while true {
            let group: [Waiting] = state.withLockedValue { s in
                guard !s.queue.isEmpty else {
                    s.leaders -= 1
                    return []
                }
                var weight = 0, count = 0
                for waiting in s.queue {
                    if count > 0, weight + waiting.weight > maxWeight { break }
                    weight += waiting.weight
                    count += 1
                }
                defer { s.queue.removeFirst(count) }
                s.writing += count
                return Array(s.queue.prefix(count))
            }
            guard let first = group.first else { return }
            let started = ContinuousClock.now
            let works = group.map(\.work), transaction = transaction, alone = alone, together = together, fellBack = fellBack
            let executor = executor
            let results = await Self.within(deadline, on: executor) {
                await Self.commit(works, on: first.db, in: transaction, alone: alone, together: together, fellBack: fellBack,
                                  executor: executor)
            } ?? group.map { _ in .failure(AppError.databaseUnavailable(retryAfter: 2)) }
            observe?(group.count, ContinuousClock.now - started)
            state.withLockedValue { $0.writing -= group.count }
            for (waiting, result) in zip(group, results) { waiting.resume(result) }
        }
    }

    /// `body`'s result, or nil if it has not finished within `limit` (`Deadline`).
    private static func within(_ limit: Duration, on executor: (any TaskExecutor)?,
                               _ body: @escaping @Sendable () async -> Results) async -> Results? {
        (try? await Deadline.within(limit, on: executor, priority: .high) { await body() }) ?? nil
    }

    /// A transaction for all `works` written together; if that fails, it is rolled back and another transaction
    /// writes each work alone in a savepoint of its own. A failed piece's result is its error and what it wrote is
    /// rolled back with its savepoint; a failed commit (or a lost connection) fails every piece, since none of them
    /// is stored. (The together attempt has no savepoint of its own: inside one, SQLite copies every page the group
    /// changes into the statement journal first.)
    /// Runs on `executor` when given one: Fluent runs a transaction's body in a task of its own, which does not keep
    /// the caller's executor preference, so without this the group's work went to the shared threads.
    static func commit(_ works: [Work], on db: any Database, in transaction: Transaction? = nil, alone: @escaping Alone,
                       together: Together? = nil, fellBack: (@Sendable () -> Void)? = nil,
                       executor: (any TaskExecutor)? = nil) async -> Results {
        let write: Transaction = transaction ?? { _, body in try await db.writeTransaction(on: executor, body) }
        if works.count > 1, let together {
            do {
                return try await write(db.logger) { db in
                    try await withTaskExecutorPreference(executor) {
                        let answers = try await together(works, db)
                        guard answers.count == works.count else { throw AppError.server }
                        return answers.map { .success($0) }
                    }
                }
            } catch {
                // Nothing more can be sent on a connection that is gone.
                if DatabaseOutage.isConnectionLoss(error) { return works.map { _ in .failure(error) } }
                db.logger.warning("group write failed; writing its batches one by one", metadata: ["error": "\(String(reflecting: error))"])
                fellBack?()
            }
        }
        do {
            return try await write(db.logger) { db in
                try await withTaskExecutorPreference(executor) { try await writeAlone(works, on: db, alone: alone) }
            }
        } catch {
            return works.map { _ in .failure(error) }
        }
    }

    /// Inside the group's transaction: piece by piece, each in a savepoint.
    private static func writeAlone(_ works: [Work], on db: any Database, alone: Alone) async throws -> Results {
        guard works.count > 1 else { return [.success(try await alone(works[0], db))] }
        var results: Results = []
        for work in works {
            try await db.sql.raw("SAVEPOINT caunoi_piece").run()
            do {
                let answer = try await alone(work, db)
                try await db.sql.raw("RELEASE SAVEPOINT caunoi_piece").run()
                results.append(.success(answer))
            } catch {
                // Nothing more can be sent on a connection that is gone; the whole transaction is lost.
                if DatabaseOutage.isConnectionLoss(error) { throw error }
                try await db.sql.raw("ROLLBACK TO SAVEPOINT caunoi_piece").run()
                try await db.sql.raw("RELEASE SAVEPOINT caunoi_piece").run()
                results.append(.failure(error))
            }
        }
        return results
    }
}

/// The batch API's group commit.
typealias IngestCommit = GroupCommit<SupportEntryIngest.BatchWrite, SupportEntryIngest.StoreOutcome>

extension Application {
    private struct GroupCommitKey: StorageKey { typealias Value = IngestCommit }

    /// Set once by `configure`.
    var groupCommit: IngestCommit? {
        get { storage[GroupCommitKey.self] }
        set { storage[GroupCommitKey.self] = newValue }
    }
}
