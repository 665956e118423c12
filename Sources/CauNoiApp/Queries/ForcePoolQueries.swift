import CauNoiCore
import Fluent
import Foundation
import SQLKit
import FluentSQLiteDriver

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
        let day = today.iso

        let held = Set(try await sql.raw("""
            SELECT id, volunteer_id FROM reinforcement_moves WHERE status IN ('proposed', 'approved')
            """).all().compactMap { row -> UUID? in
            guard let id = try? row.decode(column: "id", as: UUID.self), !releasing.contains(id) else { return nil }
            return try? row.decode(column: "volunteer_id", as: UUID.self)
        })

        // Teams active that day with their current size and minimum (one row per team, counted in SQL).
        var teamMembers: [UUID: Int] = [:], teamMinimum: [UUID: Int] = [:], teamCommune: [UUID: String] = [:]
        for row in try await sql.raw("""
            SELECT t.id, t.min_members, t.home_commune_code, COUNT(*) AS n FROM team_memberships m
            JOIN teams t ON t.id = m.team_id
            WHERE m.from_date <= \(bind: day) AND (m.to_date IS NULL OR m.to_date >= \(bind: day))
              AND t.active_from <= \(bind: day) AND (t.active_to IS NULL OR t.active_to >= \(bind: day))
            GROUP BY t.id, t.min_members, t.home_commune_code
            """).all() {
            let team = try row.decode(column: "id", as: UUID.self)
            teamMembers[team] = try row.decode(column: "n", as: Int.self)
            teamMinimum[team] = try row.decode(column: "min_members", as: Int.self)
            teamCommune[team] = try row.decode(column: "home_commune_code", as: String.self)
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

        var teamIndex: [UUID: Int32] = [:], spare: [Int] = []
        func index(of team: UUID) -> Int32 {
            if let i = teamIndex[team] { return i }
            let i = Int32(spare.count)
            teamIndex[team] = i
            spare.append(max(0, (teamMembers[team] ?? 0) - (teamMinimum[team] ?? ValidTeam.defaultMinMembers) - (promised[team] ?? 0)))
            return i
        }

        // One row per volunteer (a national pool is 308,000 rows), with the current team and the courses done, skills
        // and force as small integers: reading the rows, not the query, is what costs here.
        let geography = communes
        var volunteers: [ReinforcementPlanner.Volunteer] = [], ids: [UUID] = [], teams: [UUID?] = []
        var byID: [UUID: Int32] = [:]
        volunteers.reserveCapacity(1 << 16)
        for row in try await volunteerRows(day: day, provinces: provinces, on: db) {
            let id = row.id
            guard !held.contains(id), let home = geography.index[row.home] else { continue }
            // A team not active that day is no team.
            let team = row.team.flatMap { teamMembers[$0] == nil ? nil : $0 }
            var days: Int?
            if let latest = lastMove[id].flatMap(LocalDate.init(iso:)) { days = max(0, today.dayNumber - latest.dayNumber) }
            byID[id] = Int32(volunteers.count)
            volunteers.append(.init(
                homeCommune: home, team: team.map(index(of:)) ?? -1,
                teamCommune: team.flatMap { teamCommune[$0] }.flatMap { geography.index[$0] } ?? -1,
                languages: LanguageSet(codes: row.languages), techSkill: Self.level(row.tech), communicationSkill: Self.level(row.talk),
                hasMotorbike: row.bike, daysSinceMove: days, coursesCompleted: row.courses, isLocalForce: row.local))
            ids.append(id)
            teams.append(team)
        }
        return Pool(planner: ReinforcementPlanner(communes: geography.list, volunteers: volunteers, teamSpare: spare),
                    volunteerIDs: ids, currentTeam: teams, index: byID, communeIndex: geography.index)
    }

    static func level(_ n: Int) -> SkillLevel { n >= 2 ? .advanced : n == 1 ? .intermediate : .basic }

    /// One active volunteer of the pool as the planner needs them.
    struct VolunteerRow: Sendable {
        var id: UUID
        var home: String
        var languages: String
        var tech: Int
        var talk: Int
        var bike: Bool
        var local: Bool
        var team: UUID?
        var courses: Int
    }

    /// The pool's volunteers, one row each (a national pool is 308,000 rows), with their current team and courses done,
    /// skills and force as small integers. On SQLite the rows are read straight from the driver: decoding them through
    /// `Codable` took most of a national proposal's time. Only digits and dashes are spliced into the text (a date the
    /// code made, provinces filtered to digits).
    static func volunteerRows(day: String, provinces: Set<String>?, on db: any Database) async throws -> [VolunteerRow] {
        precondition(day.allSatisfy { $0.isNumber || $0 == "-" }, "a date made by LocalDate")
        let inProvinces = ProvinceClause.sql("v.province_code", provinces)
        let text = """
            SELECT v.id, v.home_commune_code, v.languages,
              CASE v.tech_skill WHEN 'advanced' THEN 2 WHEN 'intermediate' THEN 1 ELSE 0 END AS tech,
              CASE v.communication_skill WHEN 'advanced' THEN 2 WHEN 'intermediate' THEN 1 ELSE 0 END AS talk,
              CASE WHEN v.has_motorbike THEN 1 ELSE 0 END AS bike,
              CASE v.force_type WHEN 'local' THEN 1 ELSE 0 END AS local,
              (SELECT m.team_id FROM team_memberships m WHERE m.volunteer_id = v.id AND m.from_date <= '\(day)'
                 AND (m.to_date IS NULL OR m.to_date >= '\(day)') ORDER BY m.from_date DESC LIMIT 1) AS team_id,
              (SELECT COUNT(*) FROM course_completions c WHERE c.volunteer_id = v.id) AS courses
            FROM volunteers v WHERE v.status = 'active'\(inProvinces)
            """
        if let sqlite = db as? any SQLiteDatabase {
            // The connection's own async query hands each row over on the database thread; the pooled one would hop to
            // the event loop once per row (308,000 hops).
            return try await sqlite.withConnection { connection in
                final class Rows: @unchecked Sendable { var items: [VolunteerRow] = [] }
                let rows = Rows()
                try await connection.query(text, []) { row in
                    guard let id = row.column("id")?.string.flatMap(UUIDText.parse), let home = row.column("home_commune_code")?.string else {
                        return
                    }
                    rows.items.append(VolunteerRow(
                        id: id, home: home, languages: row.column("languages")?.string ?? "",
                        tech: Int(row.column("tech")?.integer ?? 0), talk: Int(row.column("talk")?.integer ?? 0),
                        bike: row.column("bike")?.integer == 1, local: row.column("local")?.integer == 1,
                        team: row.column("team_id")?.string.flatMap(UUIDText.parse), courses: Int(row.column("courses")?.integer ?? 0)))
                }
                return rows.items
            }
        }
        return try await db.sql.raw("\(unsafeRaw: text)").all().map { row in
            VolunteerRow(id: try row.decode(column: "id", as: UUID.self), home: try row.decode(column: "home_commune_code", as: String.self),
                         languages: try row.decode(column: "languages", as: String.self), tech: try row.decode(column: "tech", as: Int.self),
                         talk: try row.decode(column: "talk", as: Int.self), bike: try row.decode(column: "bike", as: Int.self) == 1,
                         local: try row.decode(column: "local", as: Int.self) == 1, team: try row.decode(column: "team_id", as: UUID?.self),
                         courses: try row.decode(column: "courses", as: Int.self))
        }
    }
}
