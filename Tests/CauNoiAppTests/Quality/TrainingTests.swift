import CauNoiCore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CauNoiApp

@Suite("Training sessions, attendance, coverage and the competency standard")
struct TrainingTests {
    static func form(_ fields: [(String, String)]) -> String { fields.map { "\($0.0)=\(Browser.enc($0.1))" }.joined(separator: "&") }

    /// Hà Nội: four volunteers in two communes' teams; Hồ Chí Minh City: one.
    struct World {
        var hanoi: [UUID]
        var saigon: UUID
        var teams: [TeamDTO]
    }

    static func world(_ app: Application) async throws -> World {
        var hanoi: [UUID] = []
        for (i, commune) in ["00070", "00070", "00070", "00004"].enumerated() {
            hanoi.append(try await app.volunteer("Người Hà Nội \(i)", phone: "091200000\(i)", commune: commune))
        }
        let saigon = try await app.volunteer("Người Sài Gòn", phone: "0912000009", commune: "26506")
        let teams = [try await app.team(commune: "00070", members: Array(hanoi.prefix(3))),
                     try await app.team(commune: "00004", members: [hanoi[3]]),
                     try await app.team(commune: "26506", members: [saigon])]
        return World(hanoi: hanoi, saigon: saigon, teams: teams)
    }

    @Test("a province records a session, imports its sign-in sheet (bad rows named, nothing stored unless asked), and coverage equals an independent count",
          arguments: Engine.enabled)
    func sessionAndCoverage(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let w = try await Self.world(app)
            let province = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            // A follow-on of the central training of 10 July, held by the province.
            let central = try await SaveTrainingSession.run({
                var d = TrainingSessionDraft()
                d.title = "Tập huấn toàn quốc"; d.unitCode = "VN"; d.heldOn = "2025-07-10"; d.format = "hybrid"
                d.topics = ["vneid", "huong_dan_trung_tam", "ai_co_ban"]; d.connectedUnits = ["01", "79"]
                return d
            }(), campaignCode: nil, actor: try await app.actor(RoleAssignment(role: .centralAdmin)), on: app.db)
            let made = try await app.send(.POST, "tap-huan/moi", rawBody: Self.form([
                ("parent_id", central.id!.uuidString), ("title", "Tập huấn lại VNeID"), ("unit", "Hà Nội"), ("held_on", "2025-07-20"),
                ("topics[]", "vneid"), ("topics[]", "dvc_truc_tuyen"), ("format", "in_person"), ("connected", "Phường Hoàn Kiếm\nBa Đình"),
                ("trainer", "Nguyễn Thị Giảng")]), contentType: .urlEncodedForm, token: province)
            #expect(made.status == .seeOther, "\(made.body.string.components(separatedBy: "class=\"error\"").dropFirst().map { $0.prefix(200) })")
            let session = try #require(try await TrainingSession.query(on: app.db).filter(\.$parentID == central.id!).first())
            #expect(session.provinceCode == "01" && session.level == .province && session.connectedList == ["00004", "00070"])

            // The sheet: two good rows, an unknown phone, a volunteer of another province, an unreadable phone.
            let sheet = [["STT", "Họ và tên", "Số điện thoại"], ["1", "Người Hà Nội 0", "912000000"], ["2", "Không rõ", "0987654321"],
                         ["3", "Người Sài Gòn", "0912000009"], ["4", "Người Hà Nội 3", "0912000003"], ["5", "Sai số", "12345"]]
            let actor = try await app.actor(RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            let refused = try await ImportAttendance.run(sessionID: session.id!, table: sheet, storeValid: false, actor: actor, on: app.db)
            #expect(refused.storedNothing && refused.errors.map(\.line) == [3, 4, 6])
            #expect(refused.errors[1].message.contains("Thành phố Hồ Chí Minh") && refused.errors[1].message.contains("không thuộc địa bàn"))
            #expect(try await TrainingAttendance.query(on: app.db).count() == 0)
            let kept = try await ImportAttendance.run(sessionID: session.id!, table: sheet, storeValid: true, actor: actor, on: app.db)
            #expect(!kept.storedNothing && kept.added == 2)
            let again = try await ImportAttendance.run(sessionID: session.id!, table: sheet, storeValid: true, actor: actor, on: app.db)
            #expect(again.added == 0 && again.already == 2)

            // A tick on the page adds one more; a volunteer of another province cannot be ticked.
            let tick = try await app.send(.POST, "tap-huan/\(session.id!.uuidString.lowercased())", rawBody: Self.form([("add[]", w.hanoi[1].uuidString)]),
                                          contentType: .urlEncodedForm, token: province)
            #expect(tick.status == .seeOther)
            let outside = try await app.send(.POST, "tap-huan/\(session.id!.uuidString.lowercased())", rawBody: Self.form([("add[]", w.saigon.uuidString)]),
                                             contentType: .urlEncodedForm, token: province)
            #expect(outside.status == .unprocessableEntity && outside.body.string.contains("không thuộc địa bàn"))

            // Coverage at 15/8 by commune, against a count made here from the stored rows.
            let campaign = try await CampaignQueries.current(today: LocalDate(iso: "2025-08-15")!, on: app.db)
            let rows = try await TrainingQueries.coverage(campaign: campaign, grouping: .communes(province: "01"), day: LocalDate(iso: "2025-08-15")!, on: app.db)
            let attended = Set(try await TrainingAttendance.query(on: app.db).all().map(\.volunteerID))
            let members: [String: [UUID]] = ["00070": Array(w.hanoi.prefix(3)), "00004": [w.hanoi[3]]]
            for (commune, people) in members {
                let row = try #require(rows.first { $0.unitCode == commune })
                #expect(row.active == people.count)
                #expect(row.trainedAny == people.filter(attended.contains).count)
                #expect(row.byTopic["vneid"] == people.filter(attended.contains).count && row.byTopic["giao_tiep"] == nil)
            }
            #expect(rows.count == 2, "Sài Gòn's team is not in Hà Nội's rows")
            let total = try await TrainingQueries.coverage(campaign: campaign, grouping: .total(province: nil), day: LocalDate(iso: "2025-08-15")!, on: app.db)
            #expect(total.first?.active == 5 && total.first?.trainedAny == 3)

            // The page, its export, and who still needs which topic in a commune.
            let page = try await app.send(.GET, "tap-huan?don-vi=01", token: province).body.string
            #expect(page.contains("Phường Hoàn Kiếm") && page.contains("66,7%") && page.contains("Tập huấn lại VNeID"))
            let csv = try await app.send(.GET, "tap-huan/do-phu.csv?don-vi=01", token: province).body.string
            #expect(csv.contains("00070") && csv.contains("66,7%"))
            let commune = try await app.send(.GET, "tap-huan?don-vi=00070", token: province).body.string
            #expect(commune.contains("Còn cần tập huấn") && commune.contains("Người Hà Nội 2"))
            let other = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "79"))
            #expect(try await app.send(.GET, "tap-huan?don-vi=01", token: other).status == .forbidden)
            #expect(try await app.send(.GET, "tap-huan/\(session.id!.uuidString.lowercased())", token: other).status == .notFound)
            let briefing = try await app.send(.GET, "giao-ban?tuan=2025-08-14&don-vi=01", token: province).body.string
            #expect(briefing.contains("Tập huấn và giám sát") && briefing.contains("66,7%"))
        }
    }

    @Test("a level earned by a session disappears with the attendance; a team leader assesses two volunteers; others may not",
          arguments: Engine.enabled)
    func levels(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let w = try await Self.world(app)
            let commune = try await app.actor(RoleAssignment(role: .communeAdmin, unitCode: "00070"))
            var d = TrainingSessionDraft()
            d.title = "Giao tiếp với người cao tuổi"; d.unitCode = "00070"; d.heldOn = "2025-08-01"; d.format = "in_person"; d.topics = ["giao_tiep"]
            let session = try await SaveTrainingSession.run(d, campaignCode: nil, actor: commune, on: app.db)
            _ = try await RecordAttendance.run(sessionID: session.id!, add: [w.hanoi[0]], remove: [], actor: commune, on: app.db)
            let campaign = try await CampaignQueries.current(today: LocalDate(iso: "2025-08-15")!, on: app.db)
            func level(_ v: UUID, _ code: String) async throws -> Int {
                let standard = campaign.definition!.competencyStandard
                return standard.level(of: standard.competency(code: code)!, try await TrainingQueries.evidence([v], campaign: campaign, on: app.db)[v]!)
            }
            #expect(try await level(w.hanoi[0], "giao_tiep") == 1)
            _ = try await RecordAttendance.run(sessionID: session.id!, add: [], remove: [w.hanoi[0]], actor: commune, on: app.db)
            #expect(try await level(w.hanoi[0], "giao_tiep") == 0)

            // The team leader of Hoàn Kiếm's team assesses two of its members from their pages.
            let leader = try await app.token(for: RoleAssignment(role: .teamLeader, teamID: w.teams[0].id))
            for v in w.hanoi.prefix(2) {
                let res = try await app.send(.POST, "tinh-nguyen-vien/\(v.uuidString.lowercased())/nang-luc",
                                             rawBody: Self.form([("level[vneid]", "2"), ("level[giao_tiep]", "1"), ("note", "Hướng dẫn tốt")]),
                                             contentType: .urlEncodedForm, token: leader)
                #expect(res.status == .seeOther, "\(res.body.string.prefix(500))")
            }
            #expect(try await level(w.hanoi[1], "vneid") == 2)
            #expect(try await level(w.hanoi[1], "giao_tiep") == 1)
            let shown = try await app.send(.GET, "tinh-nguyen-vien/\(w.hanoi[1].uuidString.lowercased())", token: leader).body.string
            #expect(shown.contains("Thành thạo") && shown.contains("đội trưởng đánh giá cấp 2"))
            // A level above what an assessment can give, or personal data in the note, is refused and nothing changes.
            let bad = try await app.send(.POST, "tinh-nguyen-vien/\(w.hanoi[1].uuidString.lowercased())/nang-luc",
                                         rawBody: Self.form([("level[vneid]", "9"), ("note", "Gọi 0912345678")]), contentType: .urlEncodedForm, token: leader)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Cấp độ đánh giá từ 0 đến 3"), "\(bad.body.string.components(separatedBy: "class=\"error\"").dropFirst().map { $0.prefix(200) })")
            #expect(try await level(w.hanoi[1], "vneid") == 2)
            // Another team's leader may not assess these volunteers.
            let stranger = try await app.token(for: RoleAssignment(role: .teamLeader, teamID: w.teams[2].id))
            let refused = try await app.send(.POST, "tinh-nguyen-vien/\(w.hanoi[0].uuidString.lowercased())/nang-luc",
                                             rawBody: Self.form([("level[vneid]", "3")]), contentType: .urlEncodedForm, token: stranger)
            #expect(refused.status == .notFound || refused.status == .forbidden)
            #expect(try await CompetencyAssessment.query(on: app.db).count() == 4)
        }
    }

    @Test("the centre edits the standard; a competency in use cannot be removed; provinces may not edit it", arguments: Engine.enabled)
    func standard(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let w = try await Self.world(app)
            let text = CompetencyStandardText.format(.summer2025)
            let more = try await app.send(.POST, "nang-luc", rawBody: Self.form([
                ("campaign", "he-2025"), ("competencies", text.competencies + "\nky_nang_mem | Kỹ năng xử lý tình huống"), ("levels", text.levels)]),
                contentType: .urlEncodedForm)
            #expect(more.status == .seeOther, "\(more.body.string.prefix(500))")
            let campaign = try await CampaignQueries.require("he-2025", on: app.db)
            #expect(campaign.definition?.competencyStandard.competency(code: "ky_nang_mem")?.name == "Kỹ năng xử lý tình huống")
            let leader = try await app.actor(RoleAssignment(role: .teamLeader, teamID: w.teams[0].id))
            _ = try await AssessCompetency.run(volunteerID: w.hanoi[0], campaignCode: "he-2025", levels: ["ky_nang_mem": 1], note: nil, actor: leader, on: app.db)
            let removed = try await app.send(.POST, "nang-luc", rawBody: Self.form([
                ("campaign", "he-2025"), ("competencies", text.competencies), ("levels", text.levels)]), contentType: .urlEncodedForm)
            #expect(removed.status == .unprocessableEntity && removed.body.string.contains("ky_nang_mem"))
            let badLine = try await app.send(.POST, "nang-luc", rawBody: Self.form([
                ("campaign", "he-2025"), ("competencies", "Sai Mã | Tên"), ("levels", text.levels)]), contentType: .urlEncodedForm)
            #expect(badLine.status == .unprocessableEntity && badLine.body.string.contains("Dòng 1:"))
            let province = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            let refused = try await app.send(.POST, "nang-luc", rawBody: Self.form([
                ("campaign", "he-2025"), ("competencies", text.competencies), ("levels", text.levels)]), contentType: .urlEncodedForm, token: province)
            #expect(refused.status == .forbidden)
            // Editing the campaign itself (its name here) keeps its standard.
            var draft = CampaignDraft(try #require(campaign.definition))
            draft.name = "Hè 2025 (đổi tên)"
            _ = try await SaveCampaign.update(code: "he-2025", draft, actor: try await app.actor(RoleAssignment(role: .centralAdmin)), on: app.db)
            let renamed = try await CampaignQueries.require("he-2025", on: app.db).definition
            #expect(renamed?.name == "Hè 2025 (đổi tên)" && renamed?.competencyStandard.competencies.count == 7)
            // A database from before standards: the seeder gives the summer campaign the 2025 standard, once.
            let old = try await CampaignQueries.require("he-2025", on: app.db)
            old.settings.competencyStandard = nil
            try await old.save(on: app.db)
            _ = try await CampaignSeeder.seedDefault(on: app.db)
            #expect(try await CampaignQueries.require("he-2025", on: app.db).definition?.competencyStandard == .summer2025)
            // A new campaign starts with none (the session form then says so).
            #expect(CampaignDefinition(code: "x", name: "X", start: LocalDate(iso: "2026-01-01")!, end: nil, categories: [], requiredCourses: [])
                .competencyStandard.isEmpty)
        }
    }
}
