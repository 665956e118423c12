import CauNoiCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import CauNoiApp

/// A group commit reads what all its batches' entries name once, in its transaction (`References.load(for:on:)`);
/// each batch is checked against that read narrowed to its campaign. Communes' provinces come from the shipped
/// hierarchy, which must be what `org_units` holds.
@Suite("References of a group, read once")
struct SupportEntryReferencesTests {
    @Test("a group's read, narrowed to a campaign, checks each entry as a read of that entry alone does", arguments: Engine.enabled)
    func groupRead(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let member = try await app.volunteer(phone: "0912000031")
            let other = try await app.volunteer(phone: "0912000032")
            let team = try await app.team(members: [member], covered: ["00073"])
            let teamID = team.id
            let campaignID = try (try await CampaignQueries.require("he-2025", on: app.db)).requireID()
            func entry(volunteers: [UUID], commune: String = "00073") -> ValidSupportEntry {
                ValidSupportEntry(id: UUID(), teamID: teamID, communeCode: commune, date: LocalDate(iso: "2025-08-12")!,
                                  volunteerIDs: volunteers, counts: ["vneid": 1], beneficiaries: [:], place: .serviceCentre,
                                  languages: [.vi], note: nil)
            }
            // One batch names the member, another a volunteer of no team, a third a commune the team does not serve (Ba Đình).
            let entries = [entry(volunteers: [member]), entry(volunteers: [other]), entry(volunteers: [member], commune: "00004")]
            let group = try await References.load(for: entries, on: app.db)
            #expect(group.campaignsGeneration != nil, "a group's read carries the campaigns' generation")
            let narrowed = group.narrowed(to: campaignID, weekStartsOn: 4)
            #expect(narrowed.weekStartsOn == 4)
            for one in entries {
                let alone = try await References.load(for: [one], campaignID: campaignID, weekStartsOn: 4, on: app.db)
                #expect(alone.campaignsGeneration == nil)
                #expect(narrowed.check(one, prefix: "") == alone.check(one, prefix: ""))
            }
            #expect(narrowed.check(entries[0], prefix: "").isEmpty)
            #expect(narrowed.check(entries[1], prefix: "").map(\.field) == ["volunteer_ids"])
            #expect(narrowed.check(entries[2], prefix: "").map(\.field) == ["commune_code"])
        }
    }

    /// A node keeps the references its groups read while this generation has not moved (`ReferenceCache`): every
    /// change they are made of must move it, whoever makes it (triggers), and nothing else need.
    @Test("the references' generation moves with every change an entry is checked against", arguments: Engine.enabled)
    func generationMoves(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            func generation() async throws -> Int64 { try #require(try await References.generations(on: app.db).references) }
            var last = try await generation()
            func expectMoved(_ change: String, moved: Bool = true) async throws {
                let now = try await generation()
                #expect((now > last) == moved, "\(change): \(last) → \(now)")
                last = now
            }
            let member = try await app.volunteer(phone: "0912000051")
            try await expectMoved("a volunteer created", moved: false)
            let team = try await app.team(members: [member], covered: ["00073"])
            try await expectMoved("a team created with coverage and members")
            let id = team.id
            try await app.db.sql.raw("UPDATE teams SET name = 'Đội hình mới' WHERE id = \(bind: id)").run()
            try await expectMoved("a team renamed", moved: false)
            try await app.db.sql.raw("UPDATE teams SET active_to = '2025-09-30' WHERE id = \(bind: id)").run()
            try await expectMoved("a team's end date")
            try await app.db.sql.raw("DELETE FROM team_coverage WHERE team_id = \(bind: id)").run()
            try await expectMoved("coverage removed")
            try await app.db.sql.raw("UPDATE team_memberships SET to_date = '2025-08-31' WHERE team_id = \(bind: id)").run()
            try await expectMoved("a membership ended")
            var report = WeeklyReportDraft()
            report.communeCode = "00070"
            report.week = "2025-07-31"
            report.highlights = "Ổn định"
            let submitted = try await app.send(.POST, "api/v1/weekly-reports", json: report).content.decode(WeeklyReportDTO.self)
            try await expectMoved("a weekly report submitted")
            #expect(try await app.send(.POST, "api/v1/weekly-reports/\(submitted.id)/approve").status == .ok)
            try await expectMoved("a weekly report approved")
            try await app.db.sql.raw("UPDATE weekly_reports SET highlights = 'Tốt' WHERE id = \(bind: submitted.id)").run()
            try await expectMoved("a report's text edited", moved: false)
        }
    }

    @Test("every commune's province in org_units is the shipped hierarchy's", arguments: Engine.enabled)
    func provincesAsShipped(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let rows = try await app.db.sql.raw("SELECT code, province_code FROM org_units WHERE level = 'commune'").all()
            #expect(rows.count == 3_321)
            var differing: [String] = []
            for row in rows {
                let code = try row.decode(column: "code", as: String.self)
                if References.province(ofCommune: code) != (try row.decode(column: "province_code", as: String?.self)) { differing.append(code) }
            }
            #expect(differing.isEmpty)
            #expect(References.province(ofCommune: "01") == nil, "a province is not a commune")
            #expect(References.province(ofCommune: "99999") == nil)
        }
    }
}
