import CauNoiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CauNoiApp

@Suite("Team members in the web")
struct TeamMemberPageTests {
    @Test("a join recorded late is moved back on the team page; a day after an entry that names the member is refused", arguments: Engine.enabled)
    func moveJoiningDay(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let lan = try await app.volunteer("Trần Thị Lan", phone: "0947000061")
            let binh = try await app.volunteer("Lê Văn Bình", phone: "0947000062")
            let team = try await app.team(members: [lan])
            let commune = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "00070"))
            let key = team.id.uuidString.lowercased(), who = binh.uuidString.lowercased()
            func post(_ body: String) async throws -> TestingHTTPResponse {
                try await app.send(.POST, "doi-hinh/\(key)/thanh-vien", rawBody: body, contentType: .urlEncodedForm, token: commune)
            }
            // Bình's join was recorded on the 14th; an entry of that day names him.
            #expect(try await post("action=join&volunteer_id=\(who)&date=2025-08-14").status == .seeOther)
            let stored = try await app.send(.POST, "api/v1/support-entries/batch",
                                            json: Batch(entries: [entry(team: team, date: "2025-08-14", volunteers: [lan, binh])]))
            #expect(try stored.content.decode(SupportBatchResponse.self).summary.created == 1)
            let page = try await app.send(.GET, "doi-hinh/\(key)", token: commune).body.string
            #expect(page.contains("name=\"action\" value=\"start\"") && page.contains("value=\"2025-08-14\""))

            // He actually started on the 5th: moved back, and the old day is in the audit trail.
            #expect(try await post("action=start&volunteer_id=\(who)&date=2025-08-05").status == .seeOther)
            let row = try #require(try await TeamMembership.query(on: app.db).filter(\.$volunteer.$id == binh).first())
            #expect(row.fromDate == "2025-08-05")
            let audit = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "team.member_dates").first())
            #expect(audit.detail?.contains("joined 2025-08-14 → 2025-08-05") == true)
            // An entry on the 6th can now name him.
            let earlier = try await app.send(.POST, "api/v1/support-entries/batch",
                                             json: Batch(entries: [entry(team: team, date: "2025-08-06", volunteers: [binh])]))
            #expect(try earlier.content.decode(SupportBatchResponse.self).summary.created == 1)

            // Later than an entry that names him, or in the future: refused by name, nothing changed.
            let late = try await post("action=start&volunteer_id=\(who)&date=2025-08-10")
            #expect(late.status == .unprocessableEntity && late.body.string.contains("Đội đã có bản ghi ngày 06/08/2025"))
            let future = try await post("action=start&volunteer_id=\(who)&date=2025-09-01")
            #expect(future.status == .unprocessableEntity && future.body.string.contains("không được sau hôm nay"))
            #expect(try await TeamMembership.query(on: app.db).filter(\.$volunteer.$id == binh).first()?.fromDate == "2025-08-05")
        }
    }
}
