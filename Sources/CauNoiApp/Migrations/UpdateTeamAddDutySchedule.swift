import Fluent

/// When a team is on duty, for the citizens' help page: weekdays as a bit mask (bit 0 = Monday), the hours as
/// written, and a mobile team's stops.
struct UpdateTeamAddDutySchedule: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("teams")
            .field("duty_days", .int, .required, .sql(.default(0)))
            .update()
        try await database.schema("teams").field("duty_hours", .string).update()
        try await database.schema("teams").field("schedule_note", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("teams").deleteField("schedule_note").update()
        try await database.schema("teams").deleteField("duty_hours").update()
        try await database.schema("teams").deleteField("duty_days").update()
    }
}
