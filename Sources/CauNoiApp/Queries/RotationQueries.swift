import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// "Sinh viên quay lại trường": the teams that will have fewer members than their minimum on a date, because
/// memberships end before it, and the local replacements the planner would propose for them.
enum RotationQueries {
    struct ShortTeam: Sendable, Equatable {
        var teamID: UUID
        var teamName: String
        var communeCode: String
        var provinceCode: String
        var membersThatDay: Int
        var minimum: Int
        var leaving: Int
        var shortfall: Int { max(0, minimum - membersThatDay) }
    }

    /// Teams of the area active on `day` whose members that day fall below the minimum (and who had more before).
    static func shortTeams(on day: LocalDate, provinces: Set<String>?, today: LocalDate, on db: any Database) async throws -> [ShortTeam] {
        let inProvinces: SQLQueryString = "\(unsafeRaw: ProvinceClause.sql("t.province_code", provinces))"
        let d = day.iso, now = today.iso
        return try await db.sql.raw("""
            SELECT t.id, t.name, t.home_commune_code, t.province_code, t.min_members,
              SUM(CASE WHEN m.from_date <= \(bind: d) AND (m.to_date IS NULL OR m.to_date >= \(bind: d)) THEN 1 ELSE 0 END) AS on_day,
              SUM(CASE WHEN m.from_date <= \(bind: now) AND m.to_date >= \(bind: now) AND m.to_date < \(bind: d) THEN 1 ELSE 0 END) AS leaving
            FROM teams t JOIN team_memberships m ON m.team_id = t.id
            WHERE t.active_from <= \(bind: d) AND (t.active_to IS NULL OR t.active_to >= \(bind: d))\(inProvinces)
            GROUP BY t.id, t.name, t.home_commune_code, t.province_code, t.min_members
            """).all().compactMap { row in
            let team = ShortTeam(teamID: try row.decode(column: "id", as: UUID.self), teamName: try row.decode(column: "name", as: String.self),
                                 communeCode: try row.decode(column: "home_commune_code", as: String.self),
                                 provinceCode: try row.decode(column: "province_code", as: String.self),
                                 membersThatDay: try row.decode(column: "on_day", as: Int.self), minimum: try row.decode(column: "min_members", as: Int.self),
                                 leaving: try row.decode(column: "leaving", as: Int.self))
            return team.shortfall > 0 && team.leaving > 0 ? team : nil
        }.sorted { ($0.provinceCode, $0.communeCode, $0.teamName) < ($1.provinceCode, $1.communeCode, $1.teamName) }
    }

    /// The replacements the planner proposes for those teams from the area's people free that day, local force first.
    static func preview(_ teams: [ShortTeam], on day: LocalDate, provinces: Set<String>?, on db: any Database) async throws -> [UUID: [RotationPage.Replacement]] {
        guard !teams.isEmpty else { return [:] }
        let pool = try await ForcePoolQueries.load(provinces: provinces, today: day, on: db)
        var needs: [ReinforcementPlanner.Need] = [], planned: [ShortTeam] = []
        for team in teams {
            guard let commune = pool.communeIndex[team.communeCode] else { continue }
            var need = ReinforcementPlanner.Need(commune: commune, people: team.shortfall)
            need.preferLocalForce = true
            needs.append(need)
            planned.append(team)
        }
        let plan = pool.planner.plan(needs)
        let ids = plan.moves.map { pool.volunteerIDs[$0.volunteer] }
        let names = try await ids.isEmpty ? [:] : Dictionary(Volunteer.query(on: db).filter(\.$id ~~ ids).all().compactMap { v in v.id.map { ($0, v.fullName) } },
                                                            uniquingKeysWith: { a, _ in a })
        var out: [UUID: [RotationPage.Replacement]] = [:]
        for move in plan.moves {
            let id = pool.volunteerIDs[move.volunteer]
            out[planned[move.need].teamID, default: []].append(.init(name: names[id] ?? "—", reasons: move.reasons.map(\.vietnamese).joined(separator: ", ")))
        }
        return out
    }
}
