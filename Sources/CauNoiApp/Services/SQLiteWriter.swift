import Fluent
import FluentSQLiteDriver
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLKit
import Vapor

/// SQLite's one writer on a connection and a thread of its own (issue 16). Group commits run on one connection of
/// a second pool on the same file, so requests reading on their own event loop's connection never wait behind a commit
/// (WAL lets them read beside it), and its statements run on their own thread, not queued behind the readers'
/// statements in the shared thread pool. The connection is checked out once, set up once (busy timeout, the writers'
/// page cache, statement journals in memory: a multi-row upsert or a group's savepoint otherwise wrote its journal to a
/// temporary file) and kept until shutdown: taking it from the pool for each transaction went through two tasks of
/// the SQLite driver's own, the second at the default priority behind every request's work, and each group waited
/// 5–40 ms for it. When the node checkpoints in the background (`WALCheckpointLifecycle`, on the readers' connections
/// and threads), commits stop folding the WAL back themselves.
final class SQLiteWriter: Sendable {
    private let databases: Databases
    private let thread: NIOThreadPool
    /// The loop of the writer's pool; its connection's statements complete there.
    private let commitLoop: any EventLoop
    /// Where every writer transaction's body runs (the group-commit leader's thread, whose loop is `commitLoop`).
    private let executor: (any TaskExecutor)?
    private let backgroundCheckpoints = NIOLockedValueBox(false)

    private struct Held: Sendable {
        var connection: any Database
        /// Ends the task that keeps the connection checked out.
        var release: AsyncStream<Void>.Continuation
        var keeper: Task<Void, Never>
    }

    /// Set on the first transaction, inside the writers' gate.
    private let held = NIOLockedValueBox<Held?>(nil)

    init(path: String, poolTimeout: TimeAmount, loops: any EventLoopGroup, executor: (any TaskExecutor)? = nil) {
        self.executor = executor
        thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
        databases = Databases(threadPool: thread, on: loops)
        databases.use(.sqlite(.file(path), connectionPoolTimeout: poolTimeout, sqlLogLevel: .debug), as: .sqliteWriter)
        var all = loops.makeIterator()
        commitLoop = all.next() ?? loops.any()
    }

    /// Gives the connection back and closes the pool, then stops the thread (`SQLiteWriterLifecycle`).
    func shutdown() async {
        if let held = held.withLockedValue({ $0 }) {
            held.release.finish()
            await held.keeper.value
        }
        await databases.shutdownAsync()
        try? await thread.shutdownGracefully()
    }

    /// Sets the writer thread's nice value (`ThreadPriority`); false when not permitted.
    func setPriority(nice: Int32) async -> Bool {
        (try? await thread.runIfActive(eventLoop: commitLoop) { ThreadPriority.setCurrentThread(nice: nice) }.get()) ?? false
    }

    /// The writer thread's nice value.
    func priority() async -> Int32? {
        try? await thread.runIfActive(eventLoop: commitLoop) { ThreadPriority.currentThreadNice() }.get()
    }

    /// Called before the first commit by the background checkpointer.
    func checkpointInBackground() { backgroundCheckpoints.withLockedValue { $0 = true } }

    /// A write transaction on the writer's connection, queued with every other writer of the process. (`logger` gives
    /// the connection its log level when it is first taken; its statements are the node's, not one request's.)
    func transaction<T: Sendable>(logger: Logger, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await SQLitePragmas.writers.withLock {
            let connection = try await self.connection(logger: logger)
            return try await withTaskExecutorPreference(self.executor) { try await connection.immediateTransaction(body) }
        }
    }

    /// Checkpoints on the writer's connection between two transactions: with no commit beside it, it folds back every
    /// frame readers allow, and the next commit can start the WAL over from its beginning (`WALCheckpointLifecycle`).
    func checkpoint(logger: Logger) async throws -> (log: Int, checkpointed: Int) {
        try await SQLitePragmas.writers.withLock {
            let connection = try await self.connection(logger: logger)
            return try await withTaskExecutorPreference(self.executor) { try await WALCheckpointLifecycle.checkpoint(on: connection) }
        }
    }

    /// The kept connection, checked out and set up the first time (the caller holds the writers' gate).
    private func connection(logger: Logger) async throws -> any Database {
        if let held = held.withLockedValue({ $0 }) { return held.connection }
        var writerLogger = Logger(label: "caunoi.sqlite-writer")
        writerLogger.logLevel = logger.logLevel
        guard let pool = databases.database(.sqliteWriter, logger: writerLogger, on: commitLoop) else {
            preconditionFailure("init registers the SQLite writer's database")
        }
        let (released, release) = AsyncStream<Void>.makeStream()
        let handed = NIOLockedValueBox(false)
        let keeper = NIOLockedValueBox<Task<Void, Never>?>(nil)
        let connection: any Database = try await withCheckedThrowingContinuation { ready in
            keeper.withLockedValue {
                $0 = Task {
                    do {
                        try await pool.withConnection { connection in
                            handed.withLockedValue { $0 = true }
                            ready.resume(returning: connection)
                            for await _ in released {}  // until `shutdown`
                        }
                    } catch {
                        if !handed.withLockedValue({ $0 }) { ready.resume(throwing: error) }
                    }
                }
            }
        }
        do {
            let sql = connection.sql
            try await SQLitePragmas.writerSettings(on: sql)
            try await sql.raw("PRAGMA temp_store = MEMORY").run()
            if backgroundCheckpoints.withLockedValue({ $0 }) { try await sql.raw("PRAGMA wal_autocheckpoint = 0").run() }
        } catch {
            release.finish()
            throw error
        }
        if let task = keeper.withLockedValue({ $0 }) {
            held.withLockedValue { $0 = Held(connection: connection, release: release, keeper: task) }
        }
        return connection
    }
}

/// Closes the writer's connections with the app.
struct SQLiteWriterLifecycle: LifecycleHandler {
    func shutdownAsync(_ app: Application) async {
        await app.sqliteWriter?.shutdown()
    }
}

extension DatabaseID {
    /// The second pool on the SQLite file, for `SQLiteWriter`.
    static let sqliteWriter = DatabaseID(string: "sqlite-writer")
}

extension Application {
    private struct SQLiteWriterKey: StorageKey { typealias Value = SQLiteWriter }

    /// Set by `configure` on SQLite.
    var sqliteWriter: SQLiteWriter? {
        get { storage[SQLiteWriterKey.self] }
        set { storage[SQLiteWriterKey.self] = newValue }
    }

    /// A write transaction of the node's own (the ledger applier, bulk loads): on SQLite on the writer's connection and
    /// thread, so that reads go on beside it on the readers' connections; else the database's.
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if let writer = sqliteWriter { return try await writer.transaction(logger: logger, body) }
        return try await db.writeTransaction(body)
    }
}

/// Checkpoints the WAL every second beside the writer, so commits do not (`SQLiteWriter`): PASSIVE, on a readers'
/// connection and thread, folds back as much as readers allow and never waits for the writer, nor it for this.
///
/// Under a steady stream of commits that alone never lets the WAL start over: each pass ends behind the commits made
/// while it ran, and SQLite restarts the log only once every frame is folded back. The WAL then only grew — to
/// 750–820 MB under a seed-scale burst of 20,000 entries — and every frame went to newly allocated file blocks,
/// which the file system zeroes first. So when a pass leaves a WAL of `restartFrames` or more, the writer's own
/// connection finishes it between two transactions (only what was committed during the pass is left), and the next
/// commit writes from the log's beginning again. (3,000 batches of 20 from 64 clients, alternating runs: into the
/// tiny simulation 7,065 / 6,680 entries/s and p99 319 / 349 ms against 5,061 / 5,438 and 489 / 472 ms; into a
/// seed-scale database 2,188 / 2,215 / 2,448 against 1,809 / 2,027 / 1,789 entries/s, the WAL at most 213–334 MB.)
struct WALCheckpointLifecycle: LifecycleHandler {
    /// SQLite's own automatic checkpoint size (4 MB of 4 KiB pages).
    static let restartFrames = 1_000

    /// Returns the frames in the WAL and those folded back.
    static func checkpoint(on db: any Database) async throws -> (log: Int, checkpointed: Int) {
        let row = try await db.sql.raw("PRAGMA wal_checkpoint(PASSIVE)").first()
        return (try row?.decode(column: "log", as: Int.self) ?? 0, try row?.decode(column: "checkpointed", as: Int.self) ?? 0)
    }

    /// One pass: beside the writer, then, if the WAL is `restartFrames` or longer, on the writer's connection.
    static func pass(readers db: any Database, writer: SQLiteWriter, logger: Logger) async throws -> (log: Int, checkpointed: Int) {
        let frames = try await checkpoint(on: db)
        guard frames.log >= restartFrames else { return frames }
        return try await writer.checkpoint(logger: logger)
    }

    let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func didBoot(_ app: Application) throws {
        guard let writer = app.sqliteWriter else { return }
        writer.checkpointInBackground()
        let logger = app.logger, metrics = app.metrics, db = app.db
        task.withLockedValue {
            $0 = Task {
                var failing = false
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(1))
                    do {
                        let frames = try await Self.pass(readers: db, writer: writer, logger: logger)
                        metrics.walCheckpointed(log: frames.log, checkpointed: frames.checkpointed)
                        failing = false
                    } catch {
                        if !failing { logger.warning("WAL checkpoint failed", metadata: ["error": "\(String(reflecting: error))"]) }
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
