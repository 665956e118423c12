import Fluent
import SQLKit

/// One volunteer proposed for one reinforcement request, and what people decided about it.
struct CreateReinforcementMove: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("reinforcement_moves")
            .id()
            .field("request_id", .uuid, .required, .references("reinforcement_requests", "id", onDelete: .cascade))
            .field("volunteer_id", .uuid, .required, .references("volunteers", "id", onDelete: .cascade))
            .field("from_team_id", .uuid, .references("teams", "id", onDelete: .setNull))
            .field("to_team_id", .uuid, .required, .references("teams", "id"))
            .field("start_date", .string, .required)
            .field("cost", .int64, .required)
            .field("kilometres", .double, .required)
            .field("reasons", .string, .required)
            .field("status", .string, .required)
            .field("decided_by", .string)
            .field("answered_by", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.createIndex("idx_reinforcement_moves_request", on: "reinforcement_moves", columns: ["request_id", "status"])
        // A volunteer is in at most one live proposal: two requests cannot both hold them, whatever runs at once.
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("""
            CREATE UNIQUE INDEX idx_reinforcement_moves_live ON reinforcement_moves (volunteer_id) \
            WHERE status IN ('proposed', 'approved')
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reinforcement_moves").delete()
    }
}
