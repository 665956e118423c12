import CauNoiCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import CauNoiApp

/// The entries' detail rows move from the client's id to the server's row number, and the ledger's pending marks to
/// numbers of their own and then carry their entry (issue 16), without losing or mixing up any row, and back.
@Suite("Detail rows and pending marks keyed by increasing numbers")
struct SupportEntryDetailsKeyBySeqTests {
    @Test("reverting and applying the migrations over stored entries keeps every detail row with its entry and every mark; new rows number after them",
          arguments: Engine.enabled)
    func migrationKeepsDetails(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let members = [try await app.volunteer(phone: "0912000101"), try await app.volunteer(phone: "0912000102")]
            let team = try await app.team(members: members)
            let campaignID = try (try await CampaignQueries.require("he-2025", on: app.db)).requireID()
            let actor = try await app.actor(RoleAssignment(role: .centralAdmin, unitCode: "VN"))
            func store(_ shapes: [(volunteers: [UUID], counts: [String: Int], groups: [BeneficiaryGroup: Int])]) async throws -> [UUID] {
                let rows = shapes.map { shape in
                    let entry = ValidSupportEntry(id: UUID(), teamID: team.id, communeCode: team.homeCommuneCode,
                                                  date: LocalDate(iso: "2025-08-12")!, volunteerIDs: shape.volunteers, counts: shape.counts,
                                                  beneficiaries: shape.groups, place: .serviceCentre, languages: [.vi], note: nil)
                    return SupportEntryIngest.StoreRow(entry: entry, hash: SupportEntryIngest.contentHash(entry, campaignCode: "he-2025"),
                                                       province: References.province(ofCommune: entry.communeCode) ?? "",
                                                       entryID: entry.id, version: 1, campaignID: campaignID, createdAt: fixedNow)
                }
                let batch = SupportEntryIngest.BatchWrite(rows: rows, prefixes: rows.indices.map { "entries[\($0)]." }, campaignID: campaignID,
                                                          weekStartsOn: 4, audit: actor.event("support_entries.batch"), policy: actor.policy)
                let outcome = try await app.db.writeTransaction { try await SupportEntryIngest.write(batch, on: $0) }
                #expect(outcome.created.count == rows.count)
                return rows.map(\.entry.id)
            }
            let ids = try await store([
                (members, ["vneid": 3, "ho_so": 1], [.elderly: 2]),
                ([members[0]], ["thanh_toan": 5], [:]),
                ([members[1]], ["vneid": 1], [.ethnicMinority: 1, .disabled: 1]),
            ])
            let before = try await SupportEntryQueries.details(ids: ids, on: app.db)
            #expect(before.counts[ids[0]] == ["vneid": 3, "ho_so": 1])
            #expect(before.groups[ids[2]] == ["ethnic_minority": 1, "disabled": 1])
            #expect(Set(before.people[ids[0]] ?? []) == Set(members))

            // Each revert and apply run on one connection: SQLite checks an ALTER TABLE against the schema its connection
            // last read, and another connection of the pool may still hold the shape from before the revert.
            let migration = UpdateSupportEntryDetailsKeyBySeq()
            try await app.db.withConnection { db in
                try await migration.revert(on: db)
                // The old shape: rows keyed by the entry's id, the same values.
                var counts: [UUID: [String: Int]] = [:]
                for row in try await db.sql.raw("SELECT entry_id, category, count FROM support_entry_counts").all() {
                    counts[try row.decode(column: "entry_id", as: UUID.self), default: [:]][try row.decode(column: "category", as: String.self)] =
                        try row.decode(column: "count", as: Int.self)
                }
                #expect(counts == before.counts)
                let people = try await db.sql.raw("SELECT entry_id, volunteer_id FROM support_entry_volunteers").all()
                #expect(people.count == 4)
                await #expect(throws: (any Error).self) { try await db.sql.raw("SELECT seq FROM support_entries").all() }
                try await migration.prepare(on: db)
            }
            let after = try await SupportEntryQueries.details(ids: ids, on: app.db)
            #expect(after.counts == before.counts)
            #expect(after.groups == before.groups)
            #expect(after.people.mapValues(Set.init) == before.people.mapValues(Set.init))
            let numbered = try await app.db.sql.raw("SELECT seq FROM support_entries WHERE seq IS NOT NULL").all()
            #expect(numbered.count == ids.count)

            // New rows number after the migrated ones and keep their own details.
            let later = try await store([([members[0]], ["ky_nang_so": 7], [.elderly: 1])])
            let seqs = try await app.db.sql.raw("SELECT id, seq FROM support_entries").all()
                .map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "seq", as: Int.self)) }
            let newest = try #require(seqs.first { $0.0 == later[0] }?.1)
            #expect(seqs.filter { $0.0 != later[0] }.allSatisfy { $0.1 < newest })
            #expect(try await SupportEntryQueries.details(ids: later, on: app.db).counts[later[0]] == ["ky_nang_so": 7])

            // The four entries wait to be counted; their marks survive re-keying both ways (losing the entry they carry,
            // which the older shape has no room for), and are counted once, read back.
            let marks = UpdateRollupPendingKeyByMark(), carried = UpdateRollupPendingAddEntry()
            try await app.db.withConnection { db in
                try await carried.revert(on: db)
                try await marks.revert(on: db)
                let byEntry = try await db.sql.raw("SELECT entry_row_id FROM rollup_pending").all()
                    .map { try $0.decode(column: "entry_row_id", as: UUID.self) }
                #expect(Set(byEntry) == Set(ids + later))
                try await marks.prepare(on: db)
                try await carried.prepare(on: db)
            }
            let markRows = try await app.db.sql.raw("SELECT mark, entry_row_id FROM rollup_pending WHERE entry IS NULL").all()
            #expect(Set(try markRows.map { try $0.decode(column: "entry_row_id", as: UUID.self) }) == Set(ids + later))
            #expect(Set(try markRows.map { try $0.decode(column: "mark", as: Int.self) }).count == 4)
            let campaign = try await CampaignQueries.require("he-2025", on: app.db)
            try await app.db.writeTransaction { try await RollupLedgerStore.applyAllPending(on: $0) }
            #expect(try await app.db.sql.raw("SELECT COUNT(*) AS n FROM rollup_pending").first()?.decode(column: "n", as: Int.self) == 0)
            try await RollupLedgerTests().expectLedgerMatchesRaw(app, campaign: campaign, note: "after re-keying entries and marks")
        }
    }
}
