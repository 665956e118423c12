import CauNoiCore
import Fluent
import Foundation

/// Password sign-in, shared by the sign-in page and the JSON API: throttled (`LoginThrottle`), audited,
/// and a new server-side session on success.
enum SignIn {
    struct Success: Sendable {
        var user: User
        var token: String
        var session: UserSession
    }

    static func run(username raw: String, password: String, visitor: Visitor, passwords: PasswordHasher,
                    on db: any Database) async throws -> Success {
        let username = UserValidator.foldUsername(raw)
        let ip = visitor.clientIP ?? "unknown"
        let now = visitor.now
        var event = visitor.event("login", .user)
        event.username = username
        let attemptID: UUID
        switch try await LoginThrottle.reserve(username: username, ip: ip, now: now, on: db) {
        case .wait(let seconds):
            event.action = "login_throttled"
            event.outcome = .denied
            try await Audit.recordAlone(event, on: db)
            throw AppError.tooManyAttempts(retryAfter: seconds)
        case .proceed(let id):
            attemptID = id
        }
        let user = try await User.query(on: db).filter(\.$username == username).first()
        let verified = try await passwords.verify(password, against: user?.passwordHash)
        guard verified, let user, user.isActive, let userID = user.id else {
            event.action = "login_failed"
            event.outcome = .failed
            event.userID = user?.id
            try await Audit.recordAlone(event, on: db)
            throw AppError.badCredentials
        }
        try await LoginThrottle.succeeded(attemptID, on: db)
        event.userID = userID
        event.objectID = userID.uuidString.lowercased()
        let success = event
        let created = try await db.writeTransaction { db in
            let created = try await SessionStore.create(userID: userID, now: now, on: db)
            try await Audit.record(success, on: db)
            return created
        }
        return Success(user: user, token: created.token, session: created.session)
    }

    /// Only same-site paths are followed after login, never another host (`SafeRedirect`).
    static func safeNext(_ next: String?) -> String {
        SafeRedirect.path(next) ?? SiteRoute.home.path
    }
}
