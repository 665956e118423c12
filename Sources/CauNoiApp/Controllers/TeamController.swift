import CauNoiCore
import Fluent
import Vapor

struct TeamController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.apiTeams, use: list)
        routes.on(.apiTeamCreate, use: create)
        routes.on(.apiTeam, use: show)
        routes.on(.apiTeamUpdate, use: update)
        routes.on(.apiTeamJoin, use: addMember)
        routes.on(.apiTeamLeave, use: endMember)
    }

    struct ListParameters: Content {
        var commune: String?
        var province: String?
        var kind: String?
        var q: String?
        var page: Int?
        var per: Int?
    }

    @Sendable
    func list(req: Request) async throws -> Paged<TeamDTO> {
        let parameters = try req.query.decode(ListParameters.self)
        var errors = FieldErrors()
        var filter = TeamQueries.Filter()
        filter.commune = parameters.commune.nonEmpty
        filter.province = parameters.province.nonEmpty
        filter.text = parameters.q.nonEmpty
        if let raw = parameters.kind.nonEmpty {
            filter.kind = TeamKind(rawValue: raw)
            if filter.kind == nil { errors.add("kind", "Loại đội hình không hợp lệ.", "Unknown team kind.") }
        }
        Pagination.apply(page: parameters.page, per: parameters.per, max: 200, to: &filter.page, &filter.per, errors: &errors)
        try errors.throwIfAny()
        let scope = try await req.scope(for: .readTeams)
        let result = try await TeamQueries.list(filter, scope: scope, on: req.db)
        let items = try await TeamQueries.summaries(result.items, on: req.db)
        return Paged(items: items, page: filter.page, per: filter.per, total: result.total)
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        let actor = try req.actor()
        let team = try await SaveTeam.run(try req.content.decode(TeamDraft.self), id: nil, actor: actor, on: req.db)
        return try await TeamQueries.dto(team, on: req.db).encodeResponse(status: .created, for: req)
    }

    @Sendable
    func show(req: Request) async throws -> TeamDTO {
        let team = try await TeamQueries.require(try req.uuidParameter("id"), on: req.db)
        return try await Self.visibleDTO(team, req: req)
    }

    /// Observers see a team and how many members it has, not who they are.
    static func visibleDTO(_ team: Team, req: Request) async throws -> TeamDTO {
        let dto = try await TeamQueries.dto(team, on: req.db)
        let place = Places.team(team, coverage: dto.coveredCommunes)
        try await req.authorize(.readTeams, on: place, object: .team, id: dto.id.uuidString.lowercased())
        return req.policy.allows(.readPeople, on: place) ? dto : dto.withoutPeople()
    }

    @Sendable
    func update(req: Request) async throws -> TeamDTO {
        let actor = try req.actor()
        let team = try await SaveTeam.run(try req.content.decode(TeamDraft.self), id: try req.uuidParameter("id"), actor: actor, on: req.db)
        return try await TeamQueries.dto(team, on: req.db)
    }

    @Sendable
    func addMember(req: Request) async throws -> Response {
        let actor = try req.actor()
        let team = try await JoinTeam.run(teamID: try req.uuidParameter("id"), try req.content.decode(MembershipDraft.self), actor: actor, on: req.db)
        return try await TeamQueries.dto(team, on: req.db).encodeResponse(status: .created, for: req)
    }

    @Sendable
    func endMember(req: Request) async throws -> TeamDTO {
        let actor = try req.actor()
        let team = try await LeaveTeam.run(teamID: try req.uuidParameter("id"), volunteerID: try req.uuidParameter("volunteerID"),
                                           try req.content.decode(EndMembershipDraft.self), actor: actor, on: req.db)
        return try await TeamQueries.dto(team, on: req.db)
    }
}
