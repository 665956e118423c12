import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// Rollups for the nation and provinces read from the ledger (`RollupLedger`): day sums, weekly and daily
/// distinct counts, and presence rows, all kept up to date by every write. One reporting week, one day, or the
/// campaign up to any day is a few counter rows; any other range a distinct count over its weeks' presence rows.
/// Returns nil for communes and teams, which `RollupQueries` answers from the entries.
enum LedgerRollupQueries {
    static func figures(_ scope: RollupQueries.Scope, byChild: Bool, on db: any Database) async throws -> [String: RollupFigures]? {
        guard let span = scope.ledger, let scopeFilter = scopeFilter(scope.unit, byChild: byChild) else { return nil }
        let period = RollupLedger.period(for: scope.range, span: span)
        guard let cache = scope.cache else {
            _ = try await RollupLedgerStore.caughtUpGeneration(campaignID: scope.campaignID, on: db)
            return try await read(scope, period: period, scopeFilter: scopeFilter, byChild: byChild, on: db)
        }
        let key = LedgerCache.Key(campaignID: scope.campaignID, unit: scope.unit, range: scope.range, byChild: byChild)
        // Entries stored since are counted first (`RollupLedgerStore+Pending`), which moves the generation on.
        let generation = try await cache.generation(campaignID: scope.campaignID) {
            try await RollupLedgerStore.caughtUpGeneration(campaignID: scope.campaignID, on: db)
        }
        if let hit = cache.figures(key, generation: generation) { return hit }
        let figures = try await read(scope, period: period, scopeFilter: scopeFilter, byChild: byChild, on: db)
        // A write between the generation read and these reads only makes the entry stale-tagged, never wrong-tagged.
        cache.store(figures, for: key, generation: generation)
        return figures
    }

    /// The ledger's rows for a unit (or, `byChild`, for the nation's provinces); nil for what it does not keep.
    private static func scopeFilter(_ unit: RollupQueries.Unit, byChild: Bool) -> SQLQueryString? {
        switch (unit, byChild) {
        case (.nation, false): "scope_code = \(bind: RollupLedger.nationalScope)"
        case (.nation, true): "scope_code <> \(bind: RollupLedger.nationalScope)"
        case (.province(let code), false): "scope_code = \(bind: code)"
        default: nil
        }
    }

    typealias Sums = [String: [RollupLedger.Measure: [String: Int]]]

    private static func readSums(_ scope: RollupQueries.Scope, scopeFilter: SQLQueryString, on db: any Database) async throws -> Sums {
        var sums: Sums = [:]
        for row in try await db.sql.raw("""
            SELECT scope_code AS k, measure, item, CAST(SUM(value) AS BIGINT) AS n FROM rollup_daily_sums
            WHERE campaign_id = \(bind: scope.campaignID) AND \(scopeFilter)
              AND entry_date >= \(bind: scope.range.from.iso) AND entry_date <= \(bind: scope.range.to.iso)
            GROUP BY scope_code, measure, item
            """).all() {
            let n = try row.decode(column: "n", as: Int.self)
            guard n != 0, let measure = RollupLedger.Measure(rawValue: try row.decode(column: "measure", as: String.self)) else { continue }
            sums[try row.decode(column: "k", as: String.self), default: [:]][measure, default: [:]][
                try row.decode(column: "item", as: String.self)] = n
        }
        return sums
    }

    private static func read(_ scope: RollupQueries.Scope, period: RollupLedger.Period, scopeFilter: SQLQueryString, byChild: Bool,
                             on db: any Database) async throws -> [String: RollupFigures] {
        let sql = db.sql
        let sums = try await readSums(scope, scopeFilter: scopeFilter, on: db)

        var counts: [String: [RollupLedger.Kind: (n: Int, f: Int)]] = [:]
        let query = countQuery(scope, period: period, scopeFilter: scopeFilter, byChild: byChild)
        let rows = if case .window = period { try await db.scanning { try await $0.sql.raw(query).all() } } else { try await sql.raw(query).all() }
        for row in rows {
            guard let kind = RollupLedger.Kind(rawValue: try row.decode(column: "kind", as: String.self)) else { continue }
            counts[try row.decode(column: "k", as: String.self), default: [:]][kind] =
                (try row.decode(column: "n", as: Int.self), try row.decode(column: "f", as: Int.self))
        }

        let inScope = try await RollupQueries.communesInScope(scope, byChild: byChild, on: db)
        func key(_ scopeCode: String) -> String { byChild ? scopeCode : "" }
        var out: [String: RollupFigures] = [:]
        let scopeCodes = Set(sums.keys).union(counts.keys).union(byChild ? Set(inScope.keys) : [])
        for code in byChild ? scopeCodes : [ledgerScope(scope.unit) ?? RollupLedger.nationalScope] {
            let s = sums[code] ?? [:], c = counts[code] ?? [:]
            let k = key(code)
            out[k] = RollupFigures(
                teamsMaintained: c[.team]?.n ?? 0, volunteersActive: c[.volunteer]?.n ?? 0, supports: s[.supports]?[""] ?? 0,
                supportsByCategory: s[.category] ?? [:], supportsByGroup: s[.group] ?? [:], supportsByPlace: s[.place] ?? [:],
                communesCovered: c[.commune]?.n ?? 0, communesInScope: inScope[k]?.all ?? 0,
                borderIslandCovered: c[.commune]?.f ?? 0, borderIslandInScope: inScope[k]?.edge ?? 0,
                trainedActive: c[.volunteer]?.f ?? 0)
        }
        return out
    }

    /// Distinct subjects per scope code (`k`) and kind: `n` present, `f` of them flagged.
    private static func countQuery(_ scope: RollupQueries.Scope, period: RollupLedger.Period, scopeFilter: SQLQueryString,
                                   byChild: Bool) -> SQLQueryString {
        // One week or one day is a row per scope and kind; "up to" sums the first-seen counts (`n_new`, `f_new`).
        let (table, column, bucket, upTo): (String, String, String, Bool)
        switch period {
        case .week(let start): (table, column, bucket, upTo) = (Tables.rollupWeeklyCounts, "week_start", start, false)
        case .throughWeek(let start): (table, column, bucket, upTo) = (Tables.rollupWeeklyCounts, "week_start", start, true)
        case .day(let day): (table, column, bucket, upTo) = (Tables.rollupDailyCounts, "day", day, false)
        case .throughDay(let day): (table, column, bucket, upTo) = (Tables.rollupDailyCounts, "day", day, true)
        case .window(let window): return windowQuery(scope, window: window, byChild: byChild)
        }
        return upTo ? """
            SELECT scope_code AS k, kind, CAST(SUM(n_new) AS BIGINT) AS n, CAST(SUM(f_new) AS BIGINT) AS f FROM \(ident: table)
            WHERE campaign_id = \(bind: scope.campaignID) AND \(scopeFilter) AND \(ident: column) <= \(bind: bucket)
            GROUP BY scope_code, kind
            """ : """
            SELECT scope_code AS k, kind, n, f FROM \(ident: table)
            WHERE campaign_id = \(bind: scope.campaignID) AND \(scopeFilter) AND \(ident: column) = \(bind: bucket)
            """
    }

    /// Any other range: each subject once per scope (the nation: across provinces) among the presence rows of the
    /// range's weeks that were present on a day inside it. Reads `idx_rollup_presence_week` alone, never the entries.
    private static func windowQuery(_ scope: RollupQueries.Scope, window: RollupLedger.PresenceWindow, byChild: Bool) -> SQLQueryString {
        // The nation's own figure groups by subject alone (a person helping in two provinces counts once); PostgreSQL
        // refuses GROUP BY a constant, so its scope code is added outside.
        let (perProvince, unitFilter): (Bool, SQLQueryString) = switch (scope.unit, byChild) {
        case (.nation, true): (true, "")
        case (.province(let code), _): (true, " AND province_code = \(bind: code)")
        default: (false, "")
        }
        let inner: SQLQueryString = perProvince ? "province_code AS k, kind" : "kind"
        let outer: SQLQueryString = perProvince ? "k" : "\(bind: RollupLedger.nationalScope)"
        return """
            SELECT \(outer) AS k, kind, COUNT(*) AS n, CAST(SUM(f) AS BIGINT) AS f FROM (
              SELECT \(inner), subject, MAX(CASE WHEN flagged = \(bind: true) THEN 1 ELSE 0 END) AS f
              FROM \(ident: Tables.rollupPresence)
              WHERE campaign_id = \(bind: scope.campaignID) AND week_start >= \(bind: window.firstWeek)
                AND week_start <= \(bind: window.lastWeek)\(unitFilter)
                AND (week_start > \(bind: window.firstWeek) OR (day_mask & \(literal: window.firstDays)) <> 0)
                AND (week_start < \(bind: window.lastWeek) OR (day_mask & \(literal: window.lastDays)) <> 0)
              GROUP BY \(unsafeRaw: perProvince ? "province_code, kind" : "kind"), subject
            ) p GROUP BY \(unsafeRaw: perProvince ? "k, kind" : "kind")
            """
    }

    struct CampaignTotals: Sendable, Equatable {
        var entries = 0
        var supports = 0
        /// Distinct volunteers with at least one entry in the campaign.
        var volunteers = 0
    }

    /// The whole campaign for the nation: a few dozen ledger rows instead of a scan of every entry.
    static func campaignTotals(campaignID: UUID, on db: any Database) async throws -> CampaignTotals {
        var out = CampaignTotals()
        for row in try await db.sql.raw("""
            SELECT measure, CAST(SUM(value) AS BIGINT) AS n FROM rollup_daily_sums
            WHERE campaign_id = \(bind: campaignID) AND scope_code = \(bind: RollupLedger.nationalScope)
              AND measure IN (\(bind: RollupLedger.Measure.entries.rawValue), \(bind: RollupLedger.Measure.supports.rawValue))
            GROUP BY measure
            """).all() {
            let n = try row.decode(column: "n", as: Int.self)
            if try row.decode(column: "measure", as: String.self) == RollupLedger.Measure.entries.rawValue { out.entries = n } else { out.supports = n }
        }
        out.volunteers = try await db.sql.raw("""
            SELECT CAST(COALESCE(SUM(n_new), 0) AS BIGINT) AS n FROM rollup_weekly_counts
            WHERE campaign_id = \(bind: campaignID) AND scope_code = \(bind: RollupLedger.nationalScope)
              AND kind = \(bind: RollupLedger.Kind.volunteer.rawValue)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        return out
    }

    /// Supports per day for the nation or a province, from the day sums.
    static func dailySupports(campaignID: UUID, unit: RollupQueries.Unit, range: DateRange,
                              on db: any Database) async throws -> [LocalDate: Int]? {
        guard let scopeCode = ledgerScope(unit) else { return nil }
        var out: [LocalDate: Int] = [:]
        for row in try await db.sql.raw("""
            SELECT entry_date AS d, value AS n FROM rollup_daily_sums
            WHERE campaign_id = \(bind: campaignID) AND scope_code = \(bind: scopeCode) AND measure = \(bind: RollupLedger.Measure.supports.rawValue)
              AND item = '' AND entry_date >= \(bind: range.from.iso) AND entry_date <= \(bind: range.to.iso)
            """).all() {
            guard let day = LocalDate(iso: try row.decode(column: "d", as: String.self)) else { continue }
            out[day] = try row.decode(column: "n", as: Int.self)
        }
        return out
    }

    /// The ledger's scope code for a unit it keeps (the nation and provinces), nil for communes and teams.
    private static func ledgerScope(_ unit: RollupQueries.Unit) -> String? {
        switch unit {
        case .nation: RollupLedger.nationalScope
        case .province(let code): code
        case .commune, .team: nil
        }
    }
}
