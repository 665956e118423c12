import Fluent

struct CreateRoleAssignment: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RoleAssignmentRow.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("unit_code", .string, .references(OrgUnit.schema, "code"))
            .field("team_id", .uuid, .references(Team.schema, "id", onDelete: .cascade))
            .field("volunteer_id", .uuid, .references(Volunteer.schema, "id", onDelete: .cascade))
            .create()
        try await database.createIndex("idx_role_assignments_user", on: RoleAssignmentRow.schema, columns: ["user_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RoleAssignmentRow.schema).delete()
    }
}
