import Fluent

struct CreateLoginAttempt: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LoginAttempt.schema)
            .id()
            .field("username", .string, .required)
            .field("client_ip", .string, .required)
            .field("succeeded", .bool, .required)
            .field("at", .datetime, .required)
            .create()
        try await database.createIndex("idx_login_attempts_user", on: LoginAttempt.schema, columns: ["username", "at"])
        try await database.createIndex("idx_login_attempts_ip", on: LoginAttempt.schema, columns: ["client_ip", "at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LoginAttempt.schema).delete()
    }
}
