import Fluent

struct CreateSupportEntry: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("support_entries")
            .field("id", .uuid, .identifier(auto: false))
            .field("campaign_id", .uuid, .required, .references("campaigns", "id"))
            .field("team_id", .uuid, .required, .references("teams", "id"))
            .field("commune_code", .string, .required, .references("org_units", "code"))
            .field("province_code", .string, .required)
            .field("entry_date", .string, .required)
            .field("total", .int, .required)
            .field("place", .string, .required)
            .field("languages", .string, .required)
            .field("note", .string)
            .field("content_hash", .string, .required)
            .field("created_at", .datetime, .required)
            // Corrections are new rows: entry_id names the logical entry, only its current version counts.
            .field("entry_id", .uuid, .required)
            .field("version", .int, .required)
            .field("is_current", .bool, .required)
            .create()
        try await database.createIndex("idx_entries_logical", on: "support_entries", columns: ["entry_id", "is_current"])
        try await database.createIndex("idx_entries_team_date", on: "support_entries", columns: ["team_id", "entry_date"])
        try await database.createIndex("idx_entries_commune_date", on: "support_entries", columns: ["commune_code", "entry_date"])
        try await database.createIndex("idx_entries_province_date", on: "support_entries", columns: ["province_code", "entry_date"])
        try await database.createIndex("idx_entries_campaign_date", on: "support_entries", columns: ["campaign_id", "entry_date"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("support_entries").delete()
    }
}
