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
        let result = try await TeamQueries.list(filter, on: req.db)
        var items: [TeamDTO] = []
        for team in result.items { items.append(try await TeamQueries.dto(team, on: req.db, withMembers: false)) }
        return Paged(items: items, page: filter.page, per: filter.per, total: result.total)
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        let draft = try req.content.decode(TeamDraft.self)
        let valid = try TeamValidator.validate(draft).get()
        let team = try await TeamQueries.save(valid, id: nil, on: req.db)
        return try await TeamQueries.dto(team, on: req.db).encodeResponse(status: .created, for: req)
    }

    @Sendable
    func show(req: Request) async throws -> TeamDTO {
        try await TeamQueries.dto(try await TeamQueries.require(try req.uuidParameter("id"), on: req.db), on: req.db)
    }

    @Sendable
    func update(req: Request) async throws -> TeamDTO {
        let id = try req.uuidParameter("id")
        _ = try await TeamQueries.require(id, on: req.db)
        let valid = try TeamValidator.validate(try req.content.decode(TeamDraft.self)).get()
        return try await TeamQueries.dto(try await TeamQueries.save(valid, id: id, on: req.db), on: req.db)
    }

    @Sendable
    func addMember(req: Request) async throws -> Response {
        let teamID = try req.uuidParameter("id")
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
        try await TeamQueries.join(teamID: teamID, volunteerID: volunteerID, from: from, to: to, on: req.db)
        let team = try await TeamQueries.require(teamID, on: req.db)
        return try await TeamQueries.dto(team, on: req.db).encodeResponse(status: .created, for: req)
    }

    @Sendable
    func endMember(req: Request) async throws -> TeamDTO {
        let teamID = try req.uuidParameter("id")
        let volunteerID = try req.uuidParameter("volunteerID")
        let draft = try req.content.decode(EndMembershipDraft.self)
        guard let to = LocalDate(iso: draft.to ?? "") else {
            throw AppError.validation([FieldError(field: "to", message: "Ngày rời đội không hợp lệ (YYYY-MM-DD).",
                                                  messageEN: "to must be a date (YYYY-MM-DD).")])
        }
        try await TeamQueries.leave(teamID: teamID, volunteerID: volunteerID, on: to, on: req.db)
        return try await TeamQueries.dto(try await TeamQueries.require(teamID, on: req.db), on: req.db)
    }
}
