import CauNoiCore
import Fluent
import SQLKit

/// Campaigns become data: a status and the first day of the reporting week. Campaigns that already
/// exist keep ISO weeks (Monday, `week_starts_on` = 1), so nothing approved or counted changes meaning;
/// their weekly reports' `week` moves from "2025-W32" to the week's first day ("2025-08-04"), the form
/// every campaign's weeks are stored in from now on. The ledger's `week_start` already was that day.
/// `is_default` goes: which campaign an entry or a page means is decided by dates, status and scope.
struct UpdateCampaignAddSchedule: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("campaigns")
            .field("status", .string, .required, .sql(.default("active")))
            .update()
        try await database.schema("campaigns")
            .field("week_starts_on", .int, .required, .sql(.default(1)))
            .update()
        try await database.schema("campaigns").deleteField("is_default").update()
        try await rewriteWeeks(on: database) { ISOWeek(string: $0)?.monday.iso }
    }

    func revert(on database: any Database) async throws {
        try await rewriteWeeks(on: database) { LocalDate(iso: $0)?.isoWeek.string }
        try await database.schema("campaigns").deleteField("week_starts_on").update()
        try await database.schema("campaigns").deleteField("status").update()
        try await database.schema("campaigns").field("is_default", .bool, .required, .sql(.default(false))).update()
    }

    /// A few hundred distinct weeks at most: one UPDATE per week and table.
    private func rewriteWeeks(on database: any Database, _ convert: (String) -> String?) async throws {
        let sql = database.sql
        for table in ["weekly_reports", "difficulties"] {
            let weeks = try await sql.raw("SELECT DISTINCT week FROM \(ident: table)").all().map { try $0.decode(column: "week", as: String.self) }
            for week in weeks {
                guard let converted = convert(week) else { continue }
                try await sql.update(table).set("week", to: converted).where("week", .equal, week).run()
            }
        }
    }
}
