import CauNoiCore
import Fluent
import Foundation

/// A one-time set-up link used: the person sets their password (and, for the very first account, their
/// username and name, becoming the first central admin), and is signed in. A link works once, even if
/// sent twice at the same moment.
enum CompleteSetup {
    struct Input: Sendable {
        var token: String
        var username: String?
        var displayName: String?
        var password: String
        var passwordConfirm: String
    }

    static let invalidLink = AppError.notFound(
        vi: "Liên kết thiết lập không hợp lệ, đã dùng hoặc đã hết hạn. Hãy xin quản trị viên một liên kết mới.",
        en: "This set-up link is invalid, used or expired.")

    /// The session token of the signed-in person. Field errors are thrown as `ValidationFailure`.
    static func run(_ input: Input, visitor: Visitor, passwords: PasswordHasher, on db: any Database) async throws -> String {
        let now = visitor.now
        guard let link = try await SetupLinks.find(input.token, now: now, on: db) else { throw invalidLink }
        var errors = FieldErrors()
        for error in PasswordPolicy.check(input.password) { errors.add(error.field, error.message, error.messageEN) }
        if input.password != input.passwordConfirm {
            errors.add("password_confirm", "Hai lần nhập mật khẩu không khớp.", "The passwords do not match.")
        }
        var username: String?
        var displayName: String?
        if link.userID == nil {
            username = UserValidator.username(input.username, errors: &errors)
            displayName = FreeText.check(input.displayName, field: "display_name", maxLength: 120, required: true, errors: &errors)
        }
        try errors.throwIfAny()
        let hash = try await passwords.hash(input.password)
        let baseEvent = visitor.event("setup", .user)
        let newUsername = username ?? "", newDisplayName = displayName ?? ""
        let userID = try await db.writeTransaction { db -> UUID in
            var event = baseEvent
            // Re-read inside the transaction: a link works once, even if submitted twice at the same moment.
            guard let link = try await SetupToken.find(link.id, on: db), link.usedAt == nil else { throw invalidLink }
            link.usedAt = now
            try await link.save(on: db)
            let user: User
            if let userID = link.userID, let existing = try await User.find(userID, on: db) {
                user = existing
                event.action = "password_set"
            } else {
                guard try await User.query(on: db).count() == 0 else { throw invalidLink }
                user = User()
                user.id = UUIDv7.make()
                user.username = newUsername
                user.displayName = newDisplayName
                user.isActive = true
                event.action = "first_admin_created"
            }
            user.passwordHash = hash
            try await user.save(on: db)
            let userID = try user.requireID()
            if event.action == "first_admin_created" {
                try await AssignmentStore.add(RoleAssignment(role: .centralAdmin, unitCode: OrgUnit.nationalCode), to: userID, on: db)
            }
            event.userID = userID
            event.username = user.username
            event.objectID = userID.uuidString.lowercased()
            try await Audit.record(event, on: db)
            return userID
        }
        return try await SessionStore.create(userID: userID, now: now, on: db).token
    }
}
