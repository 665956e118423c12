import Fluent

struct CreateCourseCompletion: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("course_completions")
            .id()
            .field("volunteer_id", .uuid, .required, .references("volunteers", "id", onDelete: .cascade))
            .field("course_code", .string, .required)
            .field("completed_on", .string, .required)
            .field("certificate_no", .string)
            .field("source", .string)
            .unique(on: "volunteer_id", "course_code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("course_completions").delete()
    }
}
