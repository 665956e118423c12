import CauNoiCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import CauNoiApp

/// The batch API routes by campaigns the node keeps between changes (`CampaignCatalog`), and a change made anywhere
/// — here straight in the database, as another node or the CLI would — is used by the very next batch: the writer
/// finds the raised generation before storing, and a refusal made without the writer checks it before it is answered.
@Suite("Campaign catalog")
struct CampaignCatalogTests {
    @Test("campaigns are kept between batches; a change in the database is seen by the next batch", arguments: Engine.enabled)
    func keptUntilChanged(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await app.team(members: [try await app.volunteer(phone: "0912000031")])
            func send(_ date: String) async throws -> SupportBatchResponse {
                let res = try await app.send(.POST, "api/v1/support-entries/batch", json: ["entries": [entry(team: team, date: date)]])
                #expect(res.status == .ok)
                return try res.content.decode(SupportBatchResponse.self)
            }
            func lookups(_ result: String) async throws -> Int {
                let text = try await app.metrics.scrape(today: LocalDate.today(now: fixedNow), now: fixedNow, on: app.db)
                let line = text.split(separator: "\n").first {
                    $0.hasPrefix("caunoi_cache_lookups_total") && $0.contains(#"cache="campaigns""#) && $0.contains(#"result="\#(result)""#)
                }
                return line.flatMap { Int(Double($0.split(separator: " ").last ?? "") ?? 0) } ?? 0
            }

            #expect(try await send("2025-08-12").summary.created == 1)
            let missesBefore = try await lookups("miss")
            #expect(try await send("2025-08-13").summary.created == 1)
            #expect(try await lookups("hit") >= 1, "the second batch routed by the campaigns kept in memory")
            #expect(try await lookups("miss") == missesBefore)

            // Shorten the campaign behind the node's back: its generation rises (trigger), so the next batch reads
            // the campaigns again and its entry, now after the campaign's end, is refused.
            try await app.db.sql.raw("UPDATE campaigns SET end_date = '2025-08-05'").run()
            let refused = try await send("2025-08-14")
            #expect(refused.summary.created == 0)
            #expect(refused.summary.rejected == 1)
            #expect(try await lookups("miss") == missesBefore + 1)

            // Lengthen it again: the node still holds the shortened campaign, by which the entry is refused before it
            // reaches the writer; the refusal is checked against the generation, and the entry routed again is stored.
            try await app.db.sql.raw("UPDATE campaigns SET end_date = '2025-08-31'").run()
            let stored = try await send("2025-08-14")
            #expect(stored.summary.created == 1)
            #expect(try await lookups("miss") == missesBefore + 2)
        }
    }
}
