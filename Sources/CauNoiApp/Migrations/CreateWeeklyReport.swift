import Fluent

struct CreateWeeklyReport: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("weekly_reports")
            .id()
            .field("campaign_id", .uuid, .required, .references("campaigns", "id"))
            .field("commune_code", .string, .required, .references("org_units", "code"))
            .field("province_code", .string, .required)
            .field("week", .string, .required)
            .field("highlights", .string, .required)
            .field("proposals", .string)
            .field("good_practice", .string)
            .field("status", .string, .required)
            .field("submitted_at", .datetime, .required)
            .field("submitted_by", .uuid)
            .field("on_time", .bool, .required)
            .field("approved_at", .datetime)
            .field("approved_by", .uuid)
            .unique(on: "campaign_id", "commune_code", "week")
            .create()
        try await database.createIndex("idx_weekly_reports_week", on: "weekly_reports", columns: ["campaign_id", "week", "province_code"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("weekly_reports").delete()
    }
}
