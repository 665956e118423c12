import CauNoiCore
import Fluent
import Vapor

/// Who is asking, and with which assignments.
struct Principal: Authenticatable, Sendable {
    enum Via: Sendable, Equatable {
        case session(tokenHash: String, csrfToken: String)
        case token(UUID)
    }

    let userID: UUID
    let username: String
    let displayName: String
    let policy: AccessPolicy
    let via: Via

    /// The broadest assignment: what audit rows record as "role" and "unit".
    var primary: RoleAssignment? { policy.assignments.first }

    var csrfToken: String? {
        if case .session(_, let csrf) = via { return csrf }
        return nil
    }
}

extension Request {
    var principal: Principal? { auth.get(Principal.self) }

    var policy: AccessPolicy { principal?.policy ?? AccessPolicy(assignments: []) }

    /// 401 for anyone not signed in.
    func requirePrincipal() throws -> Principal {
        guard let principal else { throw AppError.unauthenticated }
        return principal
    }

    /// The client's address: the socket peer, or, when that peer is a trusted proxy, the nearest
    /// X-Forwarded-For hop that is not one (`ClientAddress.resolve`).
    var clientIP: String {
        let config = application.appConfig
        return ClientAddress.resolve(peer: remoteAddress?.ipAddress, forwardedFor: headers[canonicalForm: "X-Forwarded-For"].map(String.init),
                                     trustProxy: config.trustProxy, trustedProxies: config.trustedProxies)
    }
}

enum AssignmentStore {
    static func assignments(of userID: UUID, on db: any Database) async throws -> [RoleAssignment] {
        try await RoleAssignmentRow.query(on: db).filter(\.$user.$id == userID).all().compactMap { row in
            Role(rawValue: row.role).map { RoleAssignment(role: $0, unitCode: row.unitCode, teamID: row.teamID, volunteerID: row.volunteerID) }
        }
    }

    static func add(_ assignment: RoleAssignment, to userID: UUID, on db: any Database) async throws {
        let row = RoleAssignmentRow()
        row.id = UUIDv7.make()
        row.$user.id = userID
        row.role = assignment.role.rawValue
        row.unitCode = assignment.unitCode
        row.teamID = assignment.teamID
        row.volunteerID = assignment.volunteerID
        try await row.create(on: db)
    }
}
