import Fluent

/// Citizens' requests for help at home. Contact columns (call_name, phone, address, details) are emptied when the
/// retention period after closing ends; the row stays for the counts.
struct CreateHelpRequest: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("help_requests")
            .id()
            .field("reference", .string, .required)
            .field("campaign_id", .uuid, .references("campaigns", "id"))
            .field("commune_code", .string, .required, .references("org_units", "code"))
            .field("province_code", .string, .required)
            .field("call_name", .string)
            .field("phone", .string)
            .field("address", .string)
            .field("details", .string)
            .field("needs", .string, .required)
            .field("visit_window", .string, .required)
            .field("language", .string, .required)
            .field("for_relative", .bool, .required)
            .field("consented_at", .datetime, .required)
            .field("status", .string, .required)
            .field("team_id", .uuid, .references("teams", "id"))
            .field("visit_date", .string)
            .field("visit_time", .string)
            .field("outcome", .string)
            .field("closed_at", .datetime)
            .field("erase_after", .string)
            .field("erased_at", .datetime)
            .field("support_entry_id", .uuid)
            .field("source_hash", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "reference")
            .create()
        try await database.createIndex("idx_help_requests_commune", on: "help_requests", columns: ["commune_code", "status"])
        try await database.createIndex("idx_help_requests_team", on: "help_requests", columns: ["team_id", "status"])
        try await database.createIndex("idx_help_requests_phone", on: "help_requests", columns: ["phone", "created_at"])
        try await database.createIndex("idx_help_requests_source", on: "help_requests", columns: ["source_hash", "created_at"])
        try await database.createIndex("idx_help_requests_erase", on: "help_requests", columns: ["erase_after"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("help_requests").delete()
    }
}
