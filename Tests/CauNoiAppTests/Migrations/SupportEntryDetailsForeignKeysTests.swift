import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import CauNoiApp

/// On PostgreSQL detail rows keep no foreign key to their entry (issue 16): what the key guaranteed — every detail row
/// has its entry — holds by the one write path, through merged batches with duplicates, conflicts and rejections; the
/// key to volunteers stays; reverting puts the entry keys back without losing a row. SQLite keeps its keys.
@Suite("Entry detail rows without a foreign key to their entry on PostgreSQL")
struct SupportEntryDetailsForeignKeysTests {
    @Test("ingest leaves no detail row without its entry; on PostgreSQL only the volunteer key is left, and a revert restores the entry keys",
          arguments: Engine.enabled)
    func detailsWithoutEntryKeys(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let members = [try await app.volunteer(phone: "0912000201"), try await app.volunteer(phone: "0912000202")]
            let team = try await app.team(members: members)
            let repeated = UUID()
            // Batches sent together (merged into shared commits), with the same id twice, a conflict and a rejection.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<8 {
                    group.addTask {
                        var entries = (0..<5).map { _ in entry(team: team) }
                        entries.append(entry(id: repeated, team: team, counts: ["vneid": n % 2 == 0 ? 10 : 11]))
                        entries.append(entry(team: team, date: "2025-13-40"))
                        let res = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: entries))
                        #expect(res.status == .ok)
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM support_entries", app.db) == 41)
            for table in ["support_entry_counts", "support_entry_beneficiaries", "support_entry_volunteers"] {
                #expect(try await Self.count("SELECT COUNT(*) AS n FROM \(table)", app.db) > 0, "\(table)")
                let orphans = try await Self.count("""
                    SELECT COUNT(*) AS n FROM \(table) d WHERE NOT EXISTS (SELECT 1 FROM support_entries e WHERE e.seq = d.entry_seq)
                    """, app.db)
                #expect(orphans == 0, "\(table)")
            }
            // Two categories an entry; the repeated entry's one.
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM support_entry_counts", app.db) == 40 * 2 + 1)
            let withEntryKeys = [
                "support_entry_beneficiaries → support_entries", "support_entry_counts → support_entries",
                "support_entry_volunteers → support_entries", "support_entry_volunteers → volunteers",
            ]
            let applied = engine == .sqlite ? withEntryKeys : ["support_entry_volunteers → volunteers"]
            #expect(try await Self.keys(app.db, engine) == applied)

            let before = try await Self.rows(app.db)
            try await app.db.withConnection { db in
                try await UpdateSupportEntryDetailsDropEntryForeignKeys().revert(on: db)
                #expect(try await Self.keys(db, engine) == withEntryKeys)
                #expect(try await Self.rows(db) == before)
                try await UpdateSupportEntryDetailsDropEntryForeignKeys().prepare(on: db)
                #expect(try await Self.keys(db, engine) == applied)
            }
            #expect(try await Self.rows(app.db) == before)
            // Still written after the tables were built again.
            let res = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: [entry(team: team)]))
            #expect(try res.content.decode(SupportBatchResponse.self).summary.created == 1)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM support_entry_counts", app.db) == 41 * 2 + 1)
        }
    }

    private static func count(_ query: String, _ db: any Database) async throws -> Int {
        try await db.sql.raw(SQLQueryString(query)).first()?.decode(column: "n", as: Int.self) ?? -1
    }

    /// "table → referenced table" for every foreign key of the three detail tables.
    private static func keys(_ db: any Database, _ engine: Engine) async throws -> [String] {
        var out: [String] = []
        for table in ["support_entry_counts", "support_entry_beneficiaries", "support_entry_volunteers"] {
            let query: SQLQueryString = engine == .sqlite
                ? "SELECT \"table\" AS target FROM pragma_foreign_key_list(\(bind: table))"
                : "SELECT confrelid::regclass::text AS target FROM pg_constraint WHERE contype = 'f' AND conrelid = \(bind: table)::regclass"
            for row in try await db.sql.raw(query).all() {
                out.append("\(table) → \(try row.decode(column: "target", as: String.self))")
            }
        }
        return out.sorted()
    }

    /// Every detail row as text, sorted.
    private static func rows(_ db: any Database) async throws -> [String] {
        var out: [String] = []
        for row in try await db.sql.raw("SELECT entry_seq, category, count FROM support_entry_counts").all() {
            out.append("c \(try row.decode(column: "entry_seq", as: Int.self)) \(try row.decode(column: "category", as: String.self)) \(try row.decode(column: "count", as: Int.self))")
        }
        for row in try await db.sql.raw("SELECT entry_seq, beneficiary_group, count FROM support_entry_beneficiaries").all() {
            out.append("b \(try row.decode(column: "entry_seq", as: Int.self)) \(try row.decode(column: "beneficiary_group", as: String.self)) \(try row.decode(column: "count", as: Int.self))")
        }
        for row in try await db.sql.raw("SELECT entry_seq, volunteer_id FROM support_entry_volunteers").all() {
            out.append("v \(try row.decode(column: "entry_seq", as: Int.self)) \(try row.decode(column: "volunteer_id", as: UUID.self))")
        }
        return out.sorted()
    }
}
