import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// Live rollups. The nation and provinces are read from the ledger that every write keeps up to date
/// (`LedgerRollupQueries`), for any date range; communes and teams are computed from their own stored entries
/// at request time (`rawFigures`, an indexed scan of one unit), which is also the oracle the ledger is tested
/// against. Either way a new entry counts at once. The same SQL runs on SQLite and PostgreSQL.
enum RollupQueries {
    enum Unit: Sendable, Hashable {
        case nation
        case province(String)
        case commune(String)
        case team(UUID)

        /// The level whose units are this unit's children in a rollup table.
        var childColumn: String? {
            switch self {
            case .nation: "e.province_code"
            case .province: "e.commune_code"
            case .commune: "e.team_id"
            case .team: nil
            }
        }
    }

    struct Scope: Sendable {
        var campaignID: UUID
        var unit: Unit
        var range: DateRange
        var requiredCourses: [String]
        /// Lets the ledger answer: the campaign's first day, last possible entry day and reporting week. Without it
        /// everything is read from the entries.
        var ledger: RollupLedger.Span? = nil
        /// Remembers ledger reads on this node (checked against the ledger generation on every read).
        var cache: LedgerCache? = nil
        /// The campaign's provinces when it does not run nationwide: the communes it answers for.
        var provinces: [String]? = nil
    }

    /// Figures for the unit, keyed by "" (the unit itself) — or by child key when `byChild` is set.
    static func figures(_ scope: Scope, byChild: Bool = false, on db: any Database) async throws -> [String: RollupFigures] {
        if let fast = try await LedgerRollupQueries.figures(scope, byChild: byChild, on: db) { return fast }
        return try await rawFigures(scope, byChild: byChild, on: db)
    }

    /// The same figures straight from the entries and their detail rows.
    static func rawFigures(_ scope: Scope, byChild: Bool = false, on db: any Database) async throws -> [String: RollupFigures] {
        try await db.scanning { try await scannedFigures(scope, byChild: byChild, on: $0) }
    }

    private static func scannedFigures(_ scope: Scope, byChild: Bool, on db: any Database) async throws -> [String: RollupFigures] {
        let sql = db.sql
        let key: SQLQueryString = byChild ? "\(unsafeRaw: scope.unit.childColumn ?? "''")" : "''"
        // PostgreSQL refuses GROUP BY a constant, so the unit's own total is an ungrouped aggregate.
        let group: SQLQueryString = byChild ? "GROUP BY \(key)" : ""
        let filter = whereClause(scope)

        var base: [String: (teams: Int, supports: Int, communes: Int)] = [:]
        for row in try await sql.raw("""
            SELECT \(key) AS k, COUNT(DISTINCT e.team_id) AS teams, CAST(COALESCE(SUM(e.total), 0) AS BIGINT) AS supports,
                   COUNT(DISTINCT e.commune_code) AS communes
            FROM support_entries e WHERE \(filter) \(group)
            """).all() {
            base[try rowKey(row)] = (
                try row.decode(column: "teams", as: Int.self), try row.decode(column: "supports", as: Int.self),
                try row.decode(column: "communes", as: Int.self))
        }
        let categories = try await breakdown(sql, key: key, group: byChild, filter: filter, select: "c.category", sum: "c.count",
                                             join: "JOIN support_entry_counts c ON c.entry_seq = e.seq")
        let groups = try await breakdown(sql, key: key, group: byChild, filter: filter, select: "b.beneficiary_group", sum: "b.count",
                                         join: "JOIN support_entry_beneficiaries b ON b.entry_seq = e.seq")
        let places = try await breakdown(sql, key: key, group: byChild, filter: filter, select: "e.place", sum: "e.total", join: "")
        let active = try await activeVolunteers(sql, key: key, byChild: byChild, filter: filter, courses: scope.requiredCourses)
        let volunteers = active.mapValues(\.all), trained = active.mapValues(\.trained)
        let edgeCovered = try await counts(sql, """
            SELECT \(key) AS k, COUNT(DISTINCT e.commune_code) AS n
            FROM support_entries e JOIN org_units u ON u.code = e.commune_code
            WHERE \(filter) AND (u.is_border = \(bind: true) OR u.is_island = \(bind: true)) \(group)
            """)
        let inScope = try await communesInScope(scope, byChild: byChild, on: db)

        var out: [String: RollupFigures] = [:]
        let keys = Set(base.keys).union(byChild ? Set(inScope.keys) : [""])
        for k in keys {
            let b = base[k] ?? (0, 0, 0)
            out[k] = RollupFigures(
                teamsMaintained: b.teams, volunteersActive: volunteers[k] ?? 0, supports: b.supports,
                supportsByCategory: categories[k] ?? [:], supportsByGroup: groups[k] ?? [:], supportsByPlace: places[k] ?? [:],
                communesCovered: b.communes, communesInScope: inScope[k]?.all ?? 0,
                borderIslandCovered: edgeCovered[k] ?? 0, borderIslandInScope: inScope[k]?.edge ?? 0,
                trainedActive: trained[k] ?? 0)
        }
        return out
    }

    /// Child keys are codes (text) or team ids (uuid, stored as a blob by SQLite); both come back as text.
    private static func rowKey(_ row: any SQLRow) throws -> String {
        if let id = try? row.decode(column: "k", as: UUID.self) { return id.uuidString }
        return try row.decode(column: "k", as: String.self)
    }

    static func whereClause(_ scope: Scope) -> SQLQueryString {
        var filter: SQLQueryString = """
            e.is_current = \(bind: true) AND e.campaign_id = \(bind: scope.campaignID) AND e.entry_date >= \(bind: scope.range.from.iso) AND e.entry_date <= \(bind: scope.range.to.iso)
            """
        switch scope.unit {
        case .nation: break
        case .province(let code): filter += " AND " as SQLQueryString + EntryPlaces.province(code)
        case .commune(let code): filter += " AND e.commune_code = \(bind: code)"
        case .team(let id): filter += " AND " as SQLQueryString + EntryPlaces.team(id)
        }
        return filter
    }

    private static func breakdown(_ sql: any SQLDatabase, key: SQLQueryString, group: Bool, filter: SQLQueryString, select: String,
                                  sum: String, join: String) async throws -> [String: [String: Int]] {
        var out: [String: [String: Int]] = [:]
        let grouping: SQLQueryString = group ? "\(key), \(unsafeRaw: select)" : "\(unsafeRaw: select)"
        for row in try await sql.raw("""
            SELECT \(key) AS k, \(unsafeRaw: select) AS item, CAST(SUM(\(unsafeRaw: sum)) AS BIGINT) AS n
            FROM support_entries e \(unsafeRaw: join) WHERE \(filter) GROUP BY \(grouping)
            """).all() {
            let n = try row.decode(column: "n", as: Int.self)
            if n != 0 { out[try rowKey(row), default: [:]][try row.decode(column: "item", as: String.self)] = n }
        }
        return out
    }

    private static func counts(_ sql: any SQLDatabase, _ query: SQLQueryString) async throws -> [String: Int] {
        var out: [String: Int] = [:]
        for row in try await sql.raw(query).all() {
            out[try rowKey(row)] = try row.decode(column: "n", as: Int.self)
        }
        return out
    }

    /// Distinct active volunteers, and those of them who completed every course the campaign requires, in one pass.
    ///
    /// A correlated lookup per active volunteer on the (volunteer_id, course_code) index. This path serves
    /// communes and teams (and the tests' oracle); grouping every course completion first (a join) cost ~0.3 s per
    /// call at seed scale whatever the scope, and `IN (subquery)` took minutes.
    private static func activeVolunteers(_ sql: any SQLDatabase, key: SQLQueryString, byChild: Bool, filter: SQLQueryString,
                                         courses: [String]) async throws -> [String: (all: Int, trained: Int)] {
        let outerKey: SQLQueryString = byChild ? "a.k" : "''"
        let outerGroup: SQLQueryString = byChild ? "GROUP BY a.k" : ""
        let active: SQLQueryString = """
            SELECT DISTINCT \(key) AS k, v.volunteer_id AS vid
            FROM support_entries e JOIN support_entry_volunteers v ON v.entry_seq = e.seq WHERE \(filter)
            """
        let trained: SQLQueryString = courses.isEmpty ? "COUNT(*)" : """
            CAST(COALESCE(SUM(CASE WHEN (SELECT COUNT(DISTINCT c.course_code) FROM course_completions c
                   WHERE c.volunteer_id = a.vid AND c.course_code IN (\(binds: courses))) = \(literal: courses.count) THEN 1 ELSE 0 END), 0) AS BIGINT)
            """
        var out: [String: (all: Int, trained: Int)] = [:]
        for row in try await sql.raw("SELECT \(outerKey) AS k, COUNT(*) AS n, \(trained) AS t FROM (\(active)) a \(outerGroup)").all() {
            out[try rowKey(row)] = (try row.decode(column: "n", as: Int.self), try row.decode(column: "t", as: Int.self))
        }
        return out
    }

    /// Communes (all, and border or island) that the unit — or each child — answers for.
    static func communesInScope(_ scope: Scope, byChild: Bool, on db: any Database) async throws -> [String: (all: Int, edge: Int)] {
        var out: [String: (all: Int, edge: Int)] = [:]
        switch scope.unit {
        case .team(let id):
            guard let team = try await Team.find(id, on: db) else { return [:] }
            let codes = [team.$homeCommune.id] + (try await TeamQueries.coverage(of: id, on: db))
            let units = try await OrgUnit.query(on: db).filter(\.$id ~~ codes).all()
            out[""] = (units.count, units.filter { $0.isBorder || $0.isIsland }.count)
        case .commune(let code):
            let unit = try await OrgUnit.find(code, on: db)
            let edge = (unit?.isBorder ?? false) || (unit?.isIsland ?? false)
            if byChild {
                // Each team answers for its own home commune here.
                for team in try await Team.query(on: db).filter(\.$homeCommune.$id == code).all() {
                    out[team.id?.uuidString ?? ""] = (1, edge ? 1 : 0)
                }
            } else {
                out[""] = (1, edge ? 1 : 0)
            }
        case .nation, .province:
            var filter: SQLQueryString = "level = \(bind: OrgLevel.commune.rawValue)"
            if case .province(let code) = scope.unit { filter += " AND province_code = \(bind: code)" }
            if let provinces = scope.provinces { filter += " AND province_code IN (\(binds: provinces.isEmpty ? [""] : provinces))" }
            let key: SQLQueryString = byChild ? (scope.unit == .nation ? "province_code" : "code") : "''"
            let group: SQLQueryString = byChild ? "GROUP BY \(key)" : ""
            for row in try await db.sql.raw("""
                SELECT \(key) AS k, COUNT(*) AS n,
                       CAST(COALESCE(SUM(CASE WHEN is_border = \(bind: true) OR is_island = \(bind: true) THEN 1 ELSE 0 END), 0) AS BIGINT) AS edge
                FROM org_units WHERE \(filter) \(group)
                """).all() {
                out[try rowKey(row)] = (try row.decode(column: "n", as: Int.self),
                                                                     try row.decode(column: "edge", as: Int.self))
            }
        }
        return out
    }
}
