import Fluent
import SQLKit

/// One number per kind of cached fact that every node must stop trusting at once when it changes. For
/// "principals" (who a token or session belongs to) the database itself raises it, by triggers on the rows that
/// decide it (a session ended, a token revoked, a user disabled, a role changed), so no path that writes them,
/// web, API or CLI, can forget to. On PostgreSQL the triggers also NOTIFY the nodes at commit.
struct CreateCacheGeneration: AsyncMigration {
    /// (trigger name, event and table) for every change that can alter a principal.
    private static let triggers: [(name: String, event: String)] = [
        ("trg_sessions_principals_delete", "AFTER DELETE ON sessions"),
        ("trg_api_tokens_principals_update", "AFTER UPDATE ON api_tokens"),
        ("trg_api_tokens_principals_delete", "AFTER DELETE ON api_tokens"),
        ("trg_users_principals_update", "AFTER UPDATE OF is_active, password_hash ON users"),
        ("trg_users_principals_delete", "AFTER DELETE ON users"),
        ("trg_role_assignments_principals_insert", "AFTER INSERT ON role_assignments"),
        ("trg_role_assignments_principals_update", "AFTER UPDATE ON role_assignments"),
        ("trg_role_assignments_principals_delete", "AFTER DELETE ON role_assignments"),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema("cache_generations")
            .field("name", .string, .identifier(auto: false))
            .field("generation", .int64, .required)
            .create()
        try await database.sql.raw("INSERT INTO cache_generations (name, generation) VALUES ('principals', 0)").run()
        if database.isSQLite {
            for trigger in Self.triggers {
                try await database.sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: trigger.name) \(unsafeRaw: trigger.event) FOR EACH ROW BEGIN
                    UPDATE cache_generations SET generation = generation + 1 WHERE name = 'principals'; END
                    """).run()
            }
        } else {
            try await database.sql.raw("""
                CREATE FUNCTION caunoi_principals_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE g BIGINT;
                BEGIN
                  UPDATE cache_generations SET generation = generation + 1 WHERE name = 'principals' RETURNING generation INTO g;
                  PERFORM pg_notify('caunoi_cache', 'principals:' || g);
                  RETURN NULL;
                END $$
                """).run()
            for trigger in Self.triggers {
                try await database.sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: trigger.name) \(unsafeRaw: trigger.event) FOR EACH ROW EXECUTE FUNCTION caunoi_principals_changed()
                    """).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        for trigger in Self.triggers {
            let table = trigger.event.split(separator: " ").last.map(String.init) ?? ""
            if database.isSQLite {
                try await database.sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger.name)").run()
            } else {
                try await database.sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger.name) ON \(unsafeRaw: table)").run()
            }
        }
        if !database.isSQLite { try await database.sql.raw("DROP FUNCTION IF EXISTS caunoi_principals_changed()").run() }
        try await database.schema("cache_generations").delete()
    }
}
