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
        routes.on(.apiTokens, use: list)
        routes.on(.apiTokenIssue, use: create)
        routes.on(.apiTokenRevoke, use: revoke)
    }

    struct CreateInput: Decodable, Sendable {
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

        /// A token with the caller's own role, from the tokens page.
        init(name: String?, days: Int?) {
            self.name = name
            self.days = days
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
        let actor = try req.actor()
        let issued = try await IssueToken.run(try req.content.decode(CreateInput.self), actor: actor, on: req.db)
        return try await TokenDTO(issued.row, token: issued.token).encodeResponse(status: .created, for: req).noStore()
    }

    @Sendable
    func revoke(req: Request) async throws -> TokenDTO {
        let actor = try req.actor()
        let row = try await RevokeToken.run(id: try req.uuidParameter("id"), actor: actor, on: req.db)
        // This node forgets who the revoked tokens belonged to at once; other nodes when CacheSync hears of it (within 1 s).
        req.application.principalCache?.removeAll()
        return TokenDTO(row)
    }
}
