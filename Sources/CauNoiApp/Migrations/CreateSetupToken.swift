import Fluent

struct CreateSetupToken: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("setup_tokens")
            .field("token_hash", .string, .identifier(auto: false))
            .field("user_id", .uuid, .references("users", "id", onDelete: .cascade))
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("setup_tokens").delete()
    }
}
