import Fluent
import SQLKit

/// A "campaigns" generation, raised by triggers whenever a campaign row is inserted, changed or deleted — by the web,
/// the API or the CLI — so that a node may keep the campaigns between changes (`CampaignCatalog`, which reads the
/// generation with every batch's references: no notification is needed).
struct UpdateCacheGenerationAddCampaigns: AsyncMigration {
    private static let triggers: [(name: String, event: String)] = [
        ("trg_campaigns_generation_insert", "AFTER INSERT ON campaigns"),
        ("trg_campaigns_generation_update", "AFTER UPDATE ON campaigns"),
        ("trg_campaigns_generation_delete", "AFTER DELETE ON campaigns"),
    ]

    func prepare(on database: any Database) async throws {
        try await database.sql.raw("INSERT INTO cache_generations (name, generation) VALUES ('campaigns', 0)").run()
        if database.isSQLite {
            for trigger in Self.triggers {
                try await database.sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: trigger.name) \(unsafeRaw: trigger.event) FOR EACH ROW BEGIN
                    UPDATE cache_generations SET generation = generation + 1 WHERE name = 'campaigns'; END
                    """).run()
            }
        } else {
            try await database.sql.raw("""
                CREATE FUNCTION caunoi_campaigns_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  UPDATE cache_generations SET generation = generation + 1 WHERE name = 'campaigns';
                  RETURN NULL;
                END $$
                """).run()
            for trigger in Self.triggers {
                try await database.sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: trigger.name) \(unsafeRaw: trigger.event) FOR EACH ROW EXECUTE FUNCTION caunoi_campaigns_changed()
                    """).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        for trigger in Self.triggers {
            if database.isSQLite {
                try await database.sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger.name)").run()
            } else {
                try await database.sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger.name) ON campaigns").run()
            }
        }
        if !database.isSQLite { try await database.sql.raw("DROP FUNCTION IF EXISTS caunoi_campaigns_changed()").run() }
        try await database.sql.raw("DELETE FROM cache_generations WHERE name = 'campaigns'").run()
    }
}
