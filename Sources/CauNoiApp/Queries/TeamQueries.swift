import CauNoiCore
import Fluent
import SQLKit
import Vapor

/// Reads of teams, their coverage and members; the simulator's bulk load. Changes go through the use
/// cases in `UseCases/Teams`.
enum TeamQueries {
    struct Filter: Sendable, Equatable {
        var commune: String?
        var province: String?
        var kind: TeamKind?
        var text: String?
        var page = 1
        var per = 50
    }

    static func require(_ id: UUID, on db: any Database) async throws -> Team {
        guard let team = try await Team.find(id, on: db) else {
            throw AppError.notFound("đội hình", "team", id.uuidString.lowercased())
        }
        return team
    }

    static func list(_ filter: Filter, scope: ScopeFilter, on db: any Database) async throws -> (items: [Team], total: Int) {
        let query = Team.query(on: db)
        // A team lies in its home commune, in every commune it covers and in itself (`Places.team`).
        var teams = scope.teams
        if !scope.everything, !scope.communes.isEmpty {
            teams.formUnion(try await TeamCoverage.query(on: db).filter(\.$commune.$id ~~ Array(scope.communes)).all().map(\.$team.id))
        }
        guard scope.restrict(query, .init(province: \.$provinceCode, commune: \.$homeCommune.$id, ids: teams, id: \.$id)) else {
            return ([], 0)
        }
        if let commune = filter.commune {
            let covering = try await TeamCoverage.query(on: db).filter(\.$commune.$id == commune).all().map(\.$team.id)
            query.group(.or) { $0.filter(\.$homeCommune.$id == commune).filter(\.$id ~~ covering) }
        }
        if let province = filter.province { query.filter(\.$provinceCode == province) }
        if let kind = filter.kind { query.filter(\.$kind == kind.rawValue) }
        if let text = filter.text {
            for token in OrgUnitQueries.searchTokens(text) {
                query.filter(\.$nameSearch, .contains(inverse: false, .anywhere), token)
            }
        }
        let total = try await query.count()
        let items = try await query.sort(\.$code).range(((filter.page - 1) * filter.per)..<(filter.page * filter.per)).all()
        return (items, total)
    }

    static func coverage(of teamID: UUID, on db: any Database) async throws -> [String] {
        try await TeamCoverage.query(on: db).filter(\.$team.$id == teamID).all().map(\.$commune.id)
    }

    /// List rows: coverage for a whole page of teams in one query instead of one per team.
    static func summaries(_ teams: [Team], on db: any Database) async throws -> [TeamDTO] {
        let ids = teams.compactMap(\.id)
        var coverage: [UUID: [String]] = [:]
        if !ids.isEmpty {
            for row in try await TeamCoverage.query(on: db).filter(\.$team.$id ~~ ids).all() {
                coverage[row.$team.id, default: []].append(row.$commune.id)
            }
        }
        return teams.map { TeamDTO($0, coverage: $0.id.flatMap { coverage[$0] } ?? [], members: nil) }
    }

    static func members(of teamID: UUID, on db: any Database) async throws -> [TeamMemberDTO] {
        let rows = try await TeamMembership.query(on: db).filter(\.$team.$id == teamID).with(\.$volunteer).all()
        return rows
            .map { TeamMemberDTO(volunteerID: $0.$volunteer.id, fullName: $0.volunteer.fullName, from: $0.fromDate, to: $0.toDate) }
            .sorted { ($0.to == nil ? 0 : 1, $0.fullName, $0.from) < ($1.to == nil ? 0 : 1, $1.fullName, $1.from) }
    }

    static func dto(_ team: Team, on db: any Database) async throws -> TeamDTO {
        let id = try team.requireID()
        return TeamDTO(team, coverage: try await coverage(of: id, on: db),
                       members: try await members(of: id, on: db))
    }

    static func bulkRow(_ t: ValidTeam, id: UUID, provinceCode: String, now: Date) -> [any SQLExpression] {
        return [SQLBind(id), SQLBind(t.code ?? id.uuidString), SQLBind(t.name), SQLBind(VietnameseText.fold(t.name)), SQLBind(t.homeCommuneCode),
                SQLBind(provinceCode), SQLBind(t.kind.rawValue), SQLBind(t.leaderID), SQLBind(t.hotline), SQLBind(t.activeFrom.iso),
                SQLBind(t.activeTo?.iso), SQLBind(now), SQLBind(now), SQLBind(t.duty.mask), SQLBind(t.duty.hours), SQLBind(t.duty.note)]
    }

    /// Bulk load for the simulator: teams, their memberships and the members' course completions, in one transaction.
    static func bulkInsert(teams: [[any SQLExpression]], memberships: [[any SQLExpression]], courses: [[any SQLExpression]],
                           on db: any Database) async throws {
        try await db.writeTransaction { db in
            for chunk in teams.chunked(into: 1_000) {
                try await db.sql.insert(into: Team.schema).columns("id", "code", "name", "name_search", "home_commune_code", "province_code",
                                                                   "kind", "leader_id", "hotline", "active_from", "active_to", "created_at", "updated_at",
                                                                   "duty_days", "duty_hours", "schedule_note")
                    .rows(Array(chunk)).run()
            }
            for chunk in memberships.chunked(into: 2_000) {
                try await db.sql.insert(into: TeamMembership.schema).columns("id", "team_id", "volunteer_id", "from_date", "to_date")
                    .rows(Array(chunk)).run()
            }
            for chunk in courses.chunked(into: 2_000) {
                try await db.sql.insert(into: CourseCompletion.schema).columns("id", "volunteer_id", "course_code", "completed_on", "certificate_no", "source")
                    .rows(Array(chunk)).run()
            }
        }
    }
}
