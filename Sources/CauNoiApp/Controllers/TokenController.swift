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
        /// `"days": null` is refused, not read as "the default": the document says integer.
        var daysIsNull = false
        enum CodingKeys: String, CodingKey {
            case name, role, unitCode = "unit_code", teamID = "team_id", volunteerID = "volunteer_id", days
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            role = try c.decodeIfPresent(String.self, forKey: .role)
            unitCode = try c.decodeIfPresent(String.self, forKey: .unitCode)
            teamID = try c.decodeIfPresent(String.self, forKey: .teamID)
            volunteerID = try c.decodeIfPresent(String.self, forKey: .volunteerID)
            daysIsNull = try c.contains(.days) && c.decodeNil(forKey: .days)
            days = daysIsNull ? nil : try c.decodeIfPresent(Int.self, forKey: .days)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(name, forKey: .name)
            try c.encodeIfPresent(role, forKey: .role)
            try c.encodeIfPresent(unitCode, forKey: .unitCode)
            try c.encodeIfPresent(teamID, forKey: .teamID)
            try c.encodeIfPresent(volunteerID, forKey: .volunteerID)
            try c.encodeIfPresent(days, forKey: .days)
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
        let name = FreeText.check(input.name, field: "name", maxLength: 80, required: true, errors: &errors) ?? ""
        let days = input.days ?? 90
        if input.daysIsNull || !(1...TokenStore.maxLifetimeDays).contains(days) {
            errors.add("days", "Thời hạn là số ngày từ 1 đến 365 (bỏ trống để lấy 90 ngày).", "days must be an integer 1–365 (omit it for 90).")
        }
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
        let parentID: UUID? = if case .token(let id) = principal.via { id } else { nil }
        let issued = try await req.db.writeTransaction { db in
            let parent = try await parentID.asyncMap { try await APIToken.find($0, on: db) } ?? nil
            if parentID != nil, parent?.revokedAt != nil || parent == nil { throw AppError.unauthenticated }
            let issued = try await TokenStore.issue(userID: principal.userID, name: name, assignment: assignment, days: days, now: now,
                                                    parent: parent, on: db)
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
        let now = req.application.appConfig.now()
        let assignment = Role(rawValue: row.role).map { RoleAssignment(role: $0, unitCode: row.unitCode, teamID: row.teamID, volunteerID: row.volunteerID) }
        let province = try await Places.province(of: assignment.map { [$0] } ?? [], on: req.db)
        let event = req.auditEvent("api_token.revoke", "api_token", id.uuidString.lowercased(), province: province)
        try await req.db.writeTransaction { db in
            let revoked = try await TokenStore.revoke(id, now: now, on: db)
            var recorded = event
            recorded.detail = revoked > 1 ? "with \(revoked - 1) token(s) made with it" : nil
            try await Audit.record(recorded, on: db)
        }
        req.application.principalCache?.removeAll()
        return TokenDTO(try await APIToken.find(id, on: req.db) ?? row)
    }
}
