import CauNoiCore
import Fluent
import Vapor

enum SessionStore {
    static let idleTimeout: TimeInterval = 8 * 3600
    static let absoluteLifetime: TimeInterval = 7 * 86400
    /// Refreshing last-seen on every request would make every page view a write.
    static let touchInterval: TimeInterval = 60

    /// A new random id every login: a session id known before login is worthless after it.
    static func create(userID: UUID, now: Date, on db: any Database) async throws -> (token: String, session: UserSession) {
        let token = Secrets.token()
        let session = UserSession()
        session.id = Secrets.hash(token)
        session.$user.id = userID
        session.csrfToken = Secrets.token()
        session.createdAt = now
        session.lastSeenAt = now
        session.expiresAt = now.addingTimeInterval(absoluteLifetime)
        try await session.create(on: db)
        return (token, session)
    }

    /// The principal, and the moment the session ends if it is not used again (absolute or idle limit).
    static func authenticate(token: String, now: Date, on db: any Database) async throws -> (principal: Principal, endsAt: Date)? {
        guard let session = try await UserSession.find(Secrets.hash(token), on: db) else { return nil }
        if now >= session.expiresAt || now.timeIntervalSince(session.lastSeenAt) > idleTimeout {
            try await db.writeTransaction { try await session.delete(on: $0) }
            return nil
        }
        guard let user = try await User.find(session.$user.id, on: db), user.isActive, let userID = user.id else { return nil }
        if now.timeIntervalSince(session.lastSeenAt) > touchInterval {
            session.lastSeenAt = now
            try await db.writeTransaction { try await session.save(on: $0) }
        }
        let assignments = try await AssignmentStore.assignments(of: userID, on: db)
        let principal = Principal(userID: userID, username: user.username, displayName: user.displayName,
                                  policy: AccessPolicy(assignments: assignments),
                                  via: .session(tokenHash: session.id ?? "", csrfToken: session.csrfToken))
        return (principal, min(session.expiresAt, session.lastSeenAt.addingTimeInterval(idleTimeout)))
    }

    static func end(tokenHash: String, on db: any Database) async throws {
        try await UserSession.query(on: db).filter(\.$id == tokenHash).delete()
    }

    @discardableResult
    static func endAll(userID: UUID, on db: any Database) async throws -> Int {
        let count = try await UserSession.query(on: db).filter(\.$user.$id == userID).count()
        try await UserSession.query(on: db).filter(\.$user.$id == userID).delete()
        return count
    }
}

/// The session cookie: `__Host-` prefixed and Secure over HTTPS; always HttpOnly and SameSite=Lax.
enum SessionCookie {
    static func name(secure: Bool) -> String { secure ? "__Host-caunoi" : "caunoi_session" }

    static func value(_ token: String, secure: Bool) -> HTTPCookies.Value {
        HTTPCookies.Value(string: token, expires: nil, maxAge: Int(SessionStore.absoluteLifetime), domain: nil, path: "/",
                          isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }

    static func expired(secure: Bool) -> HTTPCookies.Value {
        HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, domain: nil, path: "/",
                          isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }
}
