import CauNoiCore
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import VaporTesting
@testable import CauNoiApp

@Suite("Simulator smoke")
struct SimulatorTests {
    @Test("a tiny campaign loads through the write path and the rollups agree with raw sums", arguments: Engine.enabled)
    func tiny(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let report = try await Simulator.run(app, scale: .tiny, seed: 7) { _, _ in }
            #expect(report.teams > 100 && report.volunteers > 3_000 && report.entries > 3_000)
            #expect(try await SupportEntry.query(on: app.db).count() == report.entries)
            let raw = try await app.db.sql.raw("SELECT CAST(SUM(total) AS BIGINT) AS s FROM support_entries").first()?.decode(column: "s", as: Int.self)
            #expect(raw == report.supports)
            let rollup = try await app.send(.GET, "api/v1/reports/rollup?unit=VN&from=2025-07-01&to=2025-08-11").content.decode(RollupReport.self)
            #expect(rollup.current.figures.supports == report.supports)
            #expect(rollup.current.figures.teamsMaintained <= report.teams)
            #expect(rollup.children.reduce(0) { $0 + $1.current.figures.supports } == report.supports)
        }
    }

    /// The entries go in with pending marks, many transactions; the ledger is summed in memory and written once at the end.
    @Test("in many small transactions the entries are stored, and the ledger written at the end equals them, nothing left pending",
          arguments: Engine.enabled)
    func ledgerWrittenOnce(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let report = try await Simulator.run(app, scale: .tiny, seed: 7, storeBatch: 400) { _, _ in }
            #expect(report.entries > 3_000, "so that many batches are stored")
            #expect(try await SupportEntry.query(on: app.db).count() == report.entries)
            // Before anything reads the ledger (a read would count what is pending itself).
            let pending = try await app.db.sql.raw("SELECT COUNT(*) AS n FROM rollup_pending").first()?.decode(column: "n", as: Int.self)
            #expect(pending == 0)
            let campaign = try await CampaignQueries.require("he-2025", on: app.db)
            try await RollupLedgerTests().expectLedgerMatchesRaw(app, campaign: campaign, note: "simulated in transactions of 400")

            // A second load into the same campaign's ledger is refused, and leaves it as it was.
            let count = "SELECT COUNT(*) AS n FROM rollup_presence"
            let before = try await app.db.sql.raw(SQLQueryString(count)).first()?.decode(column: "n", as: Int.self)
            var load = RollupLedger.Load(weekStartsOn: campaign.weekStartsOn)
            load.add([RollupLedger.Entry(date: LocalDate(iso: "2025-07-02")!, teamID: "t", communeCode: "00004", provinceCode: "01", total: 1,
                                         place: "home", counts: ["vneid": 1], groups: [:], volunteerIDs: [])])
            let campaignID = try campaign.requireID(), second = load
            var refused: AppError?
            do {
                try await app.writeTransaction { db in try await RollupLedgerStore.writeLoad(second, campaignID: campaignID, dropping: .allOfCampaign, on: db) }
            } catch let error as AppError {
                refused = error
            }
            #expect(refused != nil)
            let after = try await app.db.sql.raw(SQLQueryString(count)).first()?.decode(column: "n", as: Int.self)
            #expect(after == before && (after ?? 0) > 0)
        }
    }

    /// A cluster's nodes count marked entries as the simulator commits them (the CI's cluster test simulates into the
    /// database its nodes serve): the simulator then finds the ledger no longer empty and counts the campaign again
    /// from its entries, and the ledger still equals them.
    @Test("a node counting entries while the simulation stores them: the ledger still equals the entries", arguments: Engine.enabled)
    func nodeCountsMeanwhile(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let done = NIOLockedValueBox(false)
            let node = Task {
                var counted = 0
                while !done.withLockedValue({ $0 }) {
                    counted += try await app.writeTransaction { db in try await RollupLedgerStore.applyPending(on: db).taken }
                    try await Task.sleep(for: .milliseconds(5))
                }
                return counted
            }
            let report: Simulator.Report
            do {
                report = try await Simulator.run(app, scale: .tiny, seed: 7, storeBatch: 400) { _, _ in }
            } catch {
                done.withLockedValue { $0 = true }
                _ = try? await node.value
                throw error
            }
            done.withLockedValue { $0 = true }
            let counted = try await node.value
            #expect(try await SupportEntry.query(on: app.db).count() == report.entries)
            let pending = try await app.db.sql.raw("SELECT COUNT(*) AS n FROM rollup_pending").first()?.decode(column: "n", as: Int.self)
            #expect(pending == 0)
            let campaign = try await CampaignQueries.require("he-2025", on: app.db)
            try await RollupLedgerTests().expectLedgerMatchesRaw(app, campaign: campaign, note: "a node counted \(counted) entries meanwhile")
        }
    }

    @Test("the same seed gives the same campaign")
    func deterministic() async throws {
        var totals: [Int] = []
        for _ in 0..<2 {
            try await withCauNoi(.sqlite) { app in
                totals.append(try await Simulator.run(app, scale: .tiny, seed: 99) { _, _ in }.supports)
            }
        }
        #expect(totals[0] == totals[1])
    }

    @Test("a team's entries per day follow the expected number at any scale, above one a day too")
    func entriesPerDay() {
        #expect(Simulator.entriesToday(mean: 10.3, roll: 0.2) == 11)
        #expect(Simulator.entriesToday(mean: 10.3, roll: 0.5) == 10)
        #expect(Simulator.entriesToday(mean: 0.4, roll: 0.3) == 1)
        #expect(Simulator.entriesToday(mean: 0.4, roll: 0.5) == 0)
        let rolls = (0..<1_000).map { (Double($0) + 0.5) / 1_000 }
        let tenfold = rolls.map { Simulator.entriesToday(mean: 8.2, roll: $0) }.reduce(0, +)
        #expect(tenfold == 8_200)
    }
}
