import CauNoiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CauNoiApp

@Suite("Supervision visits: the checklist, findings followed up and closed, breaches escalated to the province")
struct SupervisionTests {
    static func form(_ fields: [(String, String)]) -> String { fields.map { "\($0.0)=\(Browser.enc($0.1))" }.joined(separator: "&") }

    static func answers(_ notKept: Set<String> = []) -> [(String, String)] {
        ChecklistItem.allCases.map { ("answers[\($0.rawValue)]", notKept.contains($0.rawValue) ? "not_ok" : "ok") }
    }

    @Test("a commune officer records a visit with a breach; the province sees it, follows it up and closes it; the briefing counts it",
          arguments: Engine.enabled)
    func visitAndFollowUp(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let v = try await app.volunteer("Người Hoàn Kiếm", phone: "0912000001", commune: "00070")
            let team = try await app.team(commune: "00070", members: [v])
            let commune = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "00070"))
            let province = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))

            // "Not kept" without a finding about it is refused, naming the item; nothing is stored.
            let missing = try await app.send(.POST, "giam-sat/moi", rawBody: Self.form([("team_id", team.id.uuidString), ("visited_on", "2025-08-14")]
                + Self.answers(["no_officials_work"])), contentType: .urlEncodedForm, token: commune)
            #expect(missing.status == .unprocessableEntity && missing.body.string.contains("Không làm thay nghiệp vụ của cán bộ"))
            // Personal data in a finding is refused too.
            let personal = try await app.send(.POST, "giam-sat/moi", rawBody: Self.form([("team_id", team.id.uuidString), ("visited_on", "2025-08-14")]
                + Self.answers(["no_officials_work"]) + [("item1", "no_officials_work"), ("description1", "TNV nhập hồ sơ của bà Lan, CCCD 001234567890"),
                                                          ("action1", "Nhắc nhở"), ("owner1", "Đội trưởng"), ("due_on1", "2025-08-20")]),
                contentType: .urlEncodedForm, token: commune)
            #expect(personal.status == .unprocessableEntity)
            #expect(try await SupervisionVisit.query(on: app.db).count() == 0)

            let saved = try await app.send(.POST, "giam-sat/moi", rawBody: Self.form([("team_id", team.id.uuidString), ("visited_on", "2025-08-14"), ("note", "Đội trực đủ")]
                + Self.answers(["no_officials_work", "equipment"])
                + [("item1", "no_officials_work"), ("description1", "Một TNV nhập hồ sơ thay cán bộ một cửa."), ("action1", "Nhắc lại quy tắc, đội trưởng kèm"),
                   ("owner1", "Đội trưởng"), ("due_on1", "2025-08-20"),
                   ("item2", "equipment"), ("description2", "Máy in hỏng"), ("action2", "Xin máy in"), ("owner2", "Xã đoàn"), ("due_on2", "2025-08-16")]),
                contentType: .urlEncodedForm, token: commune)
            #expect(saved.status == .seeOther, "\(saved.body.string.prefix(800))")
            let findings = try await SupervisionFinding.query(on: app.db).sort(\.$dueOn).all()
            #expect(findings.map(\.breach) == [false, true] && findings.allSatisfy { $0.status == "open" && $0.foundOn == "2025-08-14" })
            let breach = findings[1], printer = findings[0]

            // The breach goes to the province at once: its home page asks it to handle it; on 17/8 the printer is overdue too.
            #expect(try await SupervisionQueries.forProvince(provinces: ["01"], today: LocalDate(iso: "2025-08-15")!, on: app.db) == 1)
            #expect(try await SupervisionQueries.forProvince(provinces: ["01"], today: LocalDate(iso: "2025-08-17")!, on: app.db) == 2)
            #expect(try await SupervisionQueries.forProvince(provinces: ["79"], today: LocalDate(iso: "2025-08-17")!, on: app.db) == 0)
            let home = try await app.send(.GET, "", token: province).body.string
            #expect(home.contains("Xử lý phát hiện giám sát"))

            // The commune closes the printer finding but not the breach; the province closes the breach.
            let noNote = try await app.send(.POST, "giam-sat/phat-hien/\(printer.id!.uuidString.lowercased())", rawBody: "closed_note=",
                                            contentType: .urlEncodedForm, token: commune)
            #expect(noNote.status == .unprocessableEntity)
            let closed = try await app.send(.POST, "giam-sat/phat-hien/\(printer.id!.uuidString.lowercased())",
                                            rawBody: Self.form([("closed_note", "Đã thay máy in mới")]), contentType: .urlEncodedForm, token: commune)
            #expect(closed.status == .seeOther)
            let refused = try await app.send(.POST, "giam-sat/phat-hien/\(breach.id!.uuidString.lowercased())",
                                             rawBody: Self.form([("closed_note", "Đã nhắc")]), contentType: .urlEncodedForm, token: commune)
            #expect(refused.status == .forbidden)
            let byProvince = try await app.send(.POST, "giam-sat/phat-hien/\(breach.id!.uuidString.lowercased())",
                                                rawBody: Self.form([("closed_note", "Đã làm việc với đội, TNV cam kết")]), contentType: .urlEncodedForm, token: province)
            #expect(byProvince.status == .seeOther)
            let twice = try await app.send(.POST, "giam-sat/phat-hien/\(breach.id!.uuidString.lowercased())",
                                           rawBody: Self.form([("closed_note", "Lần nữa")]), contentType: .urlEncodedForm, token: province)
            #expect(twice.status == .conflict)
            #expect(try await SupervisionQueries.forProvince(provinces: ["01"], today: LocalDate(iso: "2025-08-17")!, on: app.db) == 0)

            // A finding added afterwards, on the visit's page; the team's page shows its last visit.
            let visit = try #require(try await SupervisionVisit.query(on: app.db).first())
            let added = try await app.send(.POST, "giam-sat/\(visit.id!.uuidString.lowercased())", rawBody: Self.form([
                ("item", "difficulties"), ("description", "Chưa báo cáo việc thiếu người ca chiều"), ("action", "Ghi vào báo cáo tuần"),
                ("owner", "Đội trưởng"), ("due_on", "2025-08-21")]), contentType: .urlEncodedForm, token: commune)
            #expect(added.status == .seeOther)
            let teamPage = try await app.send(.GET, "doi-hinh/\(team.id.uuidString.lowercased())", token: commune).body.string
            #expect(teamPage.contains("Giám sát gần đây") && teamPage.contains("14/8/2025") && teamPage.contains("1 phát hiện đang mở"))
            let visitPage = try await app.send(.GET, "giam-sat/\(visit.id!.uuidString.lowercased())", token: province).body.string
            #expect(visitPage.contains("Đã thay máy in mới") && visitPage.contains("Vi phạm quy tắc"))

            // The briefing of 14–20 August: one visit; at the week's end one finding still open, no breach.
            let campaign = try await CampaignQueries.current(today: LocalDate(iso: "2025-08-15")!, on: app.db)
            let week = campaign.definition!.week(containing: LocalDate(iso: "2025-08-15")!)
            let counts = try await SupervisionQueries.briefing(campaignID: campaign.id!, week: week, province: "01", on: app.db)
            #expect(counts["00070"] == .init(visits: 1, open: 1, breaches: 0))
            let earlier = try await SupervisionQueries.briefing(campaignID: campaign.id!, week: week.adding(weeks: -1), province: nil, on: app.db)
            #expect(earlier.isEmpty)
        }
    }

    @Test("access by area: another commune's officer cannot record a visit, read it, or close its findings", arguments: Engine.enabled)
    func access(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let v = try await app.volunteer("Người Hoàn Kiếm", phone: "0912000001", commune: "00070")
            let team = try await app.team(commune: "00070", members: [v])
            let other = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "26506"))
            let body = Self.form([("team_id", team.id.uuidString), ("visited_on", "2025-08-14")] + Self.answers())
            #expect(try await app.send(.POST, "giam-sat/moi", rawBody: body, contentType: .urlEncodedForm, token: other).status == .forbidden)
            let leader = try await app.token(for: RoleAssignment(role: .teamLeader, teamID: team.id))
            #expect(try await app.send(.GET, "giam-sat", token: leader).status == .forbidden)
            let commune = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "00070"))
            #expect(try await app.send(.POST, "giam-sat/moi", rawBody: body, contentType: .urlEncodedForm, token: commune).status == .seeOther)
            let visit = try #require(try await SupervisionVisit.query(on: app.db).first())
            #expect(try await app.send(.GET, "giam-sat/\(visit.id!.uuidString.lowercased())", token: other).status == .notFound)
            let list = try await app.send(.GET, "giam-sat", token: other).body.string
            #expect(!list.contains("Đội hình tình nguyện 00070"))
            #expect(try await app.send(.GET, "giam-sat", token: commune).body.string.contains("Đội hình tình nguyện 00070"))
            // Audited: the visit, and the refused attempt.
            let actions = try await AuditEntry.query(on: app.db).all().map(\.action)
            #expect(actions.contains("supervision.visit") && actions.contains("permission_denied"))
        }
    }
}
