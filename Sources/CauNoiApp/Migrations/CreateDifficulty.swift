import Fluent

struct CreateDifficulty: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("difficulties")
            .id()
            .field("report_id", .uuid, .required, .references("weekly_reports", "id", onDelete: .cascade))
            .field("commune_code", .string, .required)
            .field("province_code", .string, .required)
            .field("week", .string, .required)
            .field("category", .string, .required)
            .field("severity", .string, .required)
            .field("description", .string, .required)
            .field("reinforcement_requested", .bool, .required)
            .field("reinforcement_note", .string)
            .field("status", .string, .required)
            .field("owner_id", .uuid)
            .field("owner_name", .string)
            .field("resolution_note", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.createIndex("idx_difficulties_status", on: "difficulties", columns: ["status", "province_code"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("difficulties").delete()
    }
}
