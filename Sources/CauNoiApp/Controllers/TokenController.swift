import CauNoiCore
import Fluent
import Vapor

struct TokenDTO: Content, Equatable {
    var id: UUID
    var name: String
    var role: String
    var unitCode: String?
    var teamID: UUID?
    var expiresAt: Date
    var revoked: Bool
    /// Only in the answer that creates the token: it is never shown again.
    var token: String?

    enum CodingKeys: String, CodingKey {
        case id, name, role, unitCode = "unit_code", teamID = "team_id", expiresAt = "expires_at", revoked, token
    }

    init(_ row: APIToken, token: String? = nil) {
        id = row.id ?? UUID()
        name = row.name
        role = row.role
        unitCode = row.unitCode
        teamID = row.teamID
        expiresAt = row.expiresAt
        revoked = row.revokedAt != nil
        self.token = token
    }
}

struct TokenController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let tokens = routes.grouped("api", "v1", "tokens")
        tokens.get(use: list)
        tokens.post(use: create)
        tokens.post(":id", "revoke", use: revoke)
    }

    struct CreateInput: Content {
        var name: String?
        var role: String?
        var unitCode: String?
        var teamID: String?
        var volunteerID: String?
        var days: Int?
        enum CodingKeys: String, CodingKey {
            case name, role, unitCode = "unit_code", teamID = "team_id", volunteerID = "volunteer_id", days
        }
    }

    @Sendable
    func list(req: Request) async throws -> [TokenDTO] {
        let principal = try req.requirePrincipal()
        return try await APIToken.query(on: req.db).filter(\.$user.$id == principal.userID).sort(\.$createdAt, .descending).all()
            .map { TokenDTO($0) }
    }

    /// A token carries one assignment, the caller's own or narrower, for at most a year.
    @Sendable
    func create(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let input = try req.content.decode(CreateInput.self)
        var errors = FieldErrors()
        let name = input.name?.trimmingCharacters(in: .whitespaces) ?? ""
        if name.isEmpty || name.count > 80 { errors.add("name", "Đặt tên cho mã truy cập (tối đa 80 ký tự), ví dụ \"Điện thoại đội 00070-1\".", "Name the token (≤ 80 characters).") }
        let days = input.days ?? 90
        if !(1...TokenStore.maxLifetimeDays).contains(days) { errors.add("days", "Thời hạn từ 1 đến 365 ngày.", "days must be 1–365.") }
        var assignment = principal.primary
        if input.role != nil {
            assignment = UserValidator.assignment(
                AssignmentDraft(role: input.role, unitCode: input.unitCode, teamID: input.teamID, volunteerID: input.volunteerID),
                field: "assignment", errors: &errors)
        }
        try errors.throwIfAny()
        guard let assignment else { throw AppError.noPermission }
        let place = try await Places.of(assignment, on: req.db)
        guard principal.policy.assignments.contains(where: { $0.contains(assignment, at: place) }) else {
            try await Audit.recordAlone(req.auditEvent("permission_denied", "api_token", nil, province: place.provinceCode, outcome: .denied,
                                                       detail: "token broader than holder"), on: req.db)
            throw AppError.forbidden(vi: "Chỉ được cấp mã truy cập trong phạm vi quyền của bạn hoặc hẹp hơn.",
                                     en: "A token may only carry your own scope or a narrower one.")
        }
        let now = req.application.appConfig.now()
        let event = req.auditEvent("api_token.create", "api_token", nil, province: place.provinceCode)
        let issued = try await req.db.writeTransaction { db in
            let issued = try await TokenStore.issue(userID: principal.userID, name: name, assignment: assignment, days: days, now: now, on: db)
            try await Audit.record(event.object("api_token", issued.row.id?.uuidString.lowercased(), province: place.provinceCode), on: db)
            return issued
        }
        let response = try await TokenDTO(issued.row, token: issued.token).encodeResponse(status: .created, for: req)
        return response.noStore()
    }

    @Sendable
    func revoke(req: Request) async throws -> TokenDTO {
        let principal = try req.requirePrincipal()
        let id = try req.uuidParameter("id")
        guard let row = try await APIToken.find(id, on: req.db),
              row.$user.id == principal.userID || principal.policy.isNational(for: .manageUsers) else {
            throw AppError.notFound("mã truy cập", "token", id.uuidString.lowercased())
        }
        row.revokedAt = req.application.appConfig.now()
        let event = req.auditEvent("api_token.revoke", "api_token", id.uuidString.lowercased())
        try await req.db.writeTransaction { db in
            try await row.save(on: db)
            try await Audit.record(event, on: db)
        }
        req.application.principalCache?.removeAll()
        return TokenDTO(row)
    }
}
