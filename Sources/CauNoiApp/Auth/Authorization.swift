import CauNoiCore
import Vapor

extension Request {
    typealias Denial = Access.Denial

    /// The caller as a use case sees them; 401 for anyone not signed in.
    func actor() throws -> Actor {
        Actor(principal: try requirePrincipal(), now: application.appConfig.now(), requestID: id, clientIP: clientIP)
    }

    /// The caller before signing in.
    var visitor: Visitor { Visitor(now: application.appConfig.now(), requestID: id, clientIP: clientIP) }

    /// `Access.require` for handlers that have not moved to a use case yet.
    func authorize(_ permission: Permission, on place: RecordPlace, object kind: ObjectKind, id: String?,
                   deny: Denial = .hide) async throws {
        try await Access.require(permission, on: place, kind, id: id, deny: deny, actor: try actor(), on: db)
    }

    /// For list routes: the areas to filter by, or 403 if the user holds the permission nowhere.
    func scope(for permission: Permission) async throws -> ScopeFilter {
        try await Access.scope(for: permission, actor: try actor(), on: db)
    }
}
