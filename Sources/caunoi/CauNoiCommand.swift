import ArgumentParser
import CauNoiApp
import CauNoiCore
import Foundation
import Logging

@main
struct CauNoiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caunoi",
        abstract: "Cầu Nối Số — điều hành đội hình thanh niên tình nguyện hỗ trợ chính quyền địa phương 2 cấp.",
        discussion: "Mặc định dùng SQLite tại ./data/caunoi.sqlite; đặt DATABASE_URL=postgres://… để dùng PostgreSQL.",
        subcommands: [Serve.self, Migrate.self, Seed.self, UserCommand.self],
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
    static func bootstrap(default fallback: Logger.Level = .info) {
        let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? fallback
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

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Quản lý tài khoản / manage accounts.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tạo tài khoản và in liên kết đặt mật khẩu dùng một lần / create a user and print a one-time set-up link.",
            discussion: "Ví dụ: caunoi user create --username tw.admin --name \"Nguyễn Văn A\" (mặc định: quản trị Trung ương, VN).")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Tên đăng nhập / login name.")
        var username: String

        @Option(help: "Họ tên hiển thị / display name.")
        var name: String

        @Option(help: "central_admin, province_admin, commune_admin, team_leader, volunteer, observer.")
        var role = "central_admin"

        @Option(help: "Mã đơn vị (VN, 2 số tỉnh, 5 số xã) / unit code.")
        var unit: String?

        @Option(help: "Mã đội hình cho team_leader / team id.")
        var team: String?

        @Option(help: "Mã tình nguyện viên cho volunteer / volunteer id.")
        var volunteer: String?

        @Option(help: "Địa chỉ công khai của máy chủ, dùng trong liên kết / public base URL for the link.")
        var publicURL: String?

        func run() async throws {
            Logs.bootstrap(default: .warning)
            var config = database.config()
            if let publicURL { config.explicitPublicURL = publicURL }
            do {
                print(try await AppCommands.createUser(config, username: username, displayName: name, role: role,
                                                       unit: unit, team: team, volunteer: volunteer))
            } catch let failure as ValidationFailure {
                for error in failure.errors { print("\(error.field): \(error.message) / \(error.messageEN)") }
                throw ExitCode.failure
            }
        }
    }
}
