import CauNoiCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import CauNoiApp

/// Entries keep one index by place, by commune; a team's and a province's entries are reached through it (issue 16).
@Suite("A team's and a province's entries through the commune index")
struct EntryPlacesTests {
    @Test("a team's entries are found where they were recorded, whatever its commune is now; a province's are its communes'; the pairs come back after a revert",
          arguments: Engine.enabled)
    func teamsAndProvinces(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let hanoiTeam = try await app.team(commune: "00070", members: [try await app.volunteer(phone: "0912000201")])
            let otherTeam = try await app.team(commune: "26506", members: [try await app.volunteer(phone: "0912000202", commune: "26506")])
            let stored = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: [
                entry(team: hanoiTeam, date: "2025-08-11", counts: ["vneid": 8]),
                entry(team: hanoiTeam, date: "2025-08-12", counts: ["ho_so": 6]),
                entry(team: otherTeam, date: "2025-08-12", counts: ["vneid": 9]),
            ]))
            #expect(try stored.content.decode(SupportBatchResponse.self).summary.created == 3, "\(stored.body.string)")
            let pairs = try await Self.pairs(app.db)
            #expect(pairs == [Self.pair(hanoiTeam.id, "00070"), Self.pair(otherTeam.id, "26506")].sorted())

            // The team moves: its home commune no longer says where its entries are.
            try await app.db.sql.raw("UPDATE teams SET home_commune_code = '26506' WHERE id = \(bind: hanoiTeam.id)").run()
            let campaign = try await CampaignQueries.require("he-2025", on: app.db)
            let campaignID = try campaign.requireID()
            let byTeam = try await SupportEntryQueries.list(.init(campaignID: campaignID, team: hanoiTeam.id), scope: .everything, on: app.db)
            #expect(byTeam.total == 2 && byTeam.items.allSatisfy { $0.teamID == hanoiTeam.id })
            let leader = try await SupportEntryQueries.list(.init(campaignID: campaignID), scope: ScopeFilter(teams: [hanoiTeam.id]), on: app.db)
            #expect(leader.total == 2 && leader.items.allSatisfy { $0.teamID == hanoiTeam.id })
            let province = try #require(References.province(ofCommune: "00070"))
            #expect(References.province(ofCommune: "26506") != province)
            let byProvince = try await SupportEntryQueries.list(.init(campaignID: campaignID, province: province), scope: .everything, on: app.db)
            #expect(byProvince.total == 2 && byProvince.items.allSatisfy { $0.communeCode == "00070" })
            let officer = try await SupportEntryQueries.list(.init(campaignID: campaignID), scope: ScopeFilter(provinces: [province]), on: app.db)
            #expect(officer.total == 2)
            let nobody = try await SupportEntryQueries.list(.init(campaignID: campaignID, team: UUID()), scope: .everything, on: app.db)
            #expect(nobody.total == 0)

            let range = DateRange(from: LocalDate(iso: "2025-08-01")!, to: LocalDate(iso: "2025-08-31")!)!
            let team = try await RollupQueries.rawFigures(.init(campaignID: campaignID, unit: .team(hanoiTeam.id), range: range, requiredCourses: []),
                                                          on: app.db)
            #expect(team[""]?.supports == 14)
            let region = try await RollupQueries.rawFigures(.init(campaignID: campaignID, unit: .province(province), range: range, requiredCourses: []),
                                                            on: app.db)
            #expect(region[""]?.supports == 14)

            if engine == .sqlite {
                // The team's rows are searched in the commune index, not scanned.
                let plan = try await app.db.sql.raw("""
                    EXPLAIN QUERY PLAN SELECT SUM(e.total) FROM support_entries e WHERE \(RollupQueries.whereClause(
                        .init(campaignID: campaignID, unit: .team(hanoiTeam.id), range: range, requiredCourses: [])))
                    """).all().map { try $0.decode(column: "detail", as: String.self) }
                #expect(plan.contains { $0.contains("SEARCH e USING INDEX idx_entries_commune_campaign_date") }, "\(plan)")
            }

            // Reverting brings the indexes back and drops the pairs; applying again finds them in the stored entries.
            try await app.db.withConnection { db in
                try await UpdateSupportEntryDropTeamAndProvinceIndexes().revert(on: db)
                try await CreateTeamEntryCommune().revert(on: db)
                await #expect(throws: (any Error).self) { try await db.sql.raw("SELECT * FROM team_entry_communes").all() }
                try await CreateTeamEntryCommune().prepare(on: db)
                try await UpdateSupportEntryDropTeamAndProvinceIndexes().prepare(on: db)
            }
            #expect(try await Self.pairs(app.db) == pairs)
        }
    }

    private static func pair(_ team: UUID, _ commune: String) -> String { "\(team.uuidString.lowercased()) \(commune)" }

    private static func pairs(_ db: any Database) async throws -> [String] {
        try await db.sql.raw("SELECT team_id, commune_code FROM team_entry_communes").all()
            .map { pair(try $0.decode(column: "team_id", as: UUID.self), try $0.decode(column: "commune_code", as: String.self)) }.sorted()
    }
}
