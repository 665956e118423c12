import Fluent

/// Why a province sent a report back to its commune, shown to the commune until it resubmits.
struct UpdateWeeklyReportAddReopenReason: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("weekly_reports").field("reopen_reason", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("weekly_reports").deleteField("reopen_reason").update()
    }
}
