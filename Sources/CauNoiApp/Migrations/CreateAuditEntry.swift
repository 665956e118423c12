import Fluent

struct CreateAuditEntry: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_log")
            .id()
            .field("at", .datetime, .required)
            .field("user_id", .uuid)
            .field("username", .string)
            .field("role", .string)
            .field("unit_code", .string)
            .field("province_code", .string)
            .field("action", .string, .required)
            .field("object_type", .string)
            .field("object_id", .string)
            .field("outcome", .string, .required)
            .field("request_id", .string)
            .field("client_ip", .string)
            .field("detail", .string)
            .create()
        try await database.createIndex("idx_audit_at", on: "audit_log", columns: ["at"])
        try await database.createIndex("idx_audit_province_at", on: "audit_log", columns: ["province_code", "at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_log").delete()
    }
}
