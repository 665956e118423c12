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
        routes.on(.apiUserCreate, use: create)
        routes.on(.apiUser, use: show)
        routes.on(.apiUserDisable, use: disable)
        routes.on(.apiUserEndSessions, use: endSessions)
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        let actor = try req.actor()
        let (user, token, assignments) = try await CreateAccount.run(try req.content.decode(UserDraft.self), actor: actor, on: req.db)
        let dto = UserDTO(id: try user.requireID(), username: user.username, displayName: user.displayName, isActive: true,
                          assignments: assignments, setupLink: SetupLinks.url(token, publicURL: req.application.appConfig.publicURL))
        return try await dto.encodeResponse(status: .created, for: req).noStore()
    }

    @Sendable
    func show(req: Request) async throws -> UserDTO {
        let (user, assignments) = try await ManageUser.require(try req.uuidParameter("id"), actor: try req.actor(), on: req.db)
        return UserDTO(id: try user.requireID(), username: user.username, displayName: user.displayName, isActive: user.isActive,
                       assignments: assignments, setupLink: nil)
    }

    /// Disabling ends every session at once; tokens stop working because their owner is inactive.
    @Sendable
    func disable(req: Request) async throws -> UserDTO {
        let (user, assignments) = try await ManageUser.disable(try req.uuidParameter("id"), actor: try req.actor(), on: req.db)
        req.application.principalCache?.removeAll()
        return UserDTO(id: try user.requireID(), username: user.username, displayName: user.displayName, isActive: false,
                       assignments: assignments, setupLink: nil)
    }

    struct EndedDTO: Content { var ended: Int }

    @Sendable
    func endSessions(req: Request) async throws -> EndedDTO {
        let ended = try await ManageUser.endSessions(try req.uuidParameter("id"), actor: try req.actor(), on: req.db)
        req.application.principalCache?.removeAll()
        return EndedDTO(ended: ended)
    }
}
