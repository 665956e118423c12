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

    static func bulkRow(_ t: ValidTeam, id: UUID, provinceCode: String, now: Date) -> [BoundValue] {
        [.uuid(id), .text(t.code ?? id.uuidString), .text(t.name), .text(VietnameseText.fold(t.name)), .text(t.homeCommuneCode),
         .text(provinceCode), .text(t.kind.rawValue), t.leaderID.map(BoundValue.uuid) ?? .null, .optional(t.hotline), .text(t.activeFrom.iso),
         .optional(t.activeTo?.iso), .date(now), .date(now), .integer(t.duty.mask), .optional(t.duty.hours), .optional(t.duty.note)]
    }

    /// Bulk load for the simulator, in the caller's transaction: teams (`bulkRow`s), their memberships (id, team, volunteer,
    /// from, to) and the members' course completions (id, volunteer, course, completed on, certificate, source), each the
    /// values of its rows one after another.
    static func insertBulk(teams: [BoundValue], memberships: [BoundValue], courses: [BoundValue], on db: any Database) async throws {
        try await Bulk.teams.run(teams, on: db)
        try await Bulk.memberships.run(memberships, on: db)
        try await Bulk.courses.run(courses, on: db)
    }

    private static let bulkColumns = ["id", "code", "name", "name_search", "home_commune_code", "province_code", "kind", "leader_id", "hotline",
                              "active_from", "active_to", "created_at", "updated_at", "duty_days", "duty_hours", "schedule_note"]

    /// Without SQLKit: a seed-scale load writes close to a million of these rows.
    private enum Bulk {
        static let teams = RawInsert(table: Team.schema, columns: bulkColumns, rowsPerStatement: 1_000)
        static let memberships = RawInsert(table: TeamMembership.schema, columns: ["id", "team_id", "volunteer_id", "from_date", "to_date"],
                                           rowsPerStatement: 2_000)
        static let courses = RawInsert(table: CourseCompletion.schema,
                                       columns: ["id", "volunteer_id", "course_code", "completed_on", "certificate_no", "source"], rowsPerStatement: 2_000)
    }
}
