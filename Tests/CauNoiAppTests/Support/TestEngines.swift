import Fluent
import Foundation
import Testing
import Vapor
@testable import CauNoiApp

/// The database engines every database test runs on. PostgreSQL joins when
/// `CAUNOI_TEST_POSTGRES_URL` names a server (scripts/test starts one); with
/// `CAUNOI_REQUIRE_POSTGRES=1` (CI) a missing server fails the run instead of skipping.
enum Engine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    static let postgresURL = ProcessInfo.processInfo.environment["CAUNOI_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    static var enabled: [Engine] {
        if postgresURL != nil { return [.sqlite, .postgres] }
        if ProcessInfo.processInfo.environment["CAUNOI_REQUIRE_POSTGRES"] == "1" { return [.sqlite, .postgres] }
        return [.sqlite]
    }
}

/// A fixed moment inside the summer 2025 campaign: 15/08/2025 10:00 in Hà Nội.
let fixedNow = Date(timeIntervalSince1970: 1_755_226_800)

/// Each test gets a private database copied from a migrated, seeded template,
/// so tests run in parallel and never see each other's rows.
actor TestDatabases {
    static let shared = TestDatabases()

    // Tasks, not values: the actor is re-entered while the first caller awaits seeding.
    private var sqliteTemplate: Task<String, any Error>?
    private var postgresTemplate: Task<String, any Error>?
    private let directory = FileManager.default.temporaryDirectory.appendingPathComponent("caunoi-tests-\(ProcessInfo.processInfo.processIdentifier)")

    func make(_ engine: Engine) async throws -> AppConfig.Database {
        switch engine {
        case .sqlite:
            let template = try await sqliteTemplatePath()
            let path = directory.appendingPathComponent("\(UUID().uuidString).sqlite").path
            try FileManager.default.copyItem(atPath: template, toPath: path)
            return .sqlite(path: path)
        case .postgres:
            guard let base = Engine.postgresURL else {
                throw TestSetupError("CAUNOI_REQUIRE_POSTGRES=1 but CAUNOI_TEST_POSTGRES_URL is not set: run scripts/test")
            }
            let template = try await postgresTemplateName(base: base)
            let name = "caunoi_t_\(UUID().uuidString.prefix(8).lowercased())"
            try await Self.admin(base) { try await $0.sql.raw("CREATE DATABASE \(unsafeRaw: name) TEMPLATE \(unsafeRaw: template)").run() }
            return .postgres(url: Self.url(base, database: name))
        }
    }

    /// A database with nothing in it (no file yet; an empty PostgreSQL database), for restores.
    func makeEmpty(_ engine: Engine) async throws -> AppConfig.Database {
        switch engine {
        case .sqlite:
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return .sqlite(path: directory.appendingPathComponent("\(UUID().uuidString)-empty.sqlite").path)
        case .postgres:
            guard let base = Engine.postgresURL else { throw TestSetupError("no PostgreSQL for the tests") }
            let name = "caunoi_e_\(UUID().uuidString.prefix(8).lowercased())"
            try await Self.admin(base) { try await $0.sql.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
            return .postgres(url: Self.url(base, database: name))
        }
    }

    func drop(_ database: AppConfig.Database) async {
        switch database {
        case .sqlite(let path):
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        case .postgres(let url):
            guard let base = Engine.postgresURL, let name = URL(string: url)?.path.dropFirst() else { return }
            try? await Self.admin(base) { try await $0.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: String(name))").run() }
        }
    }

    private func sqliteTemplatePath() async throws -> String {
        if let sqliteTemplate { return try await sqliteTemplate.value }
        let directory = directory
        let task = Task<String, any Error> {
            // A directory left by an earlier run whose process had the same id holds a seeded template already.
            try? FileManager.default.removeItem(at: directory)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let path = directory.appendingPathComponent("template.sqlite").path
            try await Self.seed(.sqlite(path: path))
            return path
        }
        sqliteTemplate = task
        return try await task.value
    }

    private func postgresTemplateName(base: String) async throws -> String {
        if let postgresTemplate { return try await postgresTemplate.value }
        let task = Task<String, any Error> {
            let name = "caunoi_tpl_\(ProcessInfo.processInfo.processIdentifier)"
            try await Self.admin(base) { db in
                try await db.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name)").run()
                try await db.sql.raw("CREATE DATABASE \(unsafeRaw: name)").run()
            }
            try await Self.seed(.postgres(url: Self.url(base, database: name)))
            return name
        }
        postgresTemplate = task
        return try await task.value
    }

    private static func seed(_ database: AppConfig.Database) async throws {
        let app = try await Application.make(.testing)
        do {
            try await configure(app, testConfig(database))
            try await TestUsers.createAdmin(on: app.db)
            if app.db.isSQLite { try await app.db.sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run() }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    private static func admin(_ base: String, _ body: (any Database) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        do {
            try await configure(app, testConfig(.postgres(url: base), migrate: false))
            try await body(app.db)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    static func url(_ base: String, database: String) -> String {
        guard var components = URLComponents(string: base) else { return base }
        components.path = "/" + database
        return components.string ?? base
    }
}

/// bcrypt cost 4: the tests check behaviour, not the work factor.
func testConfig(_ database: AppConfig.Database, migrate: Bool = true, now: Date = fixedNow) -> AppConfig {
    var config = AppConfig(database: database, autoMigrate: migrate, now: { now }, passwordCost: 4)
    config.poolTimeout = .seconds(120)
    config.requestDeadline = .seconds(600)
    config.backgroundWork = false
    return config
}

/// Bootstrapped once per process (a global is initialised lazily and exactly once); LOG_LEVEL=debug to see SQL.
let testLogging: Void = {
    let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
}()

struct TestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body` against a fresh, seeded CauNoi on the given engine, with the clock fixed.
/// `adjust` changes the configuration first (a proxy in front, an https public URL).
/// Runs `body` on another app opened over an existing `database` (another node, or a restored copy), without
/// migrating or seeding it.
func withApp<T: Sendable>(on database: AppConfig.Database, adjust: (inout AppConfig) -> Void = { _ in },
                          _ body: (Application) async throws -> T) async throws -> T {
    let app = try await Application.make(.testing)
    do {
        var config = testConfig(database, migrate: false)
        adjust(&config)
        try await configure(app, config)
        let result = try await body(app)
        try await app.asyncShutdown()
        return result
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

func withCauNoi(_ engine: Engine, now: Date = fixedNow, adjust: (inout AppConfig) -> Void = { _ in },
                _ body: (Application) async throws -> Void) async throws {
    _ = testLogging
    let database = try await TestDatabases.shared.make(engine)
    let app = try await Application.make(.testing)
    do {
        var config = testConfig(database, migrate: false, now: now)
        adjust(&config)
        try await configure(app, config)
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        await TestDatabases.shared.drop(database)
        throw error
    }
    try await app.asyncShutdown()
    await TestDatabases.shared.drop(database)
}
