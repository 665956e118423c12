import CauNoiCore
import Fluent
import Vapor

struct TeamController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let teams = routes.grouped("api", "v1", "teams")
        teams.get(use: list)
        teams.post(use: create)
        teams.get(":id", use: show)
        teams.put(":id", use: update)
        teams.post(":id", "members", use: addMember)
        teams.post(":id", "members", ":volunteerID", "end", use: endMember)
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
        _ = try req.requirePrincipal()
        let draft = try req.content.decode(TeamDraft.self)
        let valid = try TeamValidator.validate(draft).get()
        try await Self.authorizePlace(of: valid, req: req, id: nil)
        let team = try await TeamQueries.save(valid, id: nil, audit: req.auditEvent("team.create"), on: req.db)
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
        try await req.authorize(.readTeams, on: place, object: "team", id: dto.id.uuidString.lowercased())
        return req.policy.allows(.readPeople, on: place) ? dto : dto.withoutPeople()
    }

    /// Both where the team is and where it would be after the change must be in the caller's area:
    /// the home commune and every covered commune, each in its own province.
    static func authorizePlace(of valid: ValidTeam, req: Request, id: UUID?) async throws {
        let communes = try await OrgUnitQueries.communes(Set([valid.homeCommuneCode] + valid.coveredCommunes), on: req.db)
        guard let province = communes[valid.homeCommuneCode] else { return }
        let named = Set([valid.homeCommuneCode] + valid.coveredCommunes).filter { communes[$0] != nil }
        let place = RecordPlace(provinceCode: province, communeCodes: named, teamIDs: id.map { [$0] } ?? [],
                                provinceOfCommune: communes)
        try await req.authorize(.writeTeam, on: place, object: "team", id: id?.uuidString.lowercased(), deny: .refuse)
    }

    private func requireTeam(_ req: Request, _ permission: Permission) async throws -> Team {
        let team = try await TeamQueries.require(try req.uuidParameter("id"), on: req.db)
        let place = Places.team(team, coverage: try await TeamQueries.coverage(of: try team.requireID(), on: req.db))
        try await req.authorize(permission, on: place, object: "team", id: team.id?.uuidString.lowercased(), deny: .forbid)
        return team
    }

    /// A member being added or removed must be someone the caller may see.
    private func requireVisibleVolunteer(_ id: UUID, req: Request) async throws {
        let volunteer = try await VolunteerQueries.require(id, on: req.db)
        try await req.authorize(.readPeople, on: try await Places.volunteer(volunteer, on: req.db), object: "volunteer",
                                id: id.uuidString.lowercased())
    }

    @Sendable
    func update(req: Request) async throws -> TeamDTO {
        let id = try req.uuidParameter("id")
        _ = try await requireTeam(req, .writeTeam)
        let valid = try TeamValidator.validate(try req.content.decode(TeamDraft.self)).get()
        try await Self.authorizePlace(of: valid, req: req, id: id)
        return try await TeamQueries.dto(try await TeamQueries.save(valid, id: id, audit: req.auditEvent("team.update"), on: req.db), on: req.db)
    }

    @Sendable
    func addMember(req: Request) async throws -> Response {
        let teamID = try await requireTeam(req, .manageMembers).requireID()
        let draft = try req.content.decode(MembershipDraft.self)
        var errors = FieldErrors()
        let volunteerID = draft.volunteerID.flatMap(UUID.init(uuidString:))
        if volunteerID == nil { errors.add("volunteer_id", "Mã tình nguyện viên không phải UUID hợp lệ.", "volunteer_id is not a valid UUID.") }
        let from = LocalDate(iso: draft.from ?? "")
        if from == nil { errors.add("from", "Ngày vào đội không hợp lệ (YYYY-MM-DD).", "from must be a date (YYYY-MM-DD).") }
        var to: LocalDate?
        if let raw = draft.to.nonEmpty {
            to = LocalDate(iso: raw)
            if to == nil { errors.add("to", "Ngày rời đội không hợp lệ (YYYY-MM-DD).", "to must be a date (YYYY-MM-DD).") }
        }
        if let from, let to, to < from { errors.add("to", "Ngày rời đội phải sau ngày vào đội.", "to must not precede from.") }
        try errors.throwIfAny()
        guard let volunteerID, let from else { throw AppError.server }
        try await requireVisibleVolunteer(volunteerID, req: req)
        try await TeamQueries.join(teamID: teamID, volunteerID: volunteerID, from: from, to: to, audit: req.auditEvent("team.member_join"), on: req.db)
        let team = try await TeamQueries.require(teamID, on: req.db)
        return try await TeamQueries.dto(team, on: req.db).encodeResponse(status: .created, for: req)
    }

    @Sendable
    func endMember(req: Request) async throws -> TeamDTO {
        let teamID = try await requireTeam(req, .manageMembers).requireID()
        let volunteerID = try req.uuidParameter("volunteerID")
        let draft = try req.content.decode(EndMembershipDraft.self)
        guard let to = LocalDate(iso: draft.to ?? "") else {
            throw AppError.validation([FieldError(field: "to", message: "Ngày rời đội không hợp lệ (YYYY-MM-DD).",
                                                  messageEN: "to must be a date (YYYY-MM-DD).")])
        }
        try await TeamQueries.leave(teamID: teamID, volunteerID: volunteerID, on: to, audit: req.auditEvent("team.member_leave"), on: req.db)
        return try await TeamQueries.dto(try await TeamQueries.require(teamID, on: req.db), on: req.db)
    }
}
