import Fluent
import SQLKit

/// Entries get a server-assigned, increasing row number (`seq`), and their detail rows are keyed by it instead of by
/// the client's random id (issue 16). A group commit's counts, beneficiary groups and attendance then append at the end
/// of their tables instead of landing each on a page of its own: SQLite committing 600 entries at a time, same rows,
/// 10,550–11,906 → 18,216–22,151 entries/s (BENCHMARKS.md). On SQLite the detail tables become WITHOUT ROWID (the key
/// is the table: one b-tree instead of a rowid table and its key index). Existing rows keep their order: SQLite numbers
/// them by rowid (insertion order), PostgreSQL by `created_at`.
///
/// The attendance rows lose their index by volunteer (`idx_entry_volunteers_volunteer`, not made again): each entry
/// put one or two keys on pages of their own in it, the largest part of a commit at national scale (SQLite, a seed-scale
/// database, 600 entries a commit: 4,541 → 8,062 entries/s without it), and nothing reads attendance by volunteer —
/// the one lookup (`MoveMembershipStart`) goes through the team's entries and the attendance key. Volunteers are never
/// deleted, so the foreign key needs no index on this side either.
struct UpdateSupportEntryDetailsKeyBySeq: AsyncMigration {
    private struct Detail {
        var table: String
        /// The column beside the entry in the key, with its declaration.
        var key: String
        var columns: (sqlite: String, postgres: String)
        /// The columns copied over, plain and as read from the old table (`d`).
        var copied: [String]
        var list: String { copied.map { "\"\($0)\"" }.joined(separator: ", ") }
        var fromOld: String { copied.map { "d.\"\($0)\"" }.joined(separator: ", ") }
    }

    private static let details = [
        Detail(table: "support_entry_counts", key: "category",
               columns: ("\"category\" TEXT NOT NULL, \"count\" INTEGER NOT NULL", "\"category\" TEXT NOT NULL, \"count\" BIGINT NOT NULL"),
               copied: ["category", "count"]),
        Detail(table: "support_entry_beneficiaries", key: "beneficiary_group",
               columns: ("\"beneficiary_group\" TEXT NOT NULL, \"count\" INTEGER NOT NULL",
                         "\"beneficiary_group\" TEXT NOT NULL, \"count\" BIGINT NOT NULL"),
               copied: ["beneficiary_group", "count"]),
        Detail(table: "support_entry_volunteers", key: "volunteer_id",
               columns: ("\"volunteer_id\" UUID NOT NULL REFERENCES \"volunteers\" (\"id\")",
                         "\"volunteer_id\" UUID NOT NULL REFERENCES \"volunteers\" (\"id\")"),
               copied: ["volunteer_id"]),
    ]

    func prepare(on database: any Database) async throws {
        try await database.transaction { db in
            let sqlite = db.isSQLite
            let sql = db.sql
            if sqlite {
                try await sql.raw("ALTER TABLE \"support_entries\" ADD COLUMN \"seq\" INTEGER").run()
                try await sql.raw("UPDATE \"support_entries\" SET \"seq\" = rowid").run()
            } else {
                try await sql.raw("CREATE SEQUENCE \"support_entry_seq\"").run()
                try await sql.raw("ALTER TABLE \"support_entries\" ADD COLUMN \"seq\" BIGINT").run()
                try await sql.raw("""
                    UPDATE "support_entries" e SET "seq" = n.n
                    FROM (SELECT "id", row_number() OVER (ORDER BY "created_at", "id") AS n FROM "support_entries") n WHERE n."id" = e."id"
                    """).run()
                try await sql.raw("SELECT setval('support_entry_seq', (SELECT COALESCE(MAX(\"seq\"), 0) + 1 FROM \"support_entries\"), false)").run()
                try await sql.raw("ALTER TABLE \"support_entries\" ALTER COLUMN \"seq\" SET NOT NULL").run()
            }
            try await sql.raw("CREATE UNIQUE INDEX \"idx_entries_seq\" ON \"support_entries\" (\"seq\")").run()
            for detail in Self.details {
                try await Self.rebuild(detail, key: "entry_seq", declared: """
                    \(sqlite ? "INTEGER" : "BIGINT") NOT NULL REFERENCES "support_entries" ("seq") ON DELETE CASCADE
                    """, from: "seq", through: "e.\"id\" = d.\"entry_id\"", sqlite: sqlite, withoutRowID: sqlite, on: sql)
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.transaction { db in
            let sqlite = db.isSQLite
            let sql = db.sql
            for detail in Self.details {
                try await Self.rebuild(detail, key: "entry_id", declared: "UUID NOT NULL REFERENCES \"support_entries\" (\"id\") ON DELETE CASCADE",
                                       from: "id", through: "e.\"seq\" = d.\"entry_seq\"", sqlite: sqlite, withoutRowID: false, on: sql)
            }
            try await sql.raw("CREATE INDEX \"idx_entry_volunteers_volunteer\" ON \"support_entry_volunteers\" (\"volunteer_id\")").run()
            try await sql.raw("DROP INDEX \"idx_entries_seq\"").run()
            try await sql.raw("ALTER TABLE \"support_entries\" DROP COLUMN \"seq\"").run()
            if !sqlite { try await sql.raw("DROP SEQUENCE \"support_entry_seq\"").run() }
        }
    }

    /// Builds a detail table again keyed by the entry's `key` column (declared as `declared`, taking the entry's `from`
    /// column, the entry `e` reached from each old row `d` `through` a join), copies every row over and puts it in the
    /// old table's place.
    private static func rebuild(_ detail: Detail, key: String, declared: String, from: String, through: String, sqlite: Bool,
                                withoutRowID: Bool, on sql: any SQLDatabase) async throws {
        let new = "\(detail.table)_by_\(key)"
        try await sql.raw("""
            CREATE TABLE "\(unsafeRaw: new)" ("\(unsafeRaw: key)" \(unsafeRaw: declared), \
            \(unsafeRaw: sqlite ? detail.columns.sqlite : detail.columns.postgres), \
            PRIMARY KEY ("\(unsafeRaw: key)", "\(unsafeRaw: detail.key)"))\(unsafeRaw: withoutRowID ? " WITHOUT ROWID" : "")
            """).run()
        try await sql.raw("""
            INSERT INTO "\(unsafeRaw: new)" ("\(unsafeRaw: key)", \(unsafeRaw: detail.list))
            SELECT e."\(unsafeRaw: from)", \(unsafeRaw: detail.fromOld) FROM "\(unsafeRaw: detail.table)" d JOIN "support_entries" e ON \(unsafeRaw: through)
            """).run()
        try await sql.raw("DROP TABLE \"\(unsafeRaw: detail.table)\"").run()
        try await sql.raw("ALTER TABLE \"\(unsafeRaw: new)\" RENAME TO \"\(unsafeRaw: detail.table)\"").run()
    }
}
