import Fluent
import SQLKit

/// Entries keep one index by place, by commune (issue 16). Each index on a random position (a team's, a province's
/// entries among all) put about a page per entry into every commit: SQLite committing the same 40,000 rows 385 at a
/// time did 9,190–9,854 entries/s with the team and province indexes and 14,283–18,436 without them (BENCHMARKS.md).
/// Provinces' figures come from the rollup ledger; a team's or a province's entries are reached through the commune
/// index (`EntryPlaces`): a team through the communes it has entries in (`team_entry_communes`), a province through
/// its communes.
struct UpdateSupportEntryDropTeamAndProvinceIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql.drop(index: "idx_entries_team_campaign_date").run()
        try await database.sql.drop(index: "idx_entries_province_campaign_date").run()
    }

    func revert(on database: any Database) async throws {
        try await database.createIndex("idx_entries_team_campaign_date", on: "support_entries", columns: ["team_id", "campaign_id", "entry_date"])
        try await database.createIndex("idx_entries_province_campaign_date", on: "support_entries",
                                       columns: ["province_code", "campaign_id", "entry_date"])
    }
}
