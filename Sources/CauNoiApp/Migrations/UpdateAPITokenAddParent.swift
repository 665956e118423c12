import Fluent

/// A token made with another token records its parent, so revoking the parent revokes it too.
struct UpdateAPITokenAddParent: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens").field("parent_id", .uuid).update()
        try await database.createIndex("idx_api_tokens_parent", on: "api_tokens", columns: ["parent_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "idx_api_tokens_parent").run()
        try await database.schema("api_tokens").deleteField("parent_id").update()
    }
}
