import CauNoiCore
import Fluent
import Vapor

/// Password sign-in shared by the login page and the JSON API.
enum LoginService {
    struct Success: Sendable {
        var user: User
        var token: String
        var session: UserSession
    }

    static func login(username raw: String, password: String, req: Request) async throws -> Success {
        let username = UserValidator.foldUsername(raw)
        let ip = req.clientIP
        let now = req.application.appConfig.now()
        var event = req.auditEvent("login", "user", nil)
        event.username = username
        let attemptID: UUID
        switch try await LoginThrottle.reserve(username: username, ip: ip, now: now, on: req.db) {
        case .wait(let seconds):
            event.action = "login_throttled"
            event.outcome = .denied
            try await Audit.recordAlone(event, on: req.db)
            throw AppError.tooManyAttempts(retryAfter: seconds)
        case .proceed(let id):
            attemptID = id
        }
        let user = try await User.query(on: req.db).filter(\.$username == username).first()
        let verified = try await req.passwords.verify(password, against: user?.passwordHash)
        guard verified, let user, user.isActive, let userID = user.id else {
            event.action = "login_failed"
            event.outcome = .failed
            event.userID = user?.id
            try await Audit.recordAlone(event, on: req.db)
            throw AppError.badCredentials
        }
        try await LoginThrottle.succeeded(attemptID, on: req.db)
        event.userID = userID
        event.objectID = userID.uuidString.lowercased()
        let success = event
        let created = try await req.db.writeTransaction { db in
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
