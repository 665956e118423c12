import Fluent
import Foundation

final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    /// Login name, stored folded (lowercase, NFC) so "An.Nguyen" and "an.nguyen" are one account.
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    /// bcrypt over SHA-256 of the NFC passphrase (see PasswordHasher); nil until the set-up link is used.
    @OptionalField(key: "password_hash") var passwordHash: String?
    @Field(key: "is_active") var isActive: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    @Children(for: \.$user) var assignments: [RoleAssignmentRow]

    init() {}
}

final class RoleAssignmentRow: Model, @unchecked Sendable {
    static let schema = "role_assignments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "role") var role: String
    @OptionalField(key: "unit_code") var unitCode: String?
    @OptionalField(key: "team_id") var teamID: UUID?
    @OptionalField(key: "volunteer_id") var volunteerID: UUID?

    init() {}
}

/// A browser session. The cookie holds a random token; only its SHA-256 is stored, so a copy of the
/// database does not let anyone log in.
final class UserSession: Model, @unchecked Sendable {
    static let schema = "sessions"

    @ID(custom: "token_hash", generatedBy: .user) var id: String?
    @Parent(key: "user_id") var user: User
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}
}

final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    /// The single assignment this token acts with: the owner's or narrower.
    @Field(key: "role") var role: String
    @OptionalField(key: "unit_code") var unitCode: String?
    @OptionalField(key: "team_id") var teamID: UUID?
    @OptionalField(key: "volunteer_id") var volunteerID: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    /// The token this one was made with, if any: it never outlives or survives its parent.
    @OptionalField(key: "parent_id") var parentID: UUID?

    init() {}
}

final class LoginAttempt: Model, @unchecked Sendable {
    static let schema = "login_attempts"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "client_ip") var clientIP: String
    @Field(key: "succeeded") var succeeded: Bool
    @Field(key: "at") var at: Date

    init() {}
}

/// A one-time link: creates the first central admin, or lets a user created from the shell set a password.
final class SetupToken: Model, @unchecked Sendable {
    static let schema = "setup_tokens"

    @ID(custom: "token_hash", generatedBy: .user) var id: String?
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}
}

/// Append-only: the application inserts rows and never updates or deletes them.
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_log"

    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    @OptionalField(key: "user_id") var userID: UUID?
    @OptionalField(key: "username") var username: String?
    @OptionalField(key: "role") var role: String?
    @OptionalField(key: "unit_code") var unitCode: String?
    /// The province the affected object belongs to, so province admins see their own province's trail.
    @OptionalField(key: "province_code") var provinceCode: String?
    @Field(key: "action") var action: String
    @OptionalField(key: "object_type") var objectType: String?
    @OptionalField(key: "object_id") var objectID: String?
    @Field(key: "outcome") var outcome: String
    @OptionalField(key: "request_id") var requestID: String?
    @OptionalField(key: "client_ip") var clientIP: String?
    @OptionalField(key: "detail") var detail: String?

    init() {}
}
