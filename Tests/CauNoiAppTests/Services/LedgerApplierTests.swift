import CauNoiCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import CauNoiApp

/// Batches store their entries with a pending mark; the ledger counts them later, many commits at once, and a read
/// of the ledger counts what is pending first.
@Suite("Rollup ledger counted after the commit")
struct LedgerApplierTests {
    @Test("stored entries wait with a mark carrying what the ledger counts; the applier counts them once, and the ledger equals the raw rollup",
          arguments: Engine.enabled)
    func appliedLater(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let members = [try await app.volunteer(phone: "0912000011"), try await app.volunteer(phone: "0912000012")]
            let team = try await app.team(members: members)
            let campaign = try await CampaignQueries.require("he-2025", on: app.db)
            let campaignID = try campaign.requireID()
            func pending() async throws -> Int { try await pendingMarks(app) }
            @discardableResult
            func post(_ dates: [String]) async throws -> [String] { try await postBatch(app, team: team, dates: dates) }
            let applier = try #require(app.ledgerApplier)
            let generation = try await RollupLedgerStore.generation(campaignID: campaignID, on: app.db)

            // Stored and marked, not yet counted: the ledger has not moved.
            let ids = try await post(["2025-08-11", "2025-08-12", "2025-08-05"])
            #expect(try await pending() == 3)
            // The batch's audit row names its first created entry (by text order).
            let audited = try await AuditEntry.query(on: app.db).filter(\.$action == "support_entries.batch").all().map(\.objectID)
            #expect(audited == [ids.map { $0.lowercased() }.min()])
            #expect(try await RollupLedgerStore.generation(campaignID: campaignID, on: app.db) == generation)

            // Each mark carries its entry as the ledger sees it, equal to the stored version read back.
            let rowIDs = try await markedRowIDs(app)
            let prepared = try #require(try await RollupLedgerStore.preparePending(limit: 100, on: app.db))
            #expect(Set(prepared.ids) == Set(rowIDs))
            #expect(prepared.entries == (try await RollupLedgerStore.entriesByID(ids: rowIDs, on: app.db)))

            // Counted once.
            #expect(try await applier.applyAll() == 3)
            #expect(try await pending() == 0)
            #expect(try await applier.applyAll() == 0)
            #expect(try await RollupLedgerStore.generation(campaignID: campaignID, on: app.db) > generation)
            try await RollupLedgerTests().expectLedgerMatchesRaw(app, campaign: campaign, note: "applied from the marks")

            // A mark written before marks carried their entry (none here) is counted from the stored row, read back.
            try await post(["2025-08-13", "2025-08-06"])
            try await app.db.sql.raw("UPDATE rollup_pending SET entry = NULL").run()
            let db = app.db
            let other = LedgerApplier(limit: 1, transaction: { body in try await db.writeTransaction(body) })
            #expect(try await other.applyAll() == 2)
            #expect(try await pending() == 0)
            try await RollupLedgerTests().expectLedgerMatchesRaw(app, campaign: campaign, note: "read back, one per transaction")

            // A read counts what is pending itself; a rebuild counts marked entries once and drops their marks.
            try await post(["2025-08-14"])
            try await RollupLedgerTests().expectLedgerMatchesRaw(app, campaign: campaign, note: "counted by the read")
            #expect(try await pending() == 0)
            try await post(["2025-08-15"])
            try await RollupLedgerStore.rebuild(campaign: campaign, on: app.db)
            #expect(try await pending() == 0)
            #expect(try await applier.applyAll() == 0, "the marked entry was counted by the rebuild, not again")
            try await RollupLedgerTests().expectLedgerMatchesRaw(app, campaign: campaign, note: "after a rebuild")
        }
    }

    /// The ledger counts a mark's own copy of its entry, not the stored row: reading a burst's entries back had cost
    /// more than storing them.
    @Test("a mark's entry is what is counted; a mark without one is read back", arguments: Engine.enabled)
    func countsTheMarksCopy(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await app.team(members: [try await app.volunteer(phone: "0912000013")])
            try await postBatch(app, team: team, dates: ["2025-08-11", "2025-08-12"])
            let rowIDs = try await markedRowIDs(app)
            // The stored rows changed behind the ledger's back (only to tell which copy is read).
            try await app.db.sql.raw("UPDATE support_entries SET total = total + 1000").run()
            let fromMarks = try #require(try await RollupLedgerStore.preparePending(limit: 100, on: app.db))
            #expect(rowIDs.allSatisfy { (fromMarks.entries[$0]?.total ?? 0) < 1000 })
            try await app.db.sql.raw("UPDATE rollup_pending SET entry = NULL WHERE entry_row_id = \(bind: rowIDs[0])").run()
            let mixed = try #require(try await RollupLedgerStore.preparePending(limit: 100, on: app.db))
            #expect((mixed.entries[rowIDs[0]]?.total ?? 0) > 1000, "read back")
            #expect((mixed.entries[rowIDs[1]]?.total ?? 0) < 1000, "from the mark")
        }
    }

    /// Under a long burst the background applier counts one slice between group commits, so a batch waits behind at
    /// most one slice's transaction.
    @Test("a slice counts at most its limit and leaves the rest pending; slices add up to everything, once", arguments: Engine.enabled)
    func slices(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await app.team(members: [try await app.volunteer(phone: "0912000041")])
            try await postBatch(app, team: team, dates: ["2025-08-11", "2025-08-12", "2025-08-13", "2025-08-05", "2025-08-06"])
            let db = app.db
            let applier = LedgerApplier(sliceLimit: 2, transaction: { body in try await db.writeTransaction(body) })
            #expect(try await applier.applySlice() == 2)
            #expect(try await pendingMarks(app) == 3)
            #expect(try await applier.applySlice() == 2)
            #expect(try await applier.applySlice() == 1)
            #expect(try await applier.applySlice() == 0)
            #expect(try await pendingMarks(app) == 0)
            let campaign = try await CampaignQueries.require("he-2025", on: app.db)
            try await RollupLedgerTests().expectLedgerMatchesRaw(app, campaign: campaign, note: "counted in slices of two")
        }
    }

    /// postgres-nio can lose a statement sent as PostgreSQL restarts, and its caller then waits for ever: a ledger
    /// transaction must not stop the node's counting for good (the kill test found 71,260 entries never counted).
    @Test("a ledger transaction that never answers fails at its deadline; the next one counts what is pending", arguments: Engine.enabled)
    func transactionDeadline(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await app.team(members: [try await app.volunteer(phone: "0912000023")])
            try await postBatch(app, team: team, dates: ["2025-08-11", "2025-08-12"])
            // Gives up after 5 s with another error: only the deadline answers "database unavailable".
            let lost = LedgerApplier(deadline: .milliseconds(200), transaction: { _ in
                try await Task.sleep(for: .seconds(5))
                throw AppError.server
            })
            let error = await #expect(throws: AppError.self) { try await lost.applyAll() }
            guard case .databaseUnavailable = error else {
                Issue.record("expected database unavailable at the deadline, got \(String(describing: error))")
                return
            }
            #expect(try await pendingMarks(app) == 2, "nothing was counted by the transaction that never answered")
            let db = app.db
            let working = LedgerApplier(transaction: { body in try await db.writeTransaction(body) })
            #expect(try await working.applyAll() == 2)
            #expect(try await pendingMarks(app) == 0)
        }
    }

    @Test("the node's background applier counts what batches leave pending", arguments: Engine.enabled)
    func backgroundApplier(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await app.team(members: [try await app.volunteer(phone: "0912000021")])
            let lifecycle = LedgerApplierLifecycle(tick: .milliseconds(20))
            try lifecycle.didBoot(app)
            try await postBatch(app, team: team, dates: ["2025-08-11", "2025-08-12"])
            // No timing asserted: only that it happens (the deadline is generous for a loaded machine).
            var left = -1
            for _ in 0..<3_000 {
                left = try await pendingMarks(app)
                if left == 0 { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            await lifecycle.shutdownAsync(app)
            #expect(left == 0)
            let campaign = try await CampaignQueries.require("he-2025", on: app.db)
            try await RollupLedgerTests().expectLedgerMatchesRaw(app, campaign: campaign, note: "after the background applier")
        }
    }

    @Test("a correction of an entry not yet counted counts what is pending first, then moves it", arguments: Engine.enabled)
    func correctionOfPendingEntry(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let members = [try await app.volunteer(phone: "0912000031"), try await app.volunteer(phone: "0912000032")]
            let team = try await app.team(members: members)
            let first = UUID()
            let res = try await app.send(.POST, "api/v1/support-entries/batch", json: ["entries": [
                entry(id: first, team: team, date: "2025-08-12"), entry(team: team, date: "2025-08-13")]])
            #expect(try res.content.decode(SupportBatchResponse.self).summary.created == 2)
            #expect(try await pendingMarks(app) == 2)

            let row = try #require(try await SupportEntry.find(first, on: app.db))
            let body: [String: AnyEncodable] = [
                "correction_id": AnyEncodable(UUID().uuidString), "base_version": AnyEncodable(row.version),
                "team_id": AnyEncodable(team.id.uuidString), "commune_code": AnyEncodable(row.communeCode), "date": AnyEncodable("2025-08-05"),
                "volunteer_ids": AnyEncodable([members[0].uuidString]), "counts": AnyEncodable(["vneid": 4]),
                "place": AnyEncodable("service_centre"), "languages": AnyEncodable(["vi"]),
            ]
            let corrected = try await app.send(.POST, "api/v1/support-entries/\(row.entryID)/corrections", json: body)
            #expect(corrected.status == .created, "\(corrected.body.string)")
            #expect(try await pendingMarks(app) == 0, "the correction counted the batch first")
            let campaign = try await CampaignQueries.require("he-2025", on: app.db)
            try await RollupLedgerTests().expectLedgerMatchesRaw(app, campaign: campaign, note: "after correcting an entry that was pending")
        }
    }

    /// SQLite prepares a fold on a readers' connection and writes it under the writer only if no ledger write came
    /// between; otherwise it counts again from the stored rows. Either way each entry is counted once.
    @Test("a fold prepared beside the writer is written if nothing moved the ledger, else counted again; never twice",
          arguments: Engine.enabled)
    func preparedBesideTheWriter(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await app.team(members: [try await app.volunteer(phone: "0912000051")])
            let campaign = try await CampaignQueries.require("he-2025", on: app.db)
            let campaignID = try campaign.requireID()
            func post(_ dates: [String]) async throws { try await postBatch(app, team: team, dates: dates) }
            func pending() async throws -> Int { try await pendingMarks(app) }

            // Nothing in between: the plan is written; a batch stored after the plan keeps its mark.
            try await post(["2025-08-11", "2025-08-12"])
            let first = try #require(try await RollupLedgerStore.preparePending(limit: 100, on: app.db))
            #expect(first.ids.count == 2 && first.plan != nil)
            try await post(["2025-08-13"])
            #expect(try await app.db.writeTransaction { try await RollupLedgerStore.applyPrepared(first, on: $0) }.taken == 2)
            #expect(try await pending() == 1)

            // A ledger write in between (here: a read counting everything): the plan is not used, nothing twice.
            let second = try #require(try await RollupLedgerStore.preparePending(limit: 100, on: app.db))
            _ = try await RollupLedgerStore.caughtUpGeneration(campaignID: campaignID, on: app.db)
            #expect(try await app.db.writeTransaction { try await RollupLedgerStore.applyPrepared(second, on: $0) }.taken == 0)
            #expect(try await pending() == 0)
            try await RollupLedgerTests().expectLedgerMatchesRaw(app, campaign: campaign, note: "after a prepared fold and a stale one")
        }
    }
}

/// A rollup read counts a backlog itself, in slices that are write transactions of their own, so batches arriving
/// meanwhile commit between them.
@Suite("A rollup read counts its backlog in slices")
struct LedgerReadSliceTests {
    @Test("a read counts every pending entry, a slice per write transaction, and the figures equal the raw rollup",
          arguments: Engine.enabled)
    func readCountsInSlices(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await app.team(members: [try await app.volunteer(phone: "0912000061")])
            let campaign = try await CampaignQueries.require("he-2025", on: app.db)
            let campaignID = try campaign.requireID()
            try await postBatch(app, team: team, dates: ["2025-08-11", "2025-08-12", "2025-08-13", "2025-08-14", "2025-08-15"])
            #expect(try await pendingMarks(app) == 5)
            let before = try await RollupLedgerStore.generation(campaignID: campaignID, on: app.db)
            let after = try await RollupLedgerStore.caughtUpGeneration(campaignID: campaignID, slice: 2, on: app.db)
            #expect(try await pendingMarks(app) == 0)
            // Each ledger write moves the generation once: 2 + 2 + 1 entries, three transactions.
            #expect(after - before == 3)
            #expect(try await RollupLedgerStore.caughtUpGeneration(campaignID: campaignID, slice: 2, on: app.db) == after)
            try await RollupLedgerTests().expectLedgerMatchesRaw(app, campaign: campaign, note: "after a read counted in slices")
        }
    }
}

/// Entries waiting to be counted.
private func pendingMarks(_ app: Application) async throws -> Int {
    try await app.db.sql.raw("SELECT COUNT(*) AS n FROM rollup_pending").first()?.decode(column: "n", as: Int.self) ?? -1
}

/// The row ids of the marked entries, oldest mark first.
private func markedRowIDs(_ app: Application) async throws -> [UUID] {
    try await app.db.sql.raw("SELECT entry_row_id FROM rollup_pending ORDER BY mark").all().map { try $0.decode(column: "entry_row_id", as: UUID.self) }
}

/// Posts one batch of the team's entries on these days; every one must be created. Returns the ids answered.
@discardableResult
private func postBatch(_ app: Application, team: TeamDTO, dates: [String]) async throws -> [String] {
    let res = try await app.send(.POST, "api/v1/support-entries/batch", json: ["entries": dates.map { entry(team: team, date: $0) }])
    let answer = try res.content.decode(SupportBatchResponse.self)
    #expect(answer.summary.created == dates.count)
    return answer.results.compactMap(\.id)
}
