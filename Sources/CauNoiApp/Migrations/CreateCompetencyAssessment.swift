import Fluent

/// A team leader's (or an officer's) latest assessment of one volunteer on one competency of a campaign's standard.
struct CreateCompetencyAssessment: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("competency_assessments")
            .id()
            .field("campaign_id", .uuid, .required, .references("campaigns", "id"))
            .field("volunteer_id", .uuid, .required, .references("volunteers", "id", onDelete: .cascade))
            .field("competency", .string, .required)
            .field("level", .int, .required)
            .field("assessed_on", .string, .required)
            .field("assessed_by", .string, .required)
            .field("note", .string)
            .field("updated_at", .datetime, .required)
            .unique(on: "campaign_id", "volunteer_id", "competency")
            .create()
        try await database.createIndex("idx_competency_assessments_volunteer", on: "competency_assessments", columns: ["volunteer_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("competency_assessments").delete()
    }
}
