import CauNoiCore
import Fluent
import Vapor

struct UserDTO: Content, Equatable {
    var id: UUID
    var username: String
    var displayName: String
    var isActive: Bool
    var assignments: [RoleAssignment]
    /// Only when the user was just created: the one-time link with which they set their password.
    var setupLink: String?

    enum CodingKeys: String, CodingKey {
        case id, username, displayName = "display_name", isActive = "is_active", assignments, setupLink = "setup_link"
    }
}

/// Accounts are created by admins for their own area or narrower; nobody can grant what they do not hold.
struct UserController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let users = routes.grouped("api", "v1", "users")
        users.post(use: create)
        users.get(":id", use: show)
        users.post(":id", "disable", use: disable)
        users.post(":id", "end-sessions", use: endSessions)
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let valid = try UserValidator.validate(try req.content.decode(UserDraft.self)).get()
        for assignment in valid.assignments {
            try await requireContains(assignment, principal: principal, req: req)
        }
        let now = req.application.appConfig.now()
        let province = try await Places.province(of: valid.assignments, on: req.db)
        let (user, token) = try await SetupLinks.createUser(valid, audit: req.auditEvent("user.create", province: province), now: now, on: req.db)
        let dto = UserDTO(id: try user.requireID(), username: user.username, displayName: user.displayName, isActive: true,
                          assignments: valid.assignments, setupLink: SetupLinks.url(token, publicURL: req.application.appConfig.publicURL))
        return try await dto.encodeResponse(status: .created, for: req).noStore()
    }

    @Sendable
    func show(req: Request) async throws -> UserDTO {
        let (user, assignments) = try await managedUser(req)
        return UserDTO(id: try user.requireID(), username: user.username, displayName: user.displayName, isActive: user.isActive,
                       assignments: assignments, setupLink: nil)
    }

    /// Disabling ends every session at once; tokens stop working because their owner is inactive.
    @Sendable
    func disable(req: Request) async throws -> UserDTO {
        let (user, assignments) = try await managedUser(req)
        let userID = try user.requireID()
        user.isActive = false
        let event = req.auditEvent("user.disable", "user", userID.uuidString.lowercased(),
                                   province: try await Places.province(of: assignments, on: req.db))
        try await req.db.writeTransaction { db in
            try await user.save(on: db)
            try await SessionStore.endAll(userID: userID, on: db)
            try await Audit.record(event, on: db)
        }
        req.application.principalCache?.removeAll()
        return UserDTO(id: userID, username: user.username, displayName: user.displayName, isActive: false, assignments: assignments, setupLink: nil)
    }

    struct EndedDTO: Content { var ended: Int }

    @Sendable
    func endSessions(req: Request) async throws -> EndedDTO {
        let (user, assignments) = try await managedUser(req)
        let userID = try user.requireID()
        let event = req.auditEvent("user.end_sessions", "user", userID.uuidString.lowercased(),
                                   province: try await Places.province(of: assignments, on: req.db))
        let ended = try await req.db.writeTransaction { db in
            let ended = try await SessionStore.endAll(userID: userID, on: db)
            try await Audit.record(event, on: db)
            return ended
        }
        req.application.principalCache?.removeAll()
        return EndedDTO(ended: ended)
    }

    /// A user the caller may manage: every one of their assignments lies within one of the caller's.
    private func managedUser(_ req: Request) async throws -> (User, [RoleAssignment]) {
        let principal = try req.requirePrincipal()
        let id = try req.uuidParameter("id")
        guard let user = try await User.find(id, on: req.db) else { throw AppError.notFound("tài khoản", "user", id.uuidString.lowercased()) }
        let assignments = try await AssignmentStore.assignments(of: id, on: req.db)
        for assignment in assignments {
            do {
                try await requireContains(assignment, principal: principal, req: req)
            } catch {
                throw AppError.notFound("tài khoản", "user", id.uuidString.lowercased())
            }
        }
        return (user, assignments)
    }

    private func requireContains(_ assignment: RoleAssignment, principal: Principal, req: Request) async throws {
        let place = try await Places.of(assignment, on: req.db)
        let allowed = principal.policy.areas(for: .manageUsers).contains { $0.contains(assignment, at: place) }
        if !allowed {
            try await Audit.recordAlone(req.auditEvent("permission_denied", "user", nil, province: place.provinceCode, outcome: .denied,
                                                       detail: "assign \(assignment.role.rawValue)"), on: req.db)
            throw AppError.forbidden(vi: "Chỉ được cấp vai trò trong phạm vi quản lý của bạn.",
                                     en: "You may only grant roles within your own scope.")
        }
    }
}
