import CauNoiCore
import Fluent
import Vapor

/// One-time set-up links: the first central admin on an empty database, or a password for a user an
/// admin created. There are no default accounts and no password ever travels through the shell.
enum SetupLinks {
    static let lifetime: TimeInterval = 24 * 3600

    static func issue(userID: UUID?, now: Date, on db: any Database) async throws -> String {
        try await db.writeTransaction { try await insert(userID: userID, now: now, on: $0) }
    }

    /// A new link, inside the caller's transaction. `replacingEarlier` marks the user's unused links as used, so
    /// only the newest one sent works.
    static func insert(userID: UUID?, replacingEarlier: Bool = false, now: Date, on db: any Database) async throws -> String {
        if replacingEarlier, let userID {
            try await SetupToken.query(on: db).filter(\.$userID == userID).filter(\.$usedAt == nil).set(\.$usedAt, to: now).update()
        }
        let token = Secrets.token()
        let row = SetupToken()
        row.id = Secrets.hash(token)
        row.userID = userID
        row.expiresAt = now.addingTimeInterval(lifetime)
        try await row.create(on: db)
        return token
    }

    static func url(_ token: String, publicURL: String) -> String {
        publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + SiteRoute.setup(token: token).path
    }

    /// On first start with no users, a link to create the first central admin.
    static func firstAdminLinkIfNeeded(_ app: Application) async throws -> String? {
        guard try await User.query(on: app.db).count() == 0 else { return nil }
        let token = try await issue(userID: nil, now: app.appConfig.now(), on: app.db)
        return url(token, publicURL: app.appConfig.publicURL)
    }

    static func find(_ token: String, now: Date, on db: any Database) async throws -> SetupToken? {
        guard let row = try await SetupToken.find(Secrets.hash(token), on: db), row.usedAt == nil, now < row.expiresAt else { return nil }
        return row
    }

    /// Creates a user with assignments and no password yet; returns the link that lets them set one.
    static func createUser(_ valid: ValidUser, audit: AuditEvent, now: Date, on db: any Database) async throws -> (User, String) {
        if try await User.query(on: db).filter(\.$username == valid.username).count() > 0 {
            throw AppError.conflict(field: "username", vi: "Tên đăng nhập đã được dùng.", en: "That username is taken.")
        }
        let token = Secrets.token()
        let user = try await db.writeTransaction { db in
            let user = User()
            user.id = UUIDv7.make()
            user.username = valid.username
            user.displayName = valid.displayName
            user.isActive = true
            try await user.create(on: db)
            let userID = try user.requireID()
            for assignment in valid.assignments { try await AssignmentStore.add(assignment, to: userID, on: db) }
            let link = SetupToken()
            link.id = Secrets.hash(token)
            link.userID = userID
            link.expiresAt = now.addingTimeInterval(lifetime)
            try await link.create(on: db)
            try await Audit.record(audit.object("user", userID.uuidString.lowercased(), province: audit.provinceCode), on: db)
            return user
        }
        return (user, token)
    }
}
