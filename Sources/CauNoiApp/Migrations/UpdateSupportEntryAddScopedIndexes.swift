import Fluent
import SQLKit

/// Indexes that lead with the unit and then the campaign, so that without table statistics SQLite picks
/// them over (campaign_id, entry_date) for commune, province and team rollups: the raw path for a
/// commune's campaign-to-date figures went from scanning every entry (~0.7 s at seed scale) to its own rows.
struct UpdateSupportEntryAddScopedIndexes: AsyncMigration {
    static let indexes: [(new: String, old: String, column: String)] = [
        ("idx_entries_commune_campaign_date", "idx_entries_commune_date", "commune_code"),
        ("idx_entries_province_campaign_date", "idx_entries_province_date", "province_code"),
        ("idx_entries_team_campaign_date", "idx_entries_team_date", "team_id"),
    ]

    func prepare(on database: any Database) async throws {
        for index in Self.indexes {
            try await database.createIndex(index.new, on: "support_entries", columns: [index.column, "campaign_id", "entry_date"])
            try await database.sql.drop(index: index.old).run()
        }
    }

    func revert(on database: any Database) async throws {
        for index in Self.indexes {
            try await database.createIndex(index.old, on: "support_entries", columns: [index.column, "entry_date"])
            try await database.sql.drop(index: index.new).run()
        }
    }
}
