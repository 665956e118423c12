import Fluent

/// What support points in hard areas lack, and partners' pledges to them (pledged → delivered → in use).
struct CreateEquipment: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("equipment_needs")
            .id()
            .field("commune_code", .string, .required, .references("org_units", "code"))
            .field("province_code", .string, .required)
            .field("point_kind", .string, .required)
            .field("point_name", .string)
            .field("item", .string, .required)
            .field("quantity", .int, .required)
            .field("note", .string)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("idx_equipment_needs_province", on: "equipment_needs", columns: ["province_code", "commune_code"])
        try await database.schema("equipment_pledges")
            .id()
            .field("need_id", .uuid, .references("equipment_needs", "id", onDelete: .setNull))
            .field("commune_code", .string, .required, .references("org_units", "code"))
            .field("province_code", .string, .required)
            .field("partner", .string, .required)
            .field("item", .string, .required)
            .field("quantity", .int, .required)
            .field("note", .string)
            .field("status", .string, .required)
            .field("pledged_on", .string, .required)
            .field("delivered_on", .string)
            .field("in_use_on", .string)
            .field("created_by", .string, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.createIndex("idx_equipment_pledges_province", on: "equipment_pledges", columns: ["province_code", "status"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("equipment_pledges").delete()
        try await database.schema("equipment_needs").delete()
    }
}
