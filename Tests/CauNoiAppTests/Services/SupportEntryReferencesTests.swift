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
