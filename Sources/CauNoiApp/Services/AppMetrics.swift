import CauNoiCore
import Fluent
import Foundation
import Prometheus
import Vapor

/// The node's metrics in Prometheus text format, served at `/metrics`. The registry belongs to the app (no
/// process-wide bootstrap), so several apps in one process — tests — keep their own counts. Labels are bounded:
/// method, route pattern and status for requests; province at most for the figures, never a commune or a person.
final class AppMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    static let latencyBuckets: [Duration] = [5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000].map { .milliseconds($0) }

    // Descriptors are built where used: the library's type is not Sendable, so it cannot be a stored static.
    private static var requests: MetricNameDescriptor { MetricNameDescriptor(metricName: "caunoi_http_requests", unitName: "total",
                                                       helpText: "HTTP requests answered, by method, route pattern and status.") }
    private static var errors: MetricNameDescriptor { MetricNameDescriptor(metricName: "caunoi_http_server_errors", unitName: "total",
                                                     helpText: "HTTP answers with a 5xx status, by method and route pattern.") }
    private static var latency: MetricNameDescriptor { MetricNameDescriptor(metricName: "caunoi_http_request_duration", unitName: "seconds",
                                                      helpText: "Time to answer, by method and route pattern.") }
    private static var ingested: MetricNameDescriptor { MetricNameDescriptor(metricName: "caunoi_support_entries_ingested", unitName: "total",
                                                       helpText: "Support entries stored by the batch API (duplicates and rejections not counted).") }
    private static var openDifficulties: MetricNameDescriptor { MetricNameDescriptor(metricName: "caunoi_difficulties_open", unitName: "count",
                                                               helpText: "Unresolved difficulties, by province.") }
    private static var oldestDifficulty: MetricNameDescriptor { MetricNameDescriptor(metricName: "caunoi_difficulty_oldest_open_age", unitName: "days",
                                                               helpText: "Age of the oldest unresolved difficulty, by province.") }
    private static var missingReports: MetricNameDescriptor { MetricNameDescriptor(metricName: "caunoi_weekly_reports_missing", unitName: "count",
                                                             helpText: "Communes without a report for the last finished week of each campaign taking entries, summed by province.") }
    private static var openFindings: MetricNameDescriptor { MetricNameDescriptor(metricName: "caunoi_supervision_findings_open", unitName: "count",
                                                           helpText: "Supervision findings not yet closed, by province.") }

    private static var abandoned: MetricNameDescriptor { MetricNameDescriptor(metricName: "caunoi_http_requests_abandoned", unitName: "total",
                                                         helpText: "Requests answered 503 because they passed their deadline (work left waiting on the database).") }
    private static var cacheLookups: MetricNameDescriptor { MetricNameDescriptor(metricName: "caunoi_cache_lookups", unitName: "total",
                                                           helpText: "Node cache lookups by cache (reads, principals, ledger) and result (hit, miss).") }
    private static var poolWait: MetricNameDescriptor { MetricNameDescriptor(metricName: "caunoi_db_pool_wait", unitName: "seconds",
                                                       helpText: "Time the node's generation poll (4 a second) waited for a pooled database connection: a sample of requests' wait.") }
    static let poolWaitBuckets: [Duration] = [0.1, 0.5, 1, 5, 10, 50, 100, 500, 1_000, 5_000].map { .microseconds(Int64($0 * 1_000)) }

    private static var commits: MetricNameDescriptor { MetricNameDescriptor(metricName: "caunoi_group_commits", unitName: "total",
                                                      helpText: "Write transactions of the batch API's group commit.") }
    private static var pieces: MetricNameDescriptor { MetricNameDescriptor(metricName: "caunoi_group_commit_batches", unitName: "total",
                                                     helpText: "Batches stored by those transactions (more than commits: batches shared a commit).") }

    private static var commitTime: MetricNameDescriptor { MetricNameDescriptor(metricName: "caunoi_group_commit_duration", unitName: "seconds",
                                                         helpText: "Time the writer spent on one group commit, from taking the writer to the commit's end.") }

    func groupCommitted(pieces count: Int, duration: Duration) {
        registry.makeCounter(descriptor: Self.commits, labels: []).increment()
        registry.makeCounter(descriptor: Self.pieces, labels: []).increment(by: Int64(count))
        registry.makeDurationHistogram(descriptor: Self.commitTime, labels: [], buckets: Self.latencyBuckets).record(duration)
    }

    private static var walFrames: MetricNameDescriptor { MetricNameDescriptor(metricName: "caunoi_sqlite_wal_frames", unitName: "count",
                                                       helpText: "SQLite WAL frames at the last background checkpoint: in the log, and folded back into the database (state).") }

    private static var oneByOne: MetricNameDescriptor { MetricNameDescriptor(metricName: "caunoi_group_commit_one_by_one", unitName: "total",
                                                       helpText: "Group commits whose batches could not be stored together and were stored one by one.") }

    private static var ledgerApplied: MetricNameDescriptor { MetricNameDescriptor(metricName: "caunoi_ledger_applied_entries", unitName: "total",
                                                          helpText: "Entries folded into the rollup ledger after their commit (LedgerApplier).") }
    private static var ledgerApplyTime: MetricNameDescriptor { MetricNameDescriptor(metricName: "caunoi_ledger_apply_duration", unitName: "seconds",
                                                            helpText: "Time of each transaction folding pending entries into the rollup ledger.") }

    private static var ledgerPending: MetricNameDescriptor { MetricNameDescriptor(metricName: "caunoi_ledger_pending_entries", unitName: "count",
                                                          helpText: "Entries stored but not yet counted in the rollup ledger, at the scrape.") }

    func ledgerApplied(entries count: Int, duration: Duration) {
        registry.makeCounter(descriptor: Self.ledgerApplied, labels: []).increment(by: Int64(count))
        registry.makeDurationHistogram(descriptor: Self.ledgerApplyTime, labels: [], buckets: Self.latencyBuckets).record(duration)
    }

    func groupWrittenOneByOne() {
        registry.makeCounter(descriptor: Self.oneByOne, labels: []).increment()
    }

    func walCheckpointed(log: Int, checkpointed: Int) {
        registry.makeGauge(descriptor: Self.walFrames, labels: [("state", "log")]).set(Int64(log))
        registry.makeGauge(descriptor: Self.walFrames, labels: [("state", "checkpointed")]).set(Int64(checkpointed))
    }

    func requestAbandoned() {
        registry.makeCounter(descriptor: Self.abandoned, labels: []).increment()
    }

    func cacheLookup(_ cache: String, hit: Bool) {
        registry.makeCounter(descriptor: Self.cacheLookups, labels: [("cache", cache), ("result", hit ? "hit" : "miss")]).increment()
    }

    func poolWaited(_ wait: Duration) {
        registry.makeDurationHistogram(descriptor: Self.poolWait, labels: [], buckets: Self.poolWaitBuckets).record(wait)
    }

    /// One answered request; `route` is the registered pattern ("/tap-huan/:id"), never the concrete path.
    func request(method: String, route: String, status: UInt, duration: Duration) {
        registry.makeCounter(descriptor: Self.requests, labels: [("method", method), ("route", route), ("status", String(status))]).increment()
        if status >= 500 { registry.makeCounter(descriptor: Self.errors, labels: [("method", method), ("route", route)]).increment() }
        registry.makeDurationHistogram(descriptor: Self.latency, labels: [("method", method), ("route", route)], buckets: Self.latencyBuckets)
            .record(duration)
    }

    func entriesIngested(_ count: Int) {
        guard count > 0 else { return }
        registry.makeCounter(descriptor: Self.ingested, labels: []).increment(by: Int64(count))
    }

    /// The text a scraper reads; the figures by province are read from the database at each scrape.
    func scrape(today: LocalDate, now: Date, on db: any Database) async throws -> String {
        // Grouped in the database: a scrape every few seconds reads one row per province, not every open item.
        var open: [String: Int] = [:], oldest: [String: Double] = [:], findings: [String: Int] = [:]
        for r in try await db.sql.raw("""
            SELECT province_code AS p, COUNT(*) AS n, MIN(created_at) AS first FROM difficulties
            WHERE status <> \(bind: DifficultyStatus.resolved.rawValue) GROUP BY province_code
            """).all() {
            let province = try r.decode(column: "p", as: String.self)
            open[province] = try r.decode(column: "n", as: Int.self)
            oldest[province] = now.timeIntervalSince(try r.decode(column: "first", as: Date.self)) / 86_400
        }
        for r in try await db.sql.raw("SELECT province_code AS p, COUNT(*) AS n FROM supervision_findings WHERE status = 'open' GROUP BY province_code").all() {
            findings[try r.decode(column: "p", as: String.self)] = try r.decode(column: "n", as: Int.self)
        }
        // Each campaign taking entries today, with its own reporting week: two campaigns in a province both count.
        var missing: [String: Int] = [:]
        for campaign in try await CampaignQueries.all(on: db) {
            guard let definition = campaign.definition, definition.takesEntries(on: today) else { continue }
            let week = definition.week(containing: today).adding(weeks: -1)
            guard definition.contains(week.end) else { continue }
            for row in try await CompletenessQueries.week(week, campaign: campaign, provinceCode: nil, on: db).rows {
                missing[row.code, default: 0] += row.missing
            }
        }
        let pending = try await db.sql.raw("SELECT COUNT(*) AS n FROM rollup_pending").first()?.decode(column: "n", as: Int.self) ?? 0
        registry.makeGauge(descriptor: Self.ledgerPending, labels: []).set(Double(pending))
        // Every province appears in each figure (0 when none), so a province that clears its last one reads 0, not stale.
        let provinces = UnitDirectoryResource.directory.entries.filter { $0.level == .province }.map(\.unit.code)
        for p in provinces {
            registry.makeGauge(descriptor: Self.openDifficulties, labels: [("province", p)]).set(Double(open[p] ?? 0))
            registry.makeGauge(descriptor: Self.oldestDifficulty, labels: [("province", p)]).set((oldest[p] ?? 0).rounded())
            registry.makeGauge(descriptor: Self.openFindings, labels: [("province", p)]).set(Double(findings[p] ?? 0))
            registry.makeGauge(descriptor: Self.missingReports, labels: [("province", p)]).set(Double(missing[p] ?? 0))
        }
        return registry.emitToString()
    }
}

/// Counts and times every answer (errors included: it sits outside the error middleware).
struct MetricsMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next.respond(to: req)
        let route = req.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        req.application.metrics.request(method: req.method.rawValue, route: route, status: response.status.code,
                                        duration: ContinuousClock.now - start)
        return response
    }
}

extension Application {
    private struct MetricsKey: StorageKey { typealias Value = AppMetrics }

    var metrics: AppMetrics {
        get {
            guard let metrics = storage[MetricsKey.self] else { fatalError("configure(_:_:) sets the metrics first") }
            return metrics
        }
        set { storage[MetricsKey.self] = newValue }
    }
}
