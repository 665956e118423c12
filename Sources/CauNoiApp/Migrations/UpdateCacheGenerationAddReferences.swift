import Fluent
import SQLKit

/// A "references" generation, raised by triggers whenever what a support entry is checked against changes: a team's
/// home commune or active dates, its coverage, its memberships, a weekly report's status or week (approval locks a
/// week). Each node keeps what its group commits read of these (`ReferenceCache`) while the generation has not moved (issue
/// 16: the read was a fifth of the SQLite writer's time). Triggers rather than calls in the use cases: every writer
/// (web, API, CLI, import, simulator, another node) is covered.
struct UpdateCacheGenerationAddReferences: AsyncMigration {
    private static let triggers: [(name: String, table: String, event: String)] = [
        ("trg_references_teams_insert", "teams", "AFTER INSERT ON teams"),
        ("trg_references_teams_update", "teams", "AFTER UPDATE OF home_commune_code, active_from, active_to ON teams"),
        ("trg_references_teams_delete", "teams", "AFTER DELETE ON teams"),
        ("trg_references_coverage_insert", "team_coverage", "AFTER INSERT ON team_coverage"),
        ("trg_references_coverage_update", "team_coverage", "AFTER UPDATE ON team_coverage"),
        ("trg_references_coverage_delete", "team_coverage", "AFTER DELETE ON team_coverage"),
        ("trg_references_memberships_insert", "team_memberships", "AFTER INSERT ON team_memberships"),
        ("trg_references_memberships_update", "team_memberships", "AFTER UPDATE ON team_memberships"),
        ("trg_references_memberships_delete", "team_memberships", "AFTER DELETE ON team_memberships"),
        ("trg_references_reports_insert", "weekly_reports", "AFTER INSERT ON weekly_reports"),
        ("trg_references_reports_update", "weekly_reports", "AFTER UPDATE OF status, commune_code, week, campaign_id ON weekly_reports"),
        ("trg_references_reports_delete", "weekly_reports", "AFTER DELETE ON weekly_reports"),
    ]

    func prepare(on database: any Database) async throws {
        try await database.sql.raw("INSERT INTO cache_generations (name, generation) VALUES ('references', 0)").run()
        if database.isSQLite {
            for trigger in Self.triggers {
                try await database.sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: trigger.name) \(unsafeRaw: trigger.event) FOR EACH ROW BEGIN
                    UPDATE cache_generations SET generation = generation + 1 WHERE name = 'references'; END
                    """).run()
            }
        } else {
            try await database.sql.raw("""
                CREATE FUNCTION caunoi_references_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  UPDATE cache_generations SET generation = generation + 1 WHERE name = 'references';
                  RETURN NULL;
                END $$
                """).run()
            // Once per statement: a bulk insert of memberships (an import, the simulator) raises it once, not per row.
            for trigger in Self.triggers {
                try await database.sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: trigger.name) \(unsafeRaw: trigger.event) FOR EACH STATEMENT EXECUTE FUNCTION caunoi_references_changed()
                    """).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        for trigger in Self.triggers {
            if database.isSQLite {
                try await database.sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger.name)").run()
            } else {
                try await database.sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger.name) ON \(unsafeRaw: trigger.table)").run()
            }
        }
        if !database.isSQLite { try await database.sql.raw("DROP FUNCTION IF EXISTS caunoi_references_changed()").run() }
        try await database.sql.raw("DELETE FROM cache_generations WHERE name = 'references'").run()
    }
}
