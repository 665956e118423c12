import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// Supervision visits and findings: lists for the area, a team's last visits, what the province must handle,
/// and the briefing's counts.
enum SupervisionQueries {
    struct VisitRow: Equatable, Sendable {
        var id: UUID
        var teamName: String
        var communeName: String
        var visitedOn: LocalDate
        var notKept: [String]
        var openFindings: Int
        var by: String
    }

    struct FindingRow: Equatable, Sendable {
        var id: UUID
        var visitID: UUID
        var teamName: String
        var communeName: String
        var item: String?
        var description: String
        var action: String
        var owner: String
        var dueOn: LocalDate
        var state: FindingState
        var breach: Bool
        var concernsProvince: Bool
        var closedNote: String?
        var closedOn: String?
        var closedBy: String? = nil
    }

    static func visits(area: ScopeFilter, teamID: UUID? = nil, limit: Int, today: LocalDate, on db: any Database) async throws -> [VisitRow] {
        let query = SupervisionVisit.query(on: db)
        if let teamID { query.filter(\.$teamID == teamID) }
        guard area.restrict(query, .init(province: \.$provinceCode, commune: \.$communeCode, team: \.$teamID)) else { return [] }
        let visits = try await query.sort(\.$visitedOn, .descending).sort(\.$createdAt, .descending).limit(limit).all()
        let ids = visits.compactMap(\.id)
        var open: [UUID: Int] = [:]
        for chunk in ids.chunked(into: 500) {
            for f in try await SupervisionFinding.query(on: db).filter(\.$visitID ~~ chunk).filter(\.$status == "open").all() { open[f.visitID, default: 0] += 1 }
        }
        let teams = try await teamNames(Set(visits.map(\.teamID)), on: db)
        let communes = UnitPicker.labels(Set(visits.map(\.communeCode)))
        return visits.map { v in
            VisitRow(id: v.id!, teamName: teams[v.teamID] ?? "", communeName: communes[v.communeCode] ?? v.communeCode,
                     visitedOn: LocalDate(iso: v.visitedOn) ?? today,
                     notKept: ChecklistItem.allCases.filter { v.answerMap[$0] == .notOk }.map(\.vietnamese),
                     openFindings: open[v.id!] ?? 0, by: v.createdBy)
        }
    }

    /// Findings of the area (open ones, or those of one visit in any state), what concerns the province first.
    static func findings(area: ScopeFilter, visitID: UUID? = nil, teamID: UUID? = nil, onlyOpen: Bool, today: LocalDate,
                         on db: any Database) async throws -> [FindingRow] {
        let query = SupervisionFinding.query(on: db)
        if let visitID { query.filter(\.$visitID == visitID) }
        if let teamID { query.filter(\.$teamID == teamID) }
        if onlyOpen { query.filter(\.$status == "open") }
        guard area.restrict(query, .init(province: \.$provinceCode, commune: \.$communeCode, team: \.$teamID)) else { return [] }
        let rows = try await query.sort(\.$dueOn).limit(500).all()
        let teams = try await teamNames(Set(rows.map(\.teamID)), on: db)
        let communes = UnitPicker.labels(Set(rows.map(\.communeCode)))
        return rows.map { f in
            let state = f.state(today: today)
            return FindingRow(id: f.id!, visitID: f.visitID, teamName: teams[f.teamID] ?? "", communeName: communes[f.communeCode] ?? f.communeCode,
                              item: f.checklistItem?.vietnamese, description: f.description, action: f.action, owner: f.owner,
                              dueOn: LocalDate(iso: f.dueOn) ?? today, state: state, breach: f.breach,
                              concernsProvince: FindingEscalation.concernsProvince(isBreach: f.breach, state: state),
                              closedNote: f.closedNote, closedOn: f.closedOn, closedBy: f.closedBy)
        }.sorted { ($0.concernsProvince ? 0 : 1, $0.dueOn) < ($1.concernsProvince ? 0 : 1, $1.dueOn) }
    }

    /// Open findings that concern the province (breaches, and anything overdue) in the provinces a person handles.
    static func forProvince(provinces: Set<String>?, today: LocalDate, on db: any Database) async throws -> Int {
        let query = SupervisionFinding.query(on: db).filter(\.$status == "open")
        if let provinces { query.filter(\.$provinceCode ~~ Array(provinces)) }
        query.group(.or) { $0.filter(\.$breach == true).filter(\.$dueOn < today.iso) }
        return try await query.count()
    }

    /// Per unit of the briefing (province of the nation, commune of a province): visits during the week, findings
    /// open at its end, and how many of those are breaches of the conduct rules.
    struct BriefingCounts: Equatable, Sendable {
        var visits = 0
        var open = 0
        var breaches = 0
    }

    static func briefing(campaignID: UUID, week: ReportingWeek, province: String?, on db: any Database) async throws -> [String: BriefingCounts] {
        let unit = province == nil ? "province_code" : "commune_code"
        let filter: SQLQueryString = province.map { " AND province_code = \(bind: $0)" } ?? ""
        var out: [String: BriefingCounts] = [:]
        for r in try await db.sql.raw("""
            SELECT \(unsafeRaw: unit) AS unit, COUNT(*) AS n FROM supervision_visits
            WHERE campaign_id = \(bind: campaignID) AND visited_on BETWEEN \(bind: week.start.iso) AND \(bind: week.end.iso)\(filter) GROUP BY \(unsafeRaw: unit)
            """).all() {
            out[try r.decode(column: "unit", as: String.self), default: .init()].visits = try r.decode(column: "n", as: Int.self)
        }
        // Open at the week's end: found by then, and not closed by then.
        for r in try await db.sql.raw("""
            SELECT \(unsafeRaw: unit) AS unit, COUNT(*) AS n, CAST(SUM(CASE WHEN breach = \(bind: true) THEN 1 ELSE 0 END) AS BIGINT) AS b FROM supervision_findings
            WHERE campaign_id = \(bind: campaignID) AND found_on <= \(bind: week.end.iso)
              AND (closed_on IS NULL OR closed_on > \(bind: week.end.iso))\(filter) GROUP BY \(unsafeRaw: unit)
            """).all() {
            let code = try r.decode(column: "unit", as: String.self)
            out[code, default: .init()].open = try r.decode(column: "n", as: Int.self)
            out[code, default: .init()].breaches = try r.decode(column: "b", as: Int.self)
        }
        return out
    }

    static func teamNames(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await Team.query(on: db).filter(\.$id ~~ Array(ids)).all().map { ($0.id!, $0.name) })
    }
}
