import Fluent

struct CreateLoginAttempt: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("login_attempts")
            .id()
            .field("username", .string, .required)
            .field("client_ip", .string, .required)
            .field("succeeded", .bool, .required)
            .field("at", .datetime, .required)
            .create()
        try await database.createIndex("idx_login_attempts_user", on: "login_attempts", columns: ["username", "at"])
        try await database.createIndex("idx_login_attempts_ip", on: "login_attempts", columns: ["client_ip", "at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("login_attempts").delete()
    }
}
