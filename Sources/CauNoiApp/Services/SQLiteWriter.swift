import Fluent
import FluentSQLiteDriver
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLKit
import Vapor

/// SQLite's one writer on a connection and a thread of its own (issue 16). Group commits run on `commitLoop`'s
/// connection of a second pool on the same file, so requests reading on their own event loop's connection never wait
/// behind a commit (WAL lets them read beside it), and its statements run on their own thread, not queued behind
/// the readers' statements in the shared thread pool. The connection is set up once rather than per transaction:
/// busy timeout, the writers' page cache, and statement journals in memory (a multi-row upsert or a group's
/// savepoint otherwise wrote its journal to a temporary file). When the node checkpoints in the background
/// (`WALCheckpointLifecycle`, on the readers' connections and threads), commits stop folding the WAL back themselves.
final class SQLiteWriter: Sendable {
    private let databases: Databases
    private let thread: NIOThreadPool
    /// The loop whose connection of the writer's pool every group commit uses: one connection, one writer.
    private let commitLoop: any EventLoop
    /// Connections already set up, kept alive so that an identifier is never reused by a new connection.
    private let prepared = NIOLockedValueBox<[ObjectIdentifier: SQLiteConnection]>([:])
    private let backgroundCheckpoints = NIOLockedValueBox(false)

    init(path: String, poolTimeout: TimeAmount, loops: any EventLoopGroup) {
        thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
        databases = Databases(threadPool: thread, on: loops)
        databases.use(.sqlite(.file(path), connectionPoolTimeout: poolTimeout, sqlLogLevel: .debug), as: .sqliteWriter)
        var all = loops.makeIterator()
        commitLoop = all.next() ?? loops.any()
    }

    /// Closes the connections and stops the thread (`SQLiteWriterLifecycle`).
    func shutdown() async {
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

    /// A write transaction on the writer's connection, queued with every other writer of the process.
    func transaction<T: Sendable>(logger: Logger, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard let db = databases.database(.sqliteWriter, logger: logger, on: commitLoop) else {
            preconditionFailure("init registers the SQLite writer's database")
        }
        return try await db.writeTransaction(preparedBy: prepare, body)
    }

    /// Sets up a writer connection the first time it is seen.
    private func prepare(_ connection: any Database) async throws {
        guard let sqlite = connection as? any SQLiteDatabase else { return }
        let raw = try await sqlite.withConnection { $0.eventLoop.makeSucceededFuture($0) }.get()
        let id = ObjectIdentifier(raw)
        guard prepared.withLockedValue({ $0[id] == nil }) else { return }
        let sql = connection.sql
        try await SQLitePragmas.writerSettings(on: sql)
        try await sql.raw("PRAGMA temp_store = MEMORY").run()
        if backgroundCheckpoints.withLockedValue({ $0 }) { try await sql.raw("PRAGMA wal_autocheckpoint = 0").run() }
        prepared.withLockedValue { $0[id] = raw }
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
}

/// Checkpoints the WAL every second beside the writer, so commits do not (`SQLiteWriter`): PASSIVE, on a readers'
/// connection and thread, folds back as much as readers allow and never waits for the writer, nor it for this.
struct WALCheckpointLifecycle: LifecycleHandler {
    /// Returns the frames in the WAL and those folded back.
    static func checkpoint(on db: any Database) async throws -> (log: Int, checkpointed: Int) {
        let row = try await db.sql.raw("PRAGMA wal_checkpoint(PASSIVE)").first()
        return (try row?.decode(column: "log", as: Int.self) ?? 0, try row?.decode(column: "checkpointed", as: Int.self) ?? 0)
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
                        let frames = try await Self.checkpoint(on: db)
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
