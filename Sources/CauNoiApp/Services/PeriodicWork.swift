import CauNoiCore
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Work that must happen once per period however many nodes run: each node looks every minute, and the first to
/// insert (job, period) into `job_runs` runs it; the others see the row and skip. A node that dies mid-run leaves
/// that period done (every job here is idempotent and catches up next period).
struct PeriodicJob: Sendable {
    enum Every: Sendable {
        case hour, day

        /// The local (UTC+7) period containing `instant`: "2025-08-15T10" or "2025-08-15".
        func period(of instant: Date) -> String {
            let day = LocalDate.today(now: instant).iso
            guard case .hour = self else { return day }
            let hour = LocalDate.hour(now: instant)
            return day + "T" + (hour < 10 ? "0" : "") + String(hour)
        }
    }

    var name: String
    var every: Every
    var run: @Sendable (_ db: any Database, _ now: Date, _ logger: Logger) async throws -> Void

    /// What every node runs.
    static let standard: [PeriodicJob] = [
        PeriodicJob(name: "help-contact-erasure", every: .hour) { db, now, logger in
            let erased = try await EraseExpiredHelpContacts.run(now: now, on: db)
            if erased > 0 { logger.info("erased contact data of closed help requests", metadata: ["count": "\(erased)"]) }
        },
        PeriodicJob(name: "database-maintenance", every: .day) { db, now, _ in
            // Fresh planner statistics; claims older than 90 days decide nothing.
            try await db.sql.raw(db.isSQLite ? "PRAGMA optimize" : "ANALYZE").run()
            try await db.writeTransaction { db in
                try await db.sql.raw("DELETE FROM job_runs WHERE period < \(bind: LocalDate.today(now: now).adding(days: -90).iso)").run()
            }
        },
    ]
}

enum PeriodicWork {
    /// True for exactly one caller per (job, period), across nodes.
    static func claim(_ job: String, period: String, node: String, now: Date, on db: any Database) async throws -> Bool {
        try await db.writeTransaction { db in
            try await db.sql.raw("""
                INSERT INTO job_runs (job, period, node, started_at) VALUES (\(bind: job), \(bind: period), \(bind: node), \(bind: now))
                ON CONFLICT DO NOTHING RETURNING job
                """).all().isEmpty == false
        }
    }

    /// One look at every job: runs those whose current period this node claims. Returns their names.
    static func tick(_ jobs: [PeriodicJob], node: String, now: Date, db: any Database, logger: Logger,
                     tried: NIOLockedValueBox<[String: String]>) async -> [String] {
        var ran: [String] = []
        for job in jobs {
            let period = job.every.period(of: now)
            // A node asks the database once per job and period, not every minute.
            let fresh = tried.withLockedValue { tried in
                defer { tried[job.name] = period }
                return tried[job.name] != period
            }
            guard fresh else { continue }
            do {
                guard try await claim(job.name, period: period, node: node, now: now, on: db) else { continue }
                try await job.run(db, now, logger)
                ran.append(job.name)
            } catch {
                logger.warning("periodic job failed", metadata: ["job": "\(job.name)", "period": "\(period)", "error": "\(String(reflecting: error))"])
            }
        }
        return ran
    }
}

/// Looks at the periodic jobs once a minute (and at start) while the node runs.
struct PeriodicWorkLifecycle: LifecycleHandler {
    final class Box: Sendable { let task = NIOLockedValueBox<Task<Void, Never>?>(nil) }
    let box = Box()
    var jobs = PeriodicJob.standard

    // The synchronous hook: `boot()` (tests) calls only it, `asyncBoot()` (serve) reaches it through the async default.
    func didBoot(_ app: Application) throws {
        let db = app.db, now = app.appConfig.now, logger = app.logger, jobs = self.jobs
        let node = app.cacheSync?.node ?? String(UUID().uuidString.prefix(8)).lowercased()
        let tried = NIOLockedValueBox<[String: String]>([:])
        box.task.withLockedValue { $0 = Task {
            while !Task.isCancelled {
                _ = await PeriodicWork.tick(jobs, node: node, now: now(), db: db, logger: logger, tried: tried)
                try? await Task.sleep(for: .seconds(60))
            }
        } }
    }

    func shutdownAsync(_ app: Application) async {
        let task = box.task.withLockedValue { $0 }
        task?.cancel()
        await task?.value
    }
}
