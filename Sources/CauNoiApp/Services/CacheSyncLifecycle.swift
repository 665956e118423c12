import Fluent
import FluentPostgresDriver
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Runs `CacheSync`'s loops while the node runs: the generation poll (both engines) and, on PostgreSQL, the
/// listener on its own connection (not one of the pool's) and the "reads" notifier.
struct CacheSyncLifecycle: LifecycleHandler {
    final class Tasks: Sendable {
        let running = NIOLockedValueBox<[Task<Void, Never>]>([])
        /// The listener's connection, closed to force a reconnect when it has gone silent.
        let connection = NIOLockedValueBox<PostgresConnection?>(nil)
    }
    let tasks = Tasks()

    // The synchronous hook: `boot()` (tests) calls only it, `asyncBoot()` (serve) reaches it through the async default.
    func didBoot(_ app: Application) throws {
        guard let sync = app.cacheSync else { return }
        let db = app.db, logger = app.logger, tasks = self.tasks, metrics = app.metrics
        var loops = [Task<Void, Never> {
            var failing = false
            while !Task.isCancelled {
                do {
                    let asked = ContinuousClock.now
                    let row = try await db.withConnection { connection in
                        metrics.poolWaited(ContinuousClock.now - asked)
                        return try await connection.sql.raw("SELECT generation FROM cache_generations WHERE name = 'principals'").first()
                    }
                    let generation = try row?.decode(column: "generation", as: Int64.self) ?? 0
                    if sync.polled(principals: generation), let stale = tasks.connection.withLockedValue({ $0 }) {
                        logger.warning("cache listener missed a change; reconnecting")
                        try? await stale.close()
                    }
                    if failing { logger.info("cache generation readable again") }
                    failing = false
                } catch {
                    if !failing { logger.warning("cache generation unreadable; remembered sign-ins bypassed", metadata: ["error": "\(String(reflecting: error))"]) }
                    failing = true
                }
                try? await Task.sleep(for: sync.pollInterval)
            }
        }]
        if case .postgres(let url) = app.appConfig.database {
            let configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
            let eventLoop = app.eventLoopGroup.any()
            loops.append(Task {
                var attempt = 0
                while !Task.isCancelled {
                    do {
                        let connection = try await PostgresConnection.connect(on: eventLoop, configuration: configuration, id: 0, logger: logger)
                        tasks.connection.withLockedValue { $0 = connection }
                        defer { tasks.connection.withLockedValue { $0 = nil } }
                        try await connection.listen(on: CacheSync.channel) { notifications in
                            let row = try await connection.query("SELECT generation FROM cache_generations WHERE name = 'principals'", logger: logger)
                                .collect().first
                            sync.listening(true, heardUpTo: try row?.decode(Int64.self))
                            if attempt > 0 { logger.info("cache listener reconnected") }
                            attempt = 0
                            for try await notification in notifications { sync.heard(notification.payload) }
                        }
                        try? await connection.close()
                    } catch {
                        if !Task.isCancelled, attempt == 0 { logger.warning("cache listener lost", metadata: ["error": "\(String(reflecting: error))"]) }
                    }
                    sync.listening(false)
                    attempt += 1
                    try? await Task.sleep(for: .milliseconds(min(2_000, 100 * attempt)))
                }
            })
            loops.append(Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(100))
                    guard sync.takeDirty() else { continue }
                    try? await db.sql.raw("SELECT pg_notify(\(bind: CacheSync.channel), \(bind: "reads:" + sync.node))").run()
                }
            })
        }
        tasks.running.withLockedValue { $0 = loops }
    }

    func shutdownAsync(_ app: Application) async {
        let loops = tasks.running.withLockedValue { $0 }
        for loop in loops { loop.cancel() }
        if let connection = tasks.connection.withLockedValue({ $0 }) { try? await connection.close() }
        for loop in loops { await loop.value }
    }
}
