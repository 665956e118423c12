import Fluent

/// Training sessions (central, province, commune; follow-ons point at the session they re-train), their topics
/// (competency codes of the campaign's standard) and who attended.
struct CreateTrainingSession: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("training_sessions")
            .id()
            .field("campaign_id", .uuid, .required, .references("campaigns", "id"))
            .field("unit_code", .string, .required)
            // "" where the session has none (a central session has no province), so lists filter by plain equality.
            .field("province_code", .string, .required)
            .field("commune_code", .string, .required)
            .field("title", .string, .required)
            .field("held_on", .string, .required)
            .field("format", .string, .required)
            .field("connected_units", .string, .required)
            .field("trainer", .string)
            .field("note", .string)
            .field("parent_id", .uuid, .references("training_sessions", "id", onDelete: .setNull))
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("idx_training_sessions_campaign", on: "training_sessions", columns: ["campaign_id", "province_code", "held_on"])
        try await database.createIndex("idx_training_sessions_parent", on: "training_sessions", columns: ["parent_id"])
        try await database.schema("training_session_topics")
            .id()
            .field("session_id", .uuid, .required, .references("training_sessions", "id", onDelete: .cascade))
            .field("topic", .string, .required)
            .unique(on: "session_id", "topic")
            .create()
        try await database.schema("training_attendance")
            .id()
            .field("session_id", .uuid, .required, .references("training_sessions", "id", onDelete: .cascade))
            .field("volunteer_id", .uuid, .required, .references("volunteers", "id", onDelete: .cascade))
            .field("source", .string, .required)
            .field("recorded_at", .datetime, .required)
            .unique(on: "session_id", "volunteer_id")
            .create()
        try await database.createIndex("idx_training_attendance_volunteer", on: "training_attendance", columns: ["volunteer_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("training_attendance").delete()
        try await database.schema("training_session_topics").delete()
        try await database.schema("training_sessions").delete()
    }
}
