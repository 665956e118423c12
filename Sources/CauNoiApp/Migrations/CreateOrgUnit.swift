import Fluent
import SQLKit

struct CreateOrgUnit: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("org_units")
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("name_search", .string, .required)
            .field("level", .string, .required)
            .field("unit_type", .string, .required)
            .field("parent_code", .string, .references("org_units", "code"))
            .field("province_code", .string)
            .field("is_border", .bool, .required)
            .field("is_island", .bool, .required)
            .field("is_remote", .bool, .required)
            .field("is_ethnic_area", .bool, .required)
            .field("languages", .string, .required)
            .field("service_centre_address", .string)
            .field("hotline", .string)
            .field("updated_at", .datetime)
            .create()
        try await database.createIndex("idx_org_units_parent", on: "org_units", columns: ["parent_code"])
        try await database.createIndex("idx_org_units_province", on: "org_units", columns: ["province_code", "level"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("org_units").delete()
    }
}
