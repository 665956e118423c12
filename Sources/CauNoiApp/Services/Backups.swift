import Fluent
import Foundation
import SQLKit
import Vapor

/// Backups an operator can rely on: a consistent copy while nodes keep serving, restored only into an empty database,
/// and a digest of every table to prove a round trip.
enum Backups {
    enum Failure: Error, CustomStringConvertible {
        case targetNotEmpty(tables: Int)
        case missingFile(String)
        case fileExists(String)
        case notSQLite(String)
        case tool(String, status: Int32, output: String)

        var description: String {
            switch self {
            case .targetNotEmpty(let n):
                "Cơ sở dữ liệu đích đã có \(n) bảng: chỉ khôi phục vào cơ sở dữ liệu trống / the target database is not empty (\(n) tables)."
            case .missingFile(let path): "Không có tệp sao lưu \(path) / no backup file at \(path)."
            case .fileExists(let path): "Tệp \(path) đã có: chọn tên khác, tệp cũ được giữ nguyên / \(path) exists: choose another name."
            case .notSQLite(let path): "Tệp \(path) không phải bản sao lưu SQLite / \(path) is not a SQLite backup."
            case .tool(let name, let status, let output): "\(name) dừng với mã \(status) / \(name) exited with \(status): \(output)"
            }
        }
    }

    /// SQLite: `VACUUM INTO` writes a consistent, compacted copy while writers go on. PostgreSQL: `pg_dump` in its
    /// custom format (one snapshot of the whole database). The file must not exist yet.
    static func backup(_ database: AppConfig.Database, on db: any Database, to path: String) async throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw Failure.fileExists(path) }
        switch database {
        case .sqlite:
            try await db.sql.raw("VACUUM INTO \(bind: path)").run()
        case .postgres(let url):
            let (target, password) = withoutPassword(url)
            try await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", path, "--dbname", target], password: password)
        }
    }

    /// Into an empty database only (a SQLite file that does not exist or has no tables; a PostgreSQL database whose
    /// public schema has no tables): a restore never mixes with live data.
    static func restore(from path: String, into database: AppConfig.Database, tablesNow: Int) async throws {
        guard FileManager.default.fileExists(atPath: path) else { throw Failure.missingFile(path) }
        guard tablesNow == 0 else { throw Failure.targetNotEmpty(tables: tablesNow) }
        switch database {
        case .sqlite(let target):
            // A SQLite file starts with this header: anything else would replace the database with junk.
            let file = FileHandle(forReadingAtPath: path)
            let header = (try? file?.read(upToCount: 16)) ?? nil
            try? file?.close()
            guard header == Data("SQLite format 3\u{0}".utf8) else { throw Failure.notSQLite(path) }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target + suffix) }
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: target).deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: path, toPath: target)
        case .postgres(let url):
            let (target, password) = withoutPassword(url)
            try await run("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--dbname", target, path], password: password)
        }
    }

    static func tables(_ database: AppConfig.Database, on db: any Database) async throws -> [String] {
        let query: SQLQueryString = switch database {
        case .sqlite: "SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        case .postgres: "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
        }
        return try await db.sql.raw(query).all().map { try $0.decode(column: "t", as: String.self) }
    }

    /// Every table's rows as sorted text: two databases with equal digests hold the same data.
    static func digest(_ database: AppConfig.Database, on db: any Database) async throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for table in try await tables(database, on: db) {
            let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            let rows: [String]
            switch database {
            case .sqlite:
                let columns = try await db.sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all()
                    .map { try $0.decode(column: "name", as: String.self) }
                let expression = columns.map { "quote(\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\")" }.joined(separator: " || '|' || ")
                rows = try await db.sql.raw("SELECT \(unsafeRaw: expression.isEmpty ? "''" : expression) AS r FROM \(unsafeRaw: quoted)").all()
                    .map { try $0.decode(column: "r", as: String.self) }
            case .postgres:
                rows = try await db.sql.raw("SELECT CAST(x AS TEXT) AS r FROM \(unsafeRaw: quoted) AS x").all()
                    .map { try $0.decode(column: "r", as: String.self) }
            }
            out[table] = rows.sorted()
        }
        return out
    }

    /// The URL without its password, and the password: tools get it through PGPASSWORD, never on a command line
    /// every user of the machine can read.
    static func withoutPassword(_ url: String) -> (url: String, password: String?) {
        guard var components = URLComponents(string: url), let password = components.password else { return (url, nil) }
        components.password = nil
        return (components.string ?? url, password.removingPercentEncoding ?? password)
    }

    /// Runs the tool on a thread of its own: waiting for a child process must not hold one of the few threads
    /// Swift concurrency shares with the server.
    private static func run(_ tool: String, _ arguments: [String], password: String?) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async {
                do {
                    try runBlocking(tool, arguments, password: password)
                    done.resume()
                } catch {
                    done.resume(throwing: error)
                }
            }
        }
    }

    private static func runBlocking(_ tool: String, _ arguments: [String], password: String?) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        var environment = ProcessInfo.processInfo.environment
        if let password { environment["PGPASSWORD"] = password }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure.tool(tool, status: process.terminationStatus, output: String(text.suffix(2_000)))
        }
    }
}
