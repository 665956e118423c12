import CauNoiCore
import Foundation
import Testing
import VaporTesting
@testable import CauNoiApp

/// A batch reads what its entries name once, before they are validated (`CampaignRouting`); each campaign's entries
/// use that read only if it holds everything they need.
@Suite("References of a batch, read once")
struct SupportEntryReferencesTests {
    @Test("the request's read equals a per-campaign read for the entries it covers, and covers nothing it did not ask for",
          arguments: Engine.enabled)
    func readOnce(engine: Engine) async throws {
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
            var draft = SupportEntryDraft()
            // As a phone may send it: upper case.
            draft.teamID = teamID.uuidString.uppercased()
            draft.communeCode = "00073"
            draft.volunteerIDs = [member.uuidString.uppercased()]
            let read = try await References.load(for: [draft], on: app.db)

            let named = [entry(volunteers: [member])]
            let covered = try #require(read.covering(named, campaignID: campaignID, weekStartsOn: 4))
            let alone = try await References.load(for: named, campaignID: campaignID, weekStartsOn: 4, on: app.db)
            #expect(covered.teams[teamID]?.homeCommune == alone.teams[teamID]?.homeCommune)
            #expect(covered.teams[teamID]?.covered == ["00073"])
            #expect(covered.provinceOfCommune == alone.provinceOfCommune)
            #expect(covered.memberships[teamID]?[member]?.count == 1)
            #expect(covered.check(named[0], prefix: "") == alone.check(named[0], prefix: ""))
            #expect(covered.check(named[0], prefix: "").isEmpty)
            #expect(covered.weekStartsOn == 4)

            // A volunteer or commune the request did not name: read again rather than answer "not a member".
            #expect(read.covering([entry(volunteers: [other])], campaignID: campaignID, weekStartsOn: 4) == nil)
            #expect(read.covering([entry(volunteers: [member], commune: "00070")], campaignID: campaignID, weekStartsOn: 4) == nil)
        }
    }
}
