import Fluent

struct CreateRoleAssignment: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("role_assignments")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("unit_code", .string, .references("org_units", "code"))
            .field("team_id", .uuid, .references("teams", "id", onDelete: .cascade))
            .field("volunteer_id", .uuid, .references("volunteers", "id", onDelete: .cascade))
            .create()
        try await database.createIndex("idx_role_assignments_user", on: "role_assignments", columns: ["user_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("role_assignments").delete()
    }
}
