import CauNoiCore
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Vapor

/// Wires the app from a typed configuration. Everything hangs off `app`, except two process-wide SQLite
/// settings (`SQLitePragmas`: the queue of writers and the page-cache size), since one process serves one file.
public func configure(_ app: Application, _ config: AppConfig) async throws {
    app.appConfig = config
    app.http.server.configuration.hostname = config.hostname
    app.http.server.configuration.port = config.port
    // Batches of 5,000 entries are ~2 MB; pages and forms need far less (see per-route limits).
    app.routes.defaultMaxBodySize = "256kb"
    // gzip for clients that ask: the field app must load over 3G.
    app.http.server.configuration.responseCompression = .enabled(initialByteBufferCapacity: 1024)

    ContentConfiguration.global.use(encoder: AppJSON.encoder(), for: .json)

    // The group-commit leader's thread (issue 16); stopped after everything that uses it (handlers stop in reverse).
    let leader = DedicatedExecutor()
    app.lifecycle.use(DedicatedExecutorLifecycle(executor: leader))
    switch config.database {
    case .sqlite(let path):
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        app.databases.use(.sqlite(.file(path), connectionPoolTimeout: .seconds(config.poolTimeout.components.seconds), sqlLogLevel: .debug), as: .sqlite)
        SQLitePragmas.cacheKiB = config.sqliteCacheMiB * 1024
        // The writer's own connections and thread (`SQLiteWriter`): the same file, a second pool, on the leader's loop.
        app.sqliteWriter = SQLiteWriter(path: path, poolTimeout: .seconds(config.poolTimeout.components.seconds), loops: leader.group,
                                         executor: leader)
        app.lifecycle.use(SQLiteWriterLifecycle())
    case .postgres(let url):
        var postgres = try SQLPostgresConfiguration(url: url)
        postgres.searchPath = nil
        app.databases.use(.postgres(configuration: postgres, maxConnectionsPerEventLoop: 4,
                                    connectionPoolTimeout: .seconds(config.poolTimeout.components.seconds), sqlLogLevel: .debug), as: .psql)
    }
    app.migrations.add(AppMigrations.all)

    app.middleware = Middlewares()
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(RequestIDMiddleware())
    app.middleware.use(MetricsMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(AppErrorMiddleware())
    app.middleware.use(RequestDeadlineMiddleware(limit: config.requestDeadline))
    app.middleware.use(LiteralPathMethodMiddleware())
    app.middleware.use(ReadCacheFlushMiddleware())
    app.middleware.use(AuthenticationMiddleware())
    app.middleware.use(CSRFMiddleware())

    let metrics = AppMetrics()
    app.metrics = metrics
    let reads = ReadCache(maxAge: config.readCacheMaxAge) { metrics.cacheLookup("reads", hit: $0) }
    app.readCache = reads
    app.ledgerCache = LedgerCache(reads: reads) { metrics.cacheLookup("ledger", hit: $0) }
    let principals = PrincipalCache { metrics.cacheLookup("principals", hit: $0) }
    app.principalCache = principals
    app.cacheSync = CacheSync(principals: principals, reads: reads)
    app.campaignCatalog = CampaignCatalog { metrics.cacheLookup("campaigns", hit: $0) }
    app.guideLibrary = GuideLibraryHolder()
    if config.groupCommit {
        var transaction: IngestCommit.Transaction?
        if let writer = app.sqliteWriter {
            transaction = { logger, body in try await writer.transaction(logger: logger, body) }
        }
        let references = ReferenceCache()
        // SQLite has one writer; PostgreSQL writes two groups at once (ingest takes no lock: the ledger counts later).
        // Groups of up to 400 entries: a group's batches are all answered at its commit, so a larger one keeps its
        // first batches waiting for its last (20-entry batches from 64 clients: faster and a lower p99 on both engines
        // than 20,000; 100–200 and 800–1,600 no better; BENCHMARKS.md "groups of at most 400 entries").
        app.groupCommit = IngestCommit(maxWeight: 400, leaders: app.sqliteWriter == nil ? 2 : 1, transaction: transaction,
                                       alone: { batch, db in try await SupportEntryIngest.write(batch, cache: references, on: db) },
                                       together: { batches, db in try await SupportEntryIngest.writeTogether(batches, cache: references, on: db) },
                                       observe: { metrics.groupCommitted(pieces: $0, duration: $1) },
                                       fellBack: { metrics.groupWrittenOneByOne() }, executor: leader,
                                       deadline: config.requestDeadline / 2)
    }
    if config.writerNice != 0 {
        var raised = await leader.setPriority(nice: config.writerNice)
        if let writer = app.sqliteWriter { raised = await writer.setPriority(nice: config.writerNice) && raised }
        if !raised {
            app.logger.notice("writer threads left at the usual priority (nice \(config.writerNice) needs CAP_SYS_NICE); under full load small batches commit more slowly")
        }
    }
    // Counts entries into the rollup ledger after their commit, on the same writer as the group commit.
    app.ledgerApplier = LedgerApplier(reader: app.sqliteWriter == nil ? nil : app.db, transaction: { body in try await app.writeTransaction(body) },
                                      observe: { metrics.ledgerApplied(entries: $0, duration: $1) })
    app.parseSlots = ParseSlots(limit: SpreadsheetParsing.maxConcurrent)
    try routes(app)
    app.routeMethods = RouteMethods(app.routes.all)
    if config.backgroundWork {
        // Built on first use otherwise (hierarchy, former names, search keys: ~0.25 s), inside someone's request.
        Task.detached(priority: .utility) { _ = UnitDirectoryResource.directory }
        app.lifecycle.use(CacheSyncLifecycle())
        app.lifecycle.use(PeriodicWorkLifecycle())
        if app.sqliteWriter != nil { app.lifecycle.use(WALCheckpointLifecycle()) }
        app.lifecycle.use(LedgerApplierLifecycle())
    }

    if config.autoMigrate {
        _ = try await Bootstrap.prepare(app)
    }
}

extension Application {
    private struct AppConfigKey: StorageKey { typealias Value = AppConfig }

    var appConfig: AppConfig {
        get {
            guard let config = storage[AppConfigKey.self] else { fatalError("configure(_:_:) sets the AppConfig first") }
            return config
        }
        set { storage[AppConfigKey.self] = newValue }
    }
}

extension Request {
    /// Today in Asia/Ho_Chi_Minh, from the injected clock.
    var today: LocalDate { LocalDate.today(now: application.appConfig.now()) }
}

