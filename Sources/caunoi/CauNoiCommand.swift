import ArgumentParser
import CauNoiApp
import Foundation
import Logging

@main
struct CauNoiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caunoi",
        abstract: "Cầu Nối Số — điều hành đội hình thanh niên tình nguyện hỗ trợ chính quyền địa phương 2 cấp.",
        discussion: "Mặc định dùng SQLite tại ./data/caunoi.sqlite; đặt DATABASE_URL=postgres://… để dùng PostgreSQL.",
        subcommands: [Serve.self, Migrate.self, Seed.self],
        defaultSubcommand: Serve.self
    )
}

/// Where the data lives; shared by every subcommand.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("sqlite"), help: "SQLite file (default ./data/caunoi.sqlite, or CAUNOI_SQLITE_PATH).")
    var sqlitePath: String?

    @Option(name: .customLong("database-url"), help: "PostgreSQL URL (default: the DATABASE_URL environment variable).")
    var databaseURL: String?

    func config() -> AppConfig {
        var env = ProcessInfo.processInfo.environment
        if let databaseURL { env["DATABASE_URL"] = databaseURL }
        if sqlitePath != nil { env["DATABASE_URL"] = nil }
        return AppConfig.fromEnvironment(env, sqlitePath: sqlitePath)
    }
}

enum Logs {
    static func bootstrap() {
        let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Chạy máy chủ web (tự tạo CSDL, cập nhật cấu trúc và nạp danh mục đơn vị hành chính).")

    @OptionGroup var database: DatabaseOptions

    @Option(name: .shortAndLong, help: "Địa chỉ lắng nghe / host to bind.")
    var hostname: String?

    @Option(name: .shortAndLong, help: "Cổng / port.")
    var port: Int?

    func run() async throws {
        Logs.bootstrap()
        var config = database.config()
        if let hostname { config.hostname = hostname }
        if let port { config.port = port }
        try await AppCommands.serve(config)
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Cập nhật cấu trúc cơ sở dữ liệu / apply migrations.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Hoàn tác toàn bộ migration (xóa dữ liệu!) / revert all migrations.")
    var revert = false

    func run() async throws {
        Logs.bootstrap()
        print(try await AppCommands.migrate(database.config(), revert: revert))
    }
}

struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Nạp danh mục 34 tỉnh, 3.321 xã và chiến dịch mặc định (chạy lại nhiều lần vẫn an toàn).")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        Logs.bootstrap()
        print(try await AppCommands.seed(database.config()))
    }
}
