import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// The people a proposal may move, read in a few set queries (a national pool is 308,000 volunteers): active
/// volunteers of the area with their current team, the team's spare members above its minimum, recent moves and
/// completed courses; volunteers already held by a live proposal are left out.
enum ForcePoolQueries {
    struct Pool {
        var planner: ReinforcementPlanner
        var volunteerIDs: [UUID]
        var currentTeam: [UUID?]
        var index: [UUID: Int32]
        var communeIndex: [String: Int32]
    }

    /// Communes with coordinates and their provinces, built once from the shipped resources.
    static let communes: (list: [ReinforcementPlanner.Commune], index: [String: Int32]) = {
        let provinceOf = Dictionary(UnitDirectoryResource.directory.entries.map { ($0.unit.code, $0.provinceCode) }, uniquingKeysWith: { a, _ in a })
        let list = HelpLocations.locations.points.map {
            ReinforcementPlanner.Commune(code: $0.code, provinceCode: provinceOf[$0.code] ?? "", latitude: $0.latitude, longitude: $0.longitude)
        }
        return (list, Dictionary(list.enumerated().map { ($0.element.code, Int32($0.offset)) }, uniquingKeysWith: { a, _ in a }))
    }()

    /// - Parameters:
    ///   - provinces: the pool's provinces, nil for the whole nation.
    ///   - releasing: live moves that are about to be replaced, whose volunteers count as free.
    static func load(provinces: Set<String>?, today: LocalDate, releasing: Set<UUID> = [], on db: any Database) async throws -> Pool {
        let sql = db.sql
        let inProvinces: SQLQueryString = provinces.map { p in
            p.isEmpty ? " AND 1 = 0" : " AND v.province_code IN (\(unsafeRaw: p.sorted().map { "'\($0.filter(\.isNumber))'" }.joined(separator: ",")))"
        } ?? ""
        let day = today.iso

        let held = Set(try await sql.raw("""
            SELECT id, volunteer_id FROM reinforcement_moves WHERE status IN ('proposed', 'approved')
            """).all().compactMap { row -> UUID? in
            guard let id = try? row.decode(column: "id", as: UUID.self), !releasing.contains(id) else { return nil }
            return try? row.decode(column: "volunteer_id", as: UUID.self)
        })

        // Current memberships (of everyone: a team's size counts all its members), and each team's minimum.
        var teamMembers: [UUID: Int] = [:], teamMinimum: [UUID: Int] = [:], teamCommune: [UUID: String] = [:]
        var currentTeam: [UUID: UUID] = [:]
        for row in try await sql.raw("""
            SELECT m.volunteer_id, m.team_id, t.min_members, t.home_commune_code FROM team_memberships m
            JOIN teams t ON t.id = m.team_id
            WHERE m.from_date <= \(bind: day) AND (m.to_date IS NULL OR m.to_date >= \(bind: day))
              AND t.active_from <= \(bind: day) AND (t.active_to IS NULL OR t.active_to >= \(bind: day))
            """).all() {
            let team = try row.decode(column: "team_id", as: UUID.self)
            teamMembers[team, default: 0] += 1
            teamMinimum[team] = try row.decode(column: "min_members", as: Int.self)
            teamCommune[team] = try row.decode(column: "home_commune_code", as: String.self)
            currentTeam[try row.decode(column: "volunteer_id", as: UUID.self)] = team
        }
        // Members a team has already promised elsewhere count as gone.
        var promised: [UUID: Int] = [:]
        for row in try await sql.raw("""
            SELECT id, from_team_id FROM reinforcement_moves WHERE status IN ('proposed', 'approved') AND from_team_id IS NOT NULL
            """).all() {
            guard let id = try? row.decode(column: "id", as: UUID.self), !releasing.contains(id) else { continue }
            promised[try row.decode(column: "from_team_id", as: UUID.self), default: 0] += 1
        }

        var lastMove: [UUID: String] = [:]
        for row in try await sql.raw("""
            SELECT volunteer_id, MAX(from_date) AS latest FROM team_memberships GROUP BY volunteer_id HAVING COUNT(*) > 1
            """).all() {
            lastMove[try row.decode(column: "volunteer_id", as: UUID.self)] = try row.decode(column: "latest", as: String.self)
        }
        var courses: [UUID: Int] = [:]
        for row in try await sql.raw("SELECT volunteer_id, COUNT(*) AS n FROM course_completions GROUP BY volunteer_id").all() {
            courses[try row.decode(column: "volunteer_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
        }

        var teamIndex: [UUID: Int32] = [:], spare: [Int] = []
        func index(of team: UUID) -> Int32 {
            if let i = teamIndex[team] { return i }
            let i = Int32(spare.count)
            teamIndex[team] = i
            spare.append(max(0, (teamMembers[team] ?? 0) - (teamMinimum[team] ?? ValidTeam.defaultMinMembers) - (promised[team] ?? 0)))
            return i
        }

        let geography = communes
        var volunteers: [ReinforcementPlanner.Volunteer] = [], ids: [UUID] = [], teams: [UUID?] = []
        var byID: [UUID: Int32] = [:]
        for row in try await sql.raw("""
            SELECT v.id, v.home_commune_code, v.languages, v.tech_skill, v.communication_skill, v.has_motorbike, v.force_type FROM volunteers v
            WHERE v.status = 'active'\(inProvinces)
            """).all() {
            let id = try row.decode(column: "id", as: UUID.self)
            guard !held.contains(id), let home = geography.index[try row.decode(column: "home_commune_code", as: String.self)] else { continue }
            let team = currentTeam[id]
            var days: Int?
            if let latest = lastMove[id].flatMap(LocalDate.init(iso:)) { days = max(0, today.dayNumber - latest.dayNumber) }
            byID[id] = Int32(volunteers.count)
            volunteers.append(.init(
                homeCommune: home, team: team.map(index(of:)) ?? -1,
                teamCommune: team.flatMap { teamCommune[$0] }.flatMap { geography.index[$0] } ?? -1,
                languages: LanguageSet(codes: try row.decode(column: "languages", as: String.self)),
                techSkill: SkillLevel(rawValue: try row.decode(column: "tech_skill", as: String.self)) ?? .basic,
                communicationSkill: SkillLevel(rawValue: try row.decode(column: "communication_skill", as: String.self)) ?? .basic,
                hasMotorbike: try row.decode(column: "has_motorbike", as: Bool.self),
                daysSinceMove: days, coursesCompleted: courses[id] ?? 0,
                isLocalForce: try row.decode(column: "force_type", as: String.self) == ForceType.local.rawValue))
            ids.append(id)
            teams.append(team)
        }
        return Pool(planner: ReinforcementPlanner(communes: geography.list, volunteers: volunteers, teamSpare: spare),
                    volunteerIDs: ids, currentTeam: teams, index: byID, communeIndex: geography.index)
    }
}
