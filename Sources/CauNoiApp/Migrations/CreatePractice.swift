import Fluent

/// Good practices and where they were adopted.
struct CreatePractice: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("practices")
            .id()
            .field("campaign_id", .uuid, .required, .references("campaigns", "id"))
            .field("title", .string, .required)
            .field("search_text", .string, .required)
            .field("origin_code", .string, .required, .references("org_units", "code"))
            .field("province_code", .string, .required)
            .field("start_date", .string, .required)
            .field("problem", .string)
            .field("what_was_done", .string, .required)
            .field("resources", .string)
            .field("results", .string)
            .field("indicator", .string, .required)
            .field("tags", .string, .required)
            .field("status", .string, .required)
            .field("report_id", .uuid, .references("weekly_reports", "id", onDelete: .setNull))
            .field("status_changed_on", .string)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.createIndex("idx_practices_province", on: "practices", columns: ["province_code", "status"])
        try await database.schema("practice_adoptions")
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id", onDelete: .cascade))
            .field("unit_code", .string, .required, .references("org_units", "code"))
            .field("province_code", .string, .required)
            .field("start_date", .string, .required)
            .field("changes", .string)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "practice_id", "unit_code")
            .create()
        // A candidate from the figures that a person looked at and set aside.
        try await database.schema("practice_candidate_dismissals")
            .id()
            .field("commune_code", .string, .required, .references("org_units", "code"))
            .field("indicator", .string, .required)
            .field("dismissed_by", .string, .required)
            .field("dismissed_at", .datetime, .required)
            .unique(on: "commune_code", "indicator")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("practice_candidate_dismissals").delete()
        try await database.schema("practice_adoptions").delete()
        try await database.schema("practices").delete()
    }
}
