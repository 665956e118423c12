import CauNoiCore
import Fluent
import NIOConcurrencyHelpers
import SQLKit
import Vapor

extension Database {
    var sql: any SQLDatabase {
        guard let sql = self as? any SQLDatabase else {
            preconditionFailure("CauNoi runs on SQL databases only (SQLite or PostgreSQL)")
        }
        return sql
    }

    var isSQLite: Bool { sql.dialect.name == "sqlite" }

    /// UUIDs to bind through SQLKit, in the form the engine stores: on SQLite the upper-case text SQLKit would make of
    /// them, without its encoder's trip through Foundation's formatting (`UUIDText`).
    func uuidBinds(_ ids: [UUID]) -> [any Encodable & Sendable] {
        isSQLite ? ids.map { UUIDText.upper($0) } : ids
    }

    /// Runs a read that scans many rows on one connection with SQLite's default page cache. A connection that last
    /// wrote keeps the writers' larger cache (`SQLitePragmas.cacheKiB`), and SQLite also sizes a sort's memory
    /// from it: two range rollups side by side on such connections held ~100 MB more for nothing, and ran slower.
    /// The next write sets its own size again.
    func scanning<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard isSQLite else { return try await body(self) }
        return try await withConnection { connection in
            try await connection.sql.raw("PRAGMA cache_size = -\(unsafeRaw: String(SQLitePragmas.readCacheKiB))").run()
            return try await body(connection)
        }
    }

    /// A transaction that holds the write lock from its first statement.
    ///
    /// SQLite: writers in this process queue on `SQLitePragmas.writers` before taking a connection;
    /// BEGIN IMMEDIATE then takes the lock up front (a deferred BEGIN that upgrades later can fail with
    /// SQLITE_BUSY without waiting), and the busy timeout covers writers in other processes (the CLI).
    /// PostgreSQL: an ordinary transaction; row locks and ON CONFLICT settle races.
    /// With an `executor`, the body runs there (`withConnection(preferring:)`).
    func writeTransaction<T: Sendable>(on executor: (any TaskExecutor)? = nil,
                                       _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard isSQLite else { return try await postgresTransaction(on: executor, body) }
        return try await SQLitePragmas.writers.withLock {
            try await self.withConnection(preferring: executor) { connection in
                // Every time: readers share this connection and `scanning` shrinks its cache. (temp_store stays on
                // file here: in memory, a large DISTINCT on a reader sharing this connection held hundreds of MB.
                // `SQLiteWriter`'s connection only writes.)
                try await SQLitePragmas.writerSettings(on: connection.sql)
                return try await connection.immediateTransaction(body)
            }
        }
    }

    /// Fluent's `withConnection`, except that `body` runs on `executor` when given one. Fluent runs it in a new
    /// unstructured task, which does not keep the caller's executor (PostgreSQL; SQLite's driver makes two such
    /// tasks, the second outside any task and so at the default priority: `SQLiteWriter` keeps its connection instead).
    func withConnection<T: Sendable>(preferring executor: (any TaskExecutor)?,
                                     _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard let executor else { return try await withConnection(body) }
        return try await withConnection { (connection: any Database) -> EventLoopFuture<T> in
            let promise = connection.eventLoop.makePromise(of: T.self)
            Task(executorPreference: executor) {
                do { promise.succeed(try await body(connection)) } catch { promise.fail(error) }
            }
            return promise.futureResult
        }.get()
    }

    /// SQLite: BEGIN IMMEDIATE, `body`, COMMIT (ROLLBACK if it throws), on this connection. The caller holds the
    /// process's writer gate (`SQLitePragmas.writers`).
    func immediateTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let sql = self.sql
        try await sql.raw("BEGIN IMMEDIATE").run()
        do {
            let result = try await body(self)
            try await sql.raw("COMMIT").run()
            return result
        } catch {
            try? await sql.raw("ROLLBACK").run()
            throw error
        }
    }

    /// Fluent's transaction, except after a lost connection: postgres-nio 1.33 drops a statement written to a
    /// channel that has closed and its caller waits for ever (vapor/postgres-nio#487, reverted in #501), so the
    /// ROLLBACK Fluent sends after any error hung requests, and kept their pool connections, whenever PostgreSQL
    /// restarted. When the connection is gone the server has rolled the transaction back already.
    /// Not nestable (neither is the SQLite path); nothing here opens a transaction inside another.
    private func postgresTransaction<T: Sendable>(on executor: (any TaskExecutor)?,
                                                  _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await withConnection(preferring: executor) { connection in
            try await connection.sql.raw("BEGIN").run()
            let result: T
            do {
                result = try await body(connection)
            } catch {
                if !DatabaseOutage.isConnectionLoss(error) { try? await connection.sql.raw("ROLLBACK").run() }
                throw error
            }
            try await connection.sql.raw("COMMIT").run()
            return result
        }
    }
}

enum SQLitePragmas {
    static let busyTimeoutMilliseconds = 10_000

    /// What a connection needs before it writes: the busy timeout (writers in other processes, the CLI) and the
    /// writers' page cache (the default 2 MB spilled dirty pages mid-transaction and re-read index pages for every batch).
    static func writerSettings(on sql: any SQLDatabase) async throws {
        try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(busyTimeoutMilliseconds))").run()
        try await sql.raw("PRAGMA cache_size = -\(unsafeRaw: String(cacheKiB))").run()
    }
    /// One queue of writers per process; a process serves one database file.
    static let writers = AsyncGate()

    /// Page cache per connection that has written, in KiB. Process-wide like the writer gate; `configure`
    /// sets it from `AppConfig.sqliteCacheMiB` (the simulator asks for more than a server needs).
    static var cacheKiB: Int {
        get { cacheSetting.withLockedValue { $0 } }
        set { cacheSetting.withLockedValue { $0 = newValue } }
    }

    private static let cacheSetting = NIOLockedValueBox(32 * 1024)

    /// SQLite's own default page cache (2,000 KiB), for scans (`Database.scanning`).
    static let readCacheKiB = 2_000

    /// Folds the WAL back into the database file and truncates it, so readers after a bulk load do not
    /// search a WAL of hundreds of megabytes. Returns quietly if readers hold it (it is an optimisation).
    static func checkpoint(on database: any Database) async throws {
        guard database.isSQLite else { return }
        try await database.sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
    }

    /// WAL is a property of the file and persists; set it once at start-up.
    static func enableWAL(on database: any Database) async throws {
        guard database.isSQLite else { return }
        try await database.sql.raw("PRAGMA journal_mode = WAL").run()
        try await database.sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(busyTimeoutMilliseconds))").run()
    }

    static func journalMode(on database: any Database) async throws -> String? {
        guard database.isSQLite else { return nil }
        let row = try await database.sql.raw("PRAGMA journal_mode").first()
        return try row?.decode(column: "journal_mode", as: String.self)
    }
}

extension Array {
    /// Splits bulk statements so they stay under both engines' bind-parameter limits.
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

extension Request {
    /// The same database through another event loop's connections, for a read to run beside this request's own
    /// (SQLite keeps one connection per event loop); this request's handle when there is no other loop.
    var spareDatabase: any Database {
        let own = eventLoop
        guard let other = application.eventLoopGroup.makeIterator().first(where: { $0 !== own }) else { return db }
        return application.databases.database(logger: logger, on: other) ?? db
    }
}
