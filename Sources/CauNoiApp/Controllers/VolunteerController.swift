import CauNoiCore
import Fluent
import Vapor

struct VolunteerController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.apiVolunteers, use: list)
        routes.on(.apiVolunteerCreate, use: create)
        routes.on(.apiVolunteer, use: show)
        routes.on(.apiVolunteerUpdate, use: update)
        routes.on(.apiVolunteerCourse, use: recordCourse)
    }

    struct ListParameters: Content {
        var commune: String?
        var province: String?
        var q: String?
        var status: String?
        var page: Int?
        var per: Int?
    }

    @Sendable
    func list(req: Request) async throws -> Paged<VolunteerSummaryDTO> {
        let parameters = try req.query.decode(ListParameters.self)
        var errors = FieldErrors()
        var filter = VolunteerQueries.Filter()
        filter.commune = parameters.commune.nonEmpty
        filter.province = parameters.province.nonEmpty
        filter.text = parameters.q.nonEmpty
        if let raw = parameters.status.nonEmpty {
            filter.status = VolunteerStatus(rawValue: raw)
            if filter.status == nil { errors.add("status", "Trạng thái không hợp lệ.", "Unknown status.") }
        }
        Pagination.apply(page: parameters.page, per: parameters.per, max: VolunteerQueries.maxPer,
                         to: &filter.page, &filter.per, errors: &errors)
        try errors.throwIfAny()
        let scope = try await req.scope(for: .readPeople)
        let result = try await VolunteerQueries.list(filter, scope: scope, on: req.db)
        let policy = req.policy
        let items = result.items.map { v in
            VolunteerSummaryDTO(v, showPhone: policy.allows(.readPersonalFields, on: Places.home(of: v)))
        }
        return Paged(items: items, page: filter.page, per: filter.per, total: result.total)
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        let actor = try req.actor()
        let volunteer = try await SaveVolunteer.run(try req.content.decode(VolunteerDraft.self), id: nil, actor: actor, on: req.db)
        return try await VolunteerDTO(volunteer, courses: []).encodeResponse(status: .created, for: req)
    }

    @Sendable
    func show(req: Request) async throws -> VolunteerDTO {
        let id = try req.uuidParameter("id")
        let volunteer = try await VolunteerQueries.require(id, on: req.db)
        let place = try await Places.volunteer(volunteer, on: req.db)
        try await req.authorize(.readPeople, on: place, object: .volunteer, id: id.uuidString.lowercased())
        let dto = VolunteerDTO(volunteer, courses: try await VolunteerQueries.courses(of: id, on: req.db))
        return req.policy.allows(.readPersonalFields, on: place) ? dto : dto.withoutPersonalFields()
    }

    @Sendable
    func update(req: Request) async throws -> VolunteerDTO {
        let actor = try req.actor()
        let id = try req.uuidParameter("id")
        let volunteer = try await SaveVolunteer.run(try req.content.decode(VolunteerDraft.self), id: id, actor: actor, on: req.db)
        return VolunteerDTO(volunteer, courses: try await VolunteerQueries.courses(of: id, on: req.db))
    }

    @Sendable
    func recordCourse(req: Request) async throws -> Response {
        let actor = try req.actor()
        let row = try await RecordCourse.run(volunteerID: try req.uuidParameter("id"), try req.content.decode(CourseCompletionDraft.self),
                                             actor: actor, on: req.db)
        return try await CourseCompletionDTO(row).encodeResponse(status: .created, for: req)
    }
}

enum Pagination {
    static func apply(page: Int?, per: Int?, max: Int, to pageOut: inout Int, _ perOut: inout Int, errors: inout FieldErrors) {
        if let page {
            if page >= 1 && page <= 100_000 { pageOut = page } else { errors.add("page", "page phải từ 1.", "page must be ≥ 1.") }
        }
        if let per {
            if (1...max).contains(per) { perOut = per } else { errors.add("per", "per phải từ 1 đến \(max).", "per must be 1–\(max).") }
        }
    }
}

extension Request {
    /// A path id that is not a UUID is simply not found (404), never a server error.
    func uuidParameter(_ name: String) throws -> UUID {
        let raw = parameters.get(name) ?? ""
        guard let id = UUID(uuidString: raw) else {
            throw AppError.notFound(vi: "Không tìm thấy: \"\(raw)\" không phải mã hợp lệ.", en: "Not found: \"\(raw)\" is not a valid id.")
        }
        return id
    }
}

extension Optional where Wrapped == String {
    var nonEmpty: String? {
        guard let value = self?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }
}

extension String {
    /// Nil for "" (columns that store "" for "none").
    var nonEmpty: String? { isEmpty ? nil : self }
}
