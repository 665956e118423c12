import Fluent

/// Supervision visits to teams (checklist answers as JSON) and their findings, followed until closed.
struct CreateSupervision: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("supervision_visits")
            .id()
            .field("campaign_id", .uuid, .required, .references("campaigns", "id"))
            .field("team_id", .uuid, .required, .references("teams", "id"))
            .field("commune_code", .string, .required)
            .field("province_code", .string, .required)
            .field("visited_on", .string, .required)
            .field("answers", .string, .required)
            .field("note", .string)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("idx_supervision_visits_place", on: "supervision_visits", columns: ["province_code", "commune_code", "visited_on"])
        try await database.createIndex("idx_supervision_visits_team", on: "supervision_visits", columns: ["team_id", "visited_on"])
        try await database.schema("supervision_findings")
            .id()
            .field("visit_id", .uuid, .required, .references("supervision_visits", "id", onDelete: .cascade))
            .field("campaign_id", .uuid, .required, .references("campaigns", "id"))
            .field("team_id", .uuid, .required, .references("teams", "id"))
            .field("commune_code", .string, .required)
            .field("province_code", .string, .required)
            .field("item", .string)
            .field("description", .string, .required)
            .field("action", .string, .required)
            .field("owner", .string, .required)
            .field("due_on", .string, .required)
            .field("found_on", .string, .required)
            .field("breach", .bool, .required)
            .field("status", .string, .required)
            .field("closed_on", .string)
            .field("closed_note", .string)
            .field("closed_by", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("idx_supervision_findings_place", on: "supervision_findings", columns: ["province_code", "status", "due_on"])
        try await database.createIndex("idx_supervision_findings_visit", on: "supervision_findings", columns: ["visit_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("supervision_findings").delete()
        try await database.schema("supervision_visits").delete()
    }
}
