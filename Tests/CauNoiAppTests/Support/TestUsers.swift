import CauNoiCore
import Fluent
import Foundation
import Vapor
@testable import CauNoiApp

/// Accounts made straight in the database, as a shell admin would, for driving the API.
enum TestUsers {
    /// The central admin every test database starts with; its API token is fixed for the whole run.
    static let adminToken = TokenStore.prefix + "test-admin-token-0000000000000000000000000"
    static let adminPassword = "Đây là mật khẩu quản trị dài"

    static func createAdmin(on db: any Database) async throws {
        let user = try await makeUser("admin", password: adminPassword, assignments: [RoleAssignment(role: .centralAdmin, unitCode: "VN")], on: db)
        try await storeToken(adminToken, userID: try user.requireID(), assignment: RoleAssignment(role: .centralAdmin, unitCode: "VN"), on: db)
    }

    @discardableResult
    static func makeUser(_ username: String, password: String?, assignments: [RoleAssignment], on db: any Database) async throws -> User {
        let user = User()
        user.id = UUIDv7.make()
        user.username = username
        user.displayName = username
        user.isActive = true
        if let password {
            user.passwordHash = try Bcrypt.hash(PasswordHasher.prehash(password), cost: 4)
        }
        try await user.create(on: db)
        for assignment in assignments { try await AssignmentStore.add(assignment, to: try user.requireID(), on: db) }
        return user
    }

    static func storeToken(_ token: String, userID: UUID, assignment: RoleAssignment, on db: any Database) async throws {
        let row = APIToken()
        row.id = UUIDv7.make()
        row.$user.id = userID
        row.name = "test"
        row.tokenHash = Secrets.hash(token)
        row.role = assignment.role.rawValue
        row.unitCode = assignment.unitCode
        row.teamID = assignment.teamID
        row.volunteerID = assignment.volunteerID
        row.createdAt = fixedNow
        row.expiresAt = fixedNow.addingTimeInterval(86400 * 30)
        try await row.create(on: db)
    }
}

extension Application {
    /// A new user holding one assignment, and an API token that acts with it.
    func token(for assignment: RoleAssignment, username: String? = nil) async throws -> String {
        let user = try await TestUsers.makeUser(username ?? "u\(UUID().uuidString.prefix(8).lowercased())", password: nil,
                                                assignments: [assignment], on: db)
        let token = Secrets.token(prefix: TokenStore.prefix)
        try await TestUsers.storeToken(token, userID: try user.requireID(), assignment: assignment, on: db)
        return token
    }
}
