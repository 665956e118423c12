import Fluent

/// Procedure guides ("Thủ tục cần gì?") and every earlier version of each, so a change can always be traced.
struct CreateProcedureGuide: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("procedure_guides")
            .id()
            .field("title", .string, .required)
            .field("office", .string)
            .field("documents", .string, .required)
            .field("steps", .string, .required)
            .field("fee", .string)
            .field("duration", .string)
            .field("legal_basis", .string)
            .field("source_url", .string, .required)
            .field("checked_on", .string, .required)
            .field("province_code", .string)
            .field("version", .int, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .string)
            .create()
        try await database.schema("procedure_guide_versions")
            .id()
            .field("guide_id", .uuid, .required, .references("procedure_guides", "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("snapshot", .string, .required)
            .field("changed_at", .datetime, .required)
            .field("changed_by", .string)
            .unique(on: "guide_id", "version")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("procedure_guide_versions").delete()
        try await database.schema("procedure_guides").delete()
    }
}
