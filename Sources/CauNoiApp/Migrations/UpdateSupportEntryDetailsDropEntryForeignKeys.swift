import Fluent
import SQLKit

/// An entry's detail rows (its counts, beneficiary groups and attendance) lose their foreign key to the entry's row
/// number (issue 16). The key was checked once for every detail row stored, about four an entry, and the answer is
/// always yes: detail rows are written only by `SupportEntryIngest.store`, in the entry's own transaction, for the row
/// numbers its insert has just taken and returned, and entries are never deleted (a correction adds a version), so
/// the key's cascade never ran either. On PostgreSQL each check is a `SELECT … FOR KEY SHARE` of the entry through the
/// trigger machinery — about two-fifths of the server's CPU under phones' batches (`perf`, BENCHMARKS.md "Issue 16,
/// twenty-fifth session"). The attendance rows keep their key to `volunteers`, whose rows other requests manage.
///
/// On SQLite a foreign key cannot be dropped in place: each table is built again (the same columns and key, WITHOUT
/// ROWID) and its rows copied over. Reverting puts the keys back, with their cascade.
struct UpdateSupportEntryDetailsDropEntryForeignKeys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { db in
            let sql = db.sql
            guard db.isSQLite else {
                for table in ["support_entry_counts", "support_entry_beneficiaries", "support_entry_volunteers"] {
                    // Named by the table they were made in (`UpdateSupportEntryDetailsKeyBySeq` built each under another name).
                    let names = try await sql.raw("""
                        SELECT conname FROM pg_constraint
                        WHERE contype = 'f' AND conrelid = \(bind: table)::regclass AND confrelid = 'support_entries'::regclass
                        """).all().map { try $0.decode(column: "conname", as: String.self) }
                    for name in names {
                        try await sql.raw("ALTER TABLE \(ident: table) DROP CONSTRAINT \(ident: name)").run()
                    }
                }
                return
            }
            try await sql.raw("""
                CREATE TABLE "support_entry_counts_new" ("entry_seq" INTEGER NOT NULL, "category" TEXT NOT NULL, \
                "count" INTEGER NOT NULL, PRIMARY KEY ("entry_seq", "category")) WITHOUT ROWID
                """).run()
            try await sql.raw("""
                INSERT INTO "support_entry_counts_new" ("entry_seq", "category", "count")
                SELECT "entry_seq", "category", "count" FROM "support_entry_counts"
                """).run()
            try await sql.raw("DROP TABLE \"support_entry_counts\"").run()
            try await sql.raw("ALTER TABLE \"support_entry_counts_new\" RENAME TO \"support_entry_counts\"").run()

            try await sql.raw("""
                CREATE TABLE "support_entry_beneficiaries_new" ("entry_seq" INTEGER NOT NULL, "beneficiary_group" TEXT NOT NULL, \
                "count" INTEGER NOT NULL, PRIMARY KEY ("entry_seq", "beneficiary_group")) WITHOUT ROWID
                """).run()
            try await sql.raw("""
                INSERT INTO "support_entry_beneficiaries_new" ("entry_seq", "beneficiary_group", "count")
                SELECT "entry_seq", "beneficiary_group", "count" FROM "support_entry_beneficiaries"
                """).run()
            try await sql.raw("DROP TABLE \"support_entry_beneficiaries\"").run()
            try await sql.raw("ALTER TABLE \"support_entry_beneficiaries_new\" RENAME TO \"support_entry_beneficiaries\"").run()

            try await sql.raw("""
                CREATE TABLE "support_entry_volunteers_new" ("entry_seq" INTEGER NOT NULL, \
                "volunteer_id" UUID NOT NULL REFERENCES "volunteers" ("id"), PRIMARY KEY ("entry_seq", "volunteer_id")) WITHOUT ROWID
                """).run()
            try await sql.raw("""
                INSERT INTO "support_entry_volunteers_new" ("entry_seq", "volunteer_id")
                SELECT "entry_seq", "volunteer_id" FROM "support_entry_volunteers"
                """).run()
            try await sql.raw("DROP TABLE \"support_entry_volunteers\"").run()
            try await sql.raw("ALTER TABLE \"support_entry_volunteers_new\" RENAME TO \"support_entry_volunteers\"").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.transaction { db in
            let sql = db.sql
            guard db.isSQLite else {
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
                return
            }
            try await sql.raw("""
                CREATE TABLE "support_entry_counts_old" ("entry_seq" INTEGER NOT NULL REFERENCES "support_entries" ("seq") ON DELETE CASCADE, \
                "category" TEXT NOT NULL, "count" INTEGER NOT NULL, PRIMARY KEY ("entry_seq", "category")) WITHOUT ROWID
                """).run()
            try await sql.raw("""
                INSERT INTO "support_entry_counts_old" ("entry_seq", "category", "count")
                SELECT "entry_seq", "category", "count" FROM "support_entry_counts"
                """).run()
            try await sql.raw("DROP TABLE \"support_entry_counts\"").run()
            try await sql.raw("ALTER TABLE \"support_entry_counts_old\" RENAME TO \"support_entry_counts\"").run()

            try await sql.raw("""
                CREATE TABLE "support_entry_beneficiaries_old" ("entry_seq" INTEGER NOT NULL REFERENCES "support_entries" ("seq") \
                ON DELETE CASCADE, "beneficiary_group" TEXT NOT NULL, "count" INTEGER NOT NULL, \
                PRIMARY KEY ("entry_seq", "beneficiary_group")) WITHOUT ROWID
                """).run()
            try await sql.raw("""
                INSERT INTO "support_entry_beneficiaries_old" ("entry_seq", "beneficiary_group", "count")
                SELECT "entry_seq", "beneficiary_group", "count" FROM "support_entry_beneficiaries"
                """).run()
            try await sql.raw("DROP TABLE \"support_entry_beneficiaries\"").run()
            try await sql.raw("ALTER TABLE \"support_entry_beneficiaries_old\" RENAME TO \"support_entry_beneficiaries\"").run()

            try await sql.raw("""
                CREATE TABLE "support_entry_volunteers_old" ("entry_seq" INTEGER NOT NULL REFERENCES "support_entries" ("seq") \
                ON DELETE CASCADE, "volunteer_id" UUID NOT NULL REFERENCES "volunteers" ("id"), \
                PRIMARY KEY ("entry_seq", "volunteer_id")) WITHOUT ROWID
                """).run()
            try await sql.raw("""
                INSERT INTO "support_entry_volunteers_old" ("entry_seq", "volunteer_id")
                SELECT "entry_seq", "volunteer_id" FROM "support_entry_volunteers"
                """).run()
            try await sql.raw("DROP TABLE \"support_entry_volunteers\"").run()
            try await sql.raw("ALTER TABLE \"support_entry_volunteers_old\" RENAME TO \"support_entry_volunteers\"").run()
        }
    }
}
