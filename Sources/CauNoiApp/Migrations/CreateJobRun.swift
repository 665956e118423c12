import Fluent

/// Which node ran which periodic job for which period: the primary key lets exactly one node claim a period.
struct CreateJobRun: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("job_runs")
            .field("job", .string, .required)
            .field("period", .string, .required)
            .field("node", .string, .required)
            .field("started_at", .datetime, .required)
            .compositeIdentifier(over: "job", "period")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("job_runs").delete()
    }
}
