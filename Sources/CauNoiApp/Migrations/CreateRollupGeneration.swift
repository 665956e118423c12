import Fluent

/// A per-campaign number that every ledger write increases, so app nodes can cache ledger reads and
/// know with one primary-key lookup whether the cache is still true.
struct CreateRollupGeneration: AsyncMigration {

    func prepare(on database: any Database) async throws {
        try await database.schema("rollup_generations")
            .field("campaign_id", .uuid, .identifier(auto: false), .references("campaigns", "id"))
            .field("generation", .int64, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rollup_generations").delete()
    }
}
