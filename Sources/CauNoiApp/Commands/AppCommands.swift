import CauNoiCore
import Fluent
import Vapor

/// What the `caunoi` executable does, kept here so the CLI target only parses arguments.
public enum AppCommands {
    /// Migrates, loads reference data, then serves until interrupted.
    public static func serve(_ config: AppConfig, environment: String = "production") async throws {
        let app = try await Application.make(Environment(name: environment, arguments: ["caunoi", "serve"]))
        do {
            try await configure(app, config)
            app.logger.info("serving", metadata: ["host": "\(config.hostname)", "port": "\(config.port)",
                                                  "database": "\(config.database.engineName)"])
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    public static func migrate(_ config: AppConfig, revert: Bool) async throws -> String {
        try await withApp(config) { app in
            if revert {
                try await app.autoRevert()
                return "Đã hoàn tác toàn bộ migration / reverted all migrations."
            }
            try await SQLitePragmas.enableWAL(on: app.db)
            try await StartupLock.held(on: app.db) { try await app.autoMigrate() }
            return "Đã cập nhật cấu trúc cơ sở dữ liệu / migrations applied."
        }
    }

    public static func seed(_ config: AppConfig) async throws -> String {
        try await withApp(config) { app in
            let report = try await Bootstrap.prepare(app)
            return """
            Đơn vị hành chính: \(report.hierarchy.provinces) tỉnh, thành phố; \(report.hierarchy.communes) xã, phường, đặc khu \
            (thêm mới \(report.hierarchy.inserted)). Chiến dịch mặc định: \(report.campaignCode).
            Nguồn: \(HierarchySeeder.source)
            """
        }
    }

    /// Recomputes every campaign's rollup ledger from the stored entries (after a restore or a manual fix).
    public static func rebuildRollups(_ config: AppConfig) async throws -> String {
        try await withApp(config) { app in
            _ = try await Bootstrap.prepare(app, offerSetupLink: false)
            let started = ContinuousClock.now
            var names: [String] = []
            for campaign in try await Campaign.query(on: app.db).all() {
                try await RollupLedgerStore.rebuild(campaign: campaign, on: app.db)
                names.append(campaign.code)
            }
            let elapsed = ContinuousClock.now - started
            let seconds = String(format: "%.1f", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            return "Đã tính lại số liệu tổng hợp cho \(names.count) chiến dịch (\(names.joined(separator: ", "))) trong \(seconds) giây."
        }
    }

    /// Creates a user from the shell and prints a one-time link with which they set their own password,
    /// so no password passes through the command line or shell history.
    public static func createUser(_ config: AppConfig, username: String, displayName: String, role: String,
                                  unit: String?, team: String?, volunteer: String?) async throws -> String {
        try await withApp(config) { app in
            _ = try await Bootstrap.prepare(app, offerSetupLink: false)
            let draft = UserDraft(username: username, displayName: displayName,
                                  assignments: [AssignmentDraft(role: role, unitCode: unit, teamID: team, volunteerID: volunteer)])
            let valid = try UserValidator.validate(draft).get()
            let audit = AuditEvent(at: config.now(), username: "shell", action: "user.create", requestID: nil, clientIP: "shell")
            let (user, token) = try await SetupLinks.createUser(valid, audit: audit, now: config.now(), on: app.db)
            return """
            Đã tạo tài khoản \(user.username) (\(valid.assignments.map { $0.role.vietnamese }.joined(separator: ", "))).
            Gửi liên kết sau cho người dùng để đặt mật khẩu (dùng một lần, hết hạn sau 24 giờ):
            \(SetupLinks.url(token, publicURL: config.publicURL))
            """
        }
    }

    /// Migrates, loads reference data, then fills the database with a simulated campaign.
    public static func simulate(_ config: AppConfig, scale: SimulationScale, seed: UInt64,
                                progress: @escaping @Sendable (String, Double) -> Void) async throws -> String {
        var config = config
        // A bulk load touches the whole presence index; a one-off process can afford a larger page cache.
        config.sqliteCacheMiB = max(config.sqliteCacheMiB, 256)
        return try await withApp(config) { app in
            _ = try await Bootstrap.prepare(app, offerSetupLink: false)
            if try await SupportEntry.query(on: app.db).count() > 0 {
                throw AppError.badRequest(vi: "Cơ sở dữ liệu đã có nhật ký hỗ trợ; hãy mô phỏng trên một tệp/CSDL mới.",
                                          en: "The database already holds support entries; simulate into a fresh one.")
            }
            let r = try await Simulator.run(app, scale: scale, seed: seed, progress: progress)
            try await SQLitePragmas.checkpoint(on: app.db)
            return """
            Mô phỏng \(scale.rawValue) (seed \(seed)) xong trong \(String(format: "%.1f", r.seconds)) giây:
            \(VietnameseNumber.grouped(r.teams)) đội hình, \(VietnameseNumber.grouped(r.volunteers)) tình nguyện viên, \(VietnameseNumber.grouped(r.memberships)) lượt tham gia đội,
            \(VietnameseNumber.grouped(r.courseCompletions)) lượt hoàn thành khóa học, \(VietnameseNumber.grouped(r.entries)) bản ghi với \(VietnameseNumber.grouped(r.supports)) lượt hỗ trợ (01/07–11/08/2025).
            """
        }
    }

    /// A consistent copy of the database while it serves (SQLite `VACUUM INTO`, PostgreSQL `pg_dump`).
    public static func backup(_ config: AppConfig, to path: String) async throws -> String {
        try await withApp(config) { app in
            let tables = try await Backups.tables(config.database, on: app.db).count
            try await Backups.backup(config.database, on: app.db, to: path)
            return "Đã sao lưu \(tables) bảng vào \(path) / backed up \(tables) tables to \(path)."
        }
    }

    /// Into an empty database only; then `caunoi serve` (or `migrate`) brings its structure up to date.
    public static func restore(_ config: AppConfig, from path: String) async throws -> String {
        let tablesNow: Int
        switch config.database {
        case .sqlite(let target) where !FileManager.default.fileExists(atPath: target): tablesNow = 0
        default: tablesNow = try await withApp(config) { app in try await Backups.tables(config.database, on: app.db).count }
        }
        try await Backups.restore(from: path, into: config.database, tablesNow: tablesNow)
        return "Đã khôi phục từ \(path) / restored from \(path)."
    }

    private static func withApp<T: Sendable>(_ config: AppConfig, _ body: (Application) async throws -> T) async throws -> T {
        var config = config
        config.autoMigrate = false
        let app = try await Application.make(Environment(name: "production", arguments: ["caunoi"]))
        do {
            try await configure(app, config)
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
