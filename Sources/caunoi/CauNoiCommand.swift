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
        subcommands: [Serve.self, Migrate.self, Seed.self, UserCommand.self, Backup.self, Restore.self, Simulate.self, RebuildRollups.self, BenchPlan.self, BenchLedger.self],
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
        // LOG_FORMAT=json: one JSON object per line, for a log shipper.
        let json = ProcessInfo.processInfo.environment["LOG_FORMAT"]?.lowercased() == "json"
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
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

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sao lưu cơ sở dữ liệu khi máy chủ vẫn chạy / back up the database while it serves.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Tệp sao lưu (chưa tồn tại) / the backup file to write (must not exist).")
    var to: String

    func run() async throws {
        Logs.bootstrap(default: .warning)
        print(try await AppCommands.backup(database.config(), to: to))
    }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Khôi phục bản sao lưu vào cơ sở dữ liệu trống / restore a backup into an empty database.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Tệp sao lưu / the backup file.")
    var from: String

    func run() async throws {
        Logs.bootstrap(default: .warning)
        print(try await AppCommands.restore(database.config(), from: from))
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

struct RebuildRollups: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollups-rebuild",
        abstract: "Tính lại số liệu tổng hợp từ nhật ký hỗ trợ / recompute the rollup ledger from the entries.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        Logs.bootstrap()
        print(try await AppCommands.rebuildRollups(database.config()))
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

struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mô phỏng một chiến dịch (đội hình, tình nguyện viên, nhật ký hỗ trợ) qua cùng quy tắc kiểm tra như API / simulate a campaign.",
        discussion: "seeds ≈ 11.937 đội hình, 308.000 TNV, 2,17 triệu lượt hỗ trợ (01/07–11/08/2025); 10x nhân số lượt lên mười; tiny cho kiểm thử nhanh.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "tiny, seeds hoặc 10x.")
    var scale: String = "seeds"

    @Option(help: "Hạt giống ngẫu nhiên: cùng hạt giống cho cùng dữ liệu / random seed.")
    var seed: UInt64 = 2025

    func run() async throws {
        Logs.bootstrap(default: .warning)
        guard let scale = SimulationScale(rawValue: scale) else {
            throw ValidationError("--scale phải là tiny, seeds hoặc 10x")
        }
        let bar = ProgressBar()
        print(try await AppCommands.simulate(database.config(), scale: scale, seed: seed) { label, fraction in bar.show(label, fraction) })
    }
}

struct BenchPlan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-plan",
        abstract: "Đo thời gian đề xuất điều động toàn quốc trên dữ liệu sinh ngẫu nhiên / time a national reinforcement proposal.",
        discussion: "Mặc định 308.000 TNV, 500 đề nghị, tổng 5.000 người. --export ghi bài toán đã rút gọn (CSV) để bench/proposals.py kiểm tra bằng HiGHS.")

    @Option var volunteers: Int = 308_000
    @Option var needs: Int = 500
    @Option var people: Int = 5_000
    @Option var seed: UInt64 = 2025
    @Option(help: "Thư mục ghi needs.csv, teams.csv, edges.csv.") var export: String?

    func run() async throws {
        let r = try PlanBenchmark.run(volunteers: volunteers, needs: needs, people: people, seed: seed, exportDirectory: export)
        print("""
        {"volunteers": \(r.volunteers), "needs": \(r.needs), "people": \(r.people), "seconds": \(r.seconds), \
        "filled": \(r.filled), "total_cost": \(r.totalCost), "candidate_pairs": \(r.candidatePairs), "rounds": \(r.rounds)}
        """)
    }
}

struct BenchLedger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-ledger",
        abstract: "Đo phần tính toán của sổ tổng hợp (không cơ sở dữ liệu) / time the rollup ledger's arithmetic per entry.",
        discussion: "Mặc định 16 lần gộp, mỗi lần 5.000 bản ghi của 113 đội (như bench/ingest_profile.py).")

    @Option var folds: Int = 16
    @Option(name: .customLong("fold-size")) var foldSize: Int = 5_000
    @Option var seed: UInt64 = 2025

    func validate() throws {
        guard folds > 0, foldSize > 0 else {
            throw ValidationError("--folds và --fold-size phải lớn hơn 0 (đã nhập \(folds), \(foldSize)) / --folds and --fold-size must be positive.")
        }
    }

    func run() async throws {
        let r = LedgerBenchmark.run(folds: folds, foldSize: foldSize, seed: seed)
        func perEntry(_ seconds: Double) -> String { String(format: "%.2f", seconds / Double(max(r.entries, 1)) * 1e6) }
        print("""
        {"entries": \(r.entries), "folds": \(r.folds), "rows": \(r.rows), "counters": \(r.counters), \
        "us_per_entry": {"decode": \(perEntry(r.decode)), "deltas": \(perEntry(r.deltas)), "apply": \(perEntry(r.apply)), "transition": \(perEntry(r.transition)), \
        "sums": \(perEntry(r.sums)), "total": \(perEntry(r.decode + r.deltas + r.apply + r.transition + r.sums))}}
        """)
    }
}

/// A one-line progress bar on standard error, so standard output stays the summary.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private var last = ""

    func show(_ label: String, _ fraction: Double) {
        let width = 30
        let filled = max(0, min(width, Int(fraction * Double(width))))
        let line = "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] "
            + String(format: "%3d%% ", Int(fraction * 100)) + label
        lock.lock()
        defer { lock.unlock() }
        guard line != last else { return }
        last = line
        FileHandle.standardError.write(Data(("\r" + line + (fraction >= 1 ? "\n" : "")).utf8))
    }
}
