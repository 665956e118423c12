import Fluent
import SQLKit

/// The communes each team has entries in (issue 16). Entries keep one index by place, by commune
/// (`UpdateSupportEntryDropTeamAndProvinceIndexes`), and a team's entries are reached through it: its communes here,
/// then its rows among those communes' entries. A team's entries need not lie in its coverage today (coverage
/// changes; old entries stay where they were recorded), so the pairs are kept as entries are stored
/// (`SupportEntryIngest.store`), never removed, and filled from every stored version here.
struct CreateTeamEntryCommune: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database.sql
        try await sql.raw("""
            CREATE TABLE "team_entry_communes" (
                "team_id" UUID NOT NULL REFERENCES "teams" ("id"),
                "commune_code" TEXT NOT NULL REFERENCES "org_units" ("code"),
                PRIMARY KEY ("team_id", "commune_code")
            )\(unsafeRaw: database.isSQLite ? " WITHOUT ROWID" : "")
            """).run()
        try await sql.raw("""
            INSERT INTO "team_entry_communes" ("team_id", "commune_code")
            SELECT DISTINCT "team_id", "commune_code" FROM "support_entries"
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.raw("DROP TABLE \"team_entry_communes\"").run()
    }
}
