import Fluent

struct CreateSession: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sessions")
            .field("token_hash", .string, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .create()
        try await database.createIndex("idx_sessions_user", on: "sessions", columns: ["user_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").delete()
    }
}
