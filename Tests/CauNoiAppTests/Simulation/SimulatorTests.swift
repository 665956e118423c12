import CauNoiCore
import Fluent
import Foundation
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
}
