import Foundation

/// Typed configuration, loaded once at start-up and injected into `configure`.
public struct AppConfig: Sendable {
    public enum Database: Sendable, Equatable {
        /// Embedded default: a single SQLite file in WAL mode.
        case sqlite(path: String)
        /// Scale-out path: stateless app nodes sharing one PostgreSQL.
        case postgres(url: String)

        public var engineName: String {
            switch self {
            case .sqlite: "sqlite"
            case .postgres: "postgres"
            }
        }
    }

    public var database: Database
    public var hostname: String
    public var port: Int
    /// Run migrations and load the hierarchy and default campaign on start.
    public var autoMigrate: Bool
    /// The wall clock; injected so pages and validation can be tested with a fixed time.
    public var now: @Sendable () -> Date
    /// Where users reach the app, if not at hostname:port (a proxy); https makes cookies Secure and `__Host-` prefixed.
    public var explicitPublicURL: String?
    public var publicURL: String { explicitPublicURL ?? "http://\(hostname):\(port)" }
    /// bcrypt cost; 12 takes ~0.25 s here. Tests lower it.
    public var passwordCost: Int
    /// Behind a reverse proxy, take the client address from X-Forwarded-For (only then: it can be forged),
    /// and only from hops the proxies in `trustedProxies` added.
    public var trustProxy: Bool
    /// Addresses of the reverse proxies whose X-Forwarded-For entries are believed (default: loopback).
    public var trustedProxies: Set<String>
    /// SQLite page cache per writing connection; a server has two connections, so the default keeps
    /// it well inside its 200 MB budget.
    public var sqliteCacheMiB: Int
    /// How long a node may reuse a read (home totals, the default campaign, the ledger generation);
    /// its own writes clear it at once, other nodes' writes show within this. Zero turns it off.
    public var readCacheMaxAge: Duration
    /// Client addresses allowed to read `/metrics` (after `trustedProxies` resolution; default: loopback only).
    public var metricsAllowed: Set<String>
    /// How long a request waits for a database connection before failing (the drivers' 10 s by default; the test
    /// suite, hundreds of apps in one process sharing SQLite's writer queue, waits longer).
    public var poolTimeout: Duration = .seconds(10)
    /// Past this a request is answered 503 with Retry-After (`RequestDeadlineMiddleware`); the largest
    /// spreadsheet import takes a few seconds here.
    public var requestDeadline: Duration = .seconds(60)
    /// The node's background loops: the cache generation poll and listener (`CacheSync`) and periodic jobs. The test
    /// suite, hundreds of short-lived apps, turns them off except where they are the subject.
    public var backgroundWork = true
    /// Batches waiting for the writer share one transaction (`GroupCommit`); `CAUNOI_GROUP_COMMIT=0` turns it off
    /// (each batch its own transaction), for comparison.
    public var groupCommit = true
    /// Nice value for the group-commit leader's thread and SQLite's writer thread, so that under full load they run
    /// ahead of request handling (`ThreadPriority`); 0 leaves them as they are. Below 0 needs CAP_SYS_NICE (or an
    /// RLIMIT_NICE allowance): without it the node logs a notice and runs at the usual priority.
    public var writerNice: Int32 = -10

    public var secureCookies: Bool { publicURL.lowercased().hasPrefix("https://") }

    public init(
        database: Database,
        hostname: String = "127.0.0.1",
        port: Int = 8080,
        autoMigrate: Bool = true,
        now: @escaping @Sendable () -> Date = { Date() },
        publicURL: String? = nil,
        passwordCost: Int = 12,
        trustProxy: Bool = false,
        trustedProxies: Set<String> = AppConfig.loopback,
        sqliteCacheMiB: Int = 32,
        readCacheMaxAge: Duration = .seconds(1),
        metricsAllowed: Set<String> = AppConfig.loopback
    ) {
        self.database = database
        self.hostname = hostname
        self.port = port
        self.autoMigrate = autoMigrate
        self.now = now
        self.explicitPublicURL = publicURL
        self.passwordCost = passwordCost
        self.trustProxy = trustProxy
        self.trustedProxies = trustedProxies
        self.sqliteCacheMiB = sqliteCacheMiB
        self.readCacheMaxAge = readCacheMaxAge
        self.metricsAllowed = metricsAllowed
    }

    public static let defaultSQLitePath = "data/caunoi.sqlite"
    public static let loopback: Set<String> = ["127.0.0.1", "::1"]

    /// `DATABASE_URL` (postgres://…) selects PostgreSQL; otherwise `CAUNOI_SQLITE_PATH` or the default file.
    public static func fromEnvironment(
        _ env: [String: String] = ProcessInfo.processInfo.environment,
        sqlitePath: String? = nil
    ) -> AppConfig {
        let database: Database
        if let url = env["DATABASE_URL"], url.hasPrefix("postgres") {
            database = .postgres(url: url)
        } else {
            database = .sqlite(path: sqlitePath ?? env["CAUNOI_SQLITE_PATH"] ?? defaultSQLitePath)
        }
        let hostname = env["CAUNOI_HOST"] ?? "127.0.0.1"
        let port = env["CAUNOI_PORT"].flatMap(Int.init) ?? 8080
        var config = AppConfig(
            database: database,
            hostname: hostname,
            port: port,
            publicURL: env["CAUNOI_PUBLIC_URL"],
            trustProxy: env["CAUNOI_TRUST_PROXY"] == "1",
            trustedProxies: env["CAUNOI_TRUSTED_PROXIES"].map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
                ?? loopback,
            sqliteCacheMiB: env["CAUNOI_SQLITE_CACHE_MIB"].flatMap(Int.init).map { max(2, $0) } ?? 32,
            metricsAllowed: env["CAUNOI_METRICS_ALLOW"].map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
                ?? loopback
        )
        config.groupCommit = env["CAUNOI_GROUP_COMMIT"] != "0"
        if let nice = env["CAUNOI_WRITER_NICE"].flatMap(Int32.init) { config.writerNice = min(19, max(-20, nice)) }
        return config
    }
}
