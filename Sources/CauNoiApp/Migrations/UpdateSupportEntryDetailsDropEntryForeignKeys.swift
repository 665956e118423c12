import Fluent
import SQLKit

/// On PostgreSQL an entry's detail rows (its counts, beneficiary groups and attendance) lose their foreign key to the
/// entry's row number (issue 16). The key was checked once for every detail row stored, about four an entry, and the
/// answer is always yes: detail rows are written only by `SupportEntryIngest.store`, in the entry's own transaction,
/// for the row numbers its insert has just taken and returned, and entries are never deleted (a correction adds a
/// version), so the key's cascade never ran either. PostgreSQL checks each through its trigger machinery with a
/// `SELECT … FOR KEY SHARE` of the entry: about two-fifths of its CPU under phones' 20-entry batches (`perf`); without
/// the keys it used 0.75–0.79 cores instead of 0.86–0.90 for the same load (BENCHMARKS.md, "Issue 16, twenty-fifth
/// session"). The attendance rows keep their key to `volunteers`, whose rows other requests manage.
///
/// SQLite keeps the keys: there each check is one probe of an index page the insert has just written, and the same
/// load without them was no faster (five interleaved runs, slower in each), while dropping one means building the
/// table again. Reverting puts PostgreSQL's keys back, with their cascade.
struct UpdateSupportEntryDetailsDropEntryForeignKeys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard !database.isSQLite else { return }
        try await database.transaction { db in
            let sql = db.sql
            for table in ["support_entry_counts", "support_entry_beneficiaries", "support_entry_volunteers"] {
                // Named after the table they were made in (`UpdateSupportEntryDetailsKeyBySeq` built each under another name).
                let names = try await sql.raw("""
                    SELECT conname FROM pg_constraint
                    WHERE contype = 'f' AND conrelid = \(bind: table)::regclass AND confrelid = 'support_entries'::regclass
                    """).all().map { try $0.decode(column: "conname", as: String.self) }
                for name in names {
                    try await sql.raw("ALTER TABLE \(ident: table) DROP CONSTRAINT \(ident: name)").run()
                }
            }
        }
    }

    func revert(on database: any Database) async throws {
        guard !database.isSQLite else { return }
        try await database.transaction { db in
            let sql = db.sql
            try await sql.raw("""
                ALTER TABLE "support_entry_counts" ADD CONSTRAINT "support_entry_counts_entry_seq_fkey"
                FOREIGN KEY ("entry_seq") REFERENCES "support_entries" ("seq") ON DELETE CASCADE
                """).run()
            try await sql.raw("""
                ALTER TABLE "support_entry_beneficiaries" ADD CONSTRAINT "support_entry_beneficiaries_entry_seq_fkey"
                FOREIGN KEY ("entry_seq") REFERENCES "support_entries" ("seq") ON DELETE CASCADE
                """).run()
            try await sql.raw("""
                ALTER TABLE "support_entry_volunteers" ADD CONSTRAINT "support_entry_volunteers_entry_seq_fkey"
                FOREIGN KEY ("entry_seq") REFERENCES "support_entries" ("seq") ON DELETE CASCADE
                """).run()
        }
    }
}
