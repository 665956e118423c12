import CauNoiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CauNoiApp

@Suite("Coordinating forces: where help is short, requests, exact proposals, decisions and answers")
struct ReinforcementTests {
    /// Ba Đình (00004) is made a border commune speaking H'Mông with a team whose one member speaks Vietnamese only;
    /// Hoàn Kiếm's team (00070) has five members, three speaking H'Mông (two with motorbikes); Hồng Hà (00097) has a
    /// H'Mông speaker with a motorbike in no team; Vũng Tàu (79) another, far away.
    struct Scene {
        var target: TeamDTO
        var source: TeamDTO
        var speakers: [UUID]
        var walker: UUID
        var spare: UUID
        var far: UUID
    }

    static func scene(_ app: Application) async throws -> Scene {
        let unit = try #require(try await OrgUnit.find("00004", on: app.db))
        unit.isBorder = true
        unit.languages = "vi,hmong"
        try await unit.save(on: app.db)
        let local = try await app.volunteer("Người Ba Đình", phone: "0901000100", commune: "00004")
        let target = try await app.team(commune: "00004", members: [local])
        var members: [UUID] = []
        for i in 0..<5 {
            members.append(try await app.volunteer("Thành viên \(i)", phone: "090100020\(i)", commune: "00070",
                                                   languages: i < 3 ? ["vi", "hmong"] : ["vi"]))
        }
        try await setMotorbike(members[0], app); try await setMotorbike(members[1], app)
        let source = try await app.team(commune: "00070", members: members)
        let spare = try await app.volunteer("Người Hồng Hà", phone: "0901000300", commune: "00097", languages: ["vi", "hmong"])
        try await setMotorbike(spare, app)
        let far = try await app.volunteer("Người Vũng Tàu", phone: "0979000300", commune: "26506", languages: ["vi", "hmong"])
        try await setMotorbike(far, app)
        return Scene(target: target, source: source, speakers: [members[0], members[1]], walker: members[2], spare: spare, far: far)
    }

    static func setMotorbike(_ id: UUID, _ app: Application) async throws {
        let v = try #require(try await Volunteer.find(id, on: app.db))
        v.hasMotorbike = true
        try await v.save(on: app.db)
    }

    static func form(_ fields: [(String, String)]) -> String { fields.map { "\($0.0)=\(Browser.enc($0.1))" }.joined(separator: "&") }

    @Test("the centre asks for two H'Mông speakers with motorbikes, approves the explained proposal, one accepts and one declines; memberships keep their history",
          arguments: Engine.enabled)
    func endToEnd(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let s = try await Self.scene(app)
            let centre = TestUsers.adminToken

            // Nationally the communes without any team come first (100 points each); one province lists all of its own.
            let shortPage = try await app.send(.GET, "dieu-phoi?tinh=01", token: centre)
            #expect(shortPage.status == .ok)
            #expect(shortPage.body.string.contains("Phường Ba Đình") && shortPage.body.string.contains("Chưa có TNV nói tiếng H&#39;Mông"),
                    "\(shortPage.body.string.components(separatedBy: "<tbody>").dropFirst().first?.prefix(1500) ?? "")")
            let shortages = try await app.send(.GET, "api/v1/shortages?tinh=01", token: centre).content.decode([ForceController.ShortageDTO].self)
            let baDinh = try #require(shortages.first { $0.communeCode == "00004" })
            #expect(baDinh.reasons.contains("Chưa có TNV nói tiếng H'Mông"))

            let created = try await app.send(.POST, "dieu-phoi/de-nghi-moi", rawBody: Self.form([
                ("commune", "Phường Ba Đình"), ("team_id", s.target.id.uuidString), ("people", "2"), ("languages[]", "hmong"),
                ("languages_required", "1"), ("motorbike_required", "1"), ("from_date", "2025-08-18"), ("note", "Hỗ trợ bà con thôn bản xa")]),
                contentType: .urlEncodedForm, token: centre)
            #expect(created.status == .seeOther, "\(created.body.string.components(separatedBy: "error").dropFirst().map { $0.prefix(200) })")
            let request = try #require(try await ReinforcementRequest.query(on: app.db).first())
            let id = try request.requireID()
            #expect(created.headers.first(name: .location) == SiteRoute.reinforcement(id).path)

            let proposed = try await app.send(.POST, "dieu-phoi/de-nghi/\(id.uuidString.lowercased())", rawBody: "action=propose",
                                              contentType: .urlEncodedForm, token: centre)
            #expect(proposed.status == .seeOther && proposed.headers.first(name: .location) == SiteRoute.reinforcement(id, done: "de-xuat").path)
            let page = try await app.send(.GET, String(SiteRoute.reinforcement(id, done: "de-xuat").path.dropFirst()), token: centre).body.string
            #expect(page.contains("Đã đề xuất người cho các chỗ còn trống.") && page.contains("Đã nhận 0/2 người; 2 đề xuất chờ duyệt."), "\(page)")
            var moves = try await ReinforcementMove.query(on: app.db).filter(\.$requestID == id).all()
            // The two nearest H'Mông speakers with motorbikes: Hoàn Kiếm's team can spare exactly two above its minimum of three.
            #expect(Set(moves.map(\.volunteerID)) == Set(s.speakers))
            #expect(moves.allSatisfy { $0.reasons.hasPrefix("nói tiếng H'Mông, có xe máy, cùng tỉnh, cách ") && $0.fromTeamID == s.source.id })

            let approved = try await app.send(.POST, "dieu-phoi/de-nghi/\(id.uuidString.lowercased())",
                                              rawBody: Self.form([("action", "approve")] + moves.map { ("move_ids[]", $0.id!.uuidString) }),
                                              contentType: .urlEncodedForm, token: centre)
            #expect(approved.status == .seeOther)
            moves = try await ReinforcementMove.query(on: app.db).filter(\.$requestID == id).all()
            #expect(moves.allSatisfy { $0.state == .approved })

            // The first volunteer accepts on their own page.
            let first = try #require(moves.first { $0.volunteerID == s.speakers[0] })
            let own = try await app.token(for: RoleAssignment(role: .volunteer, volunteerID: s.speakers[0]))
            let list = try await app.send(.GET, "dieu-dong", token: own)
            #expect(list.body.string.contains("Thành viên 0") && !list.body.string.contains("Thành viên 1"))
            let accepted = try await app.send(.POST, "dieu-dong/\(first.id!.uuidString.lowercased())", rawBody: "answer=accept",
                                              contentType: .urlEncodedForm, token: own)
            #expect(accepted.status == .seeOther && accepted.headers.first(name: .location) == "/dieu-dong?da-tra-loi=nhan")
            #expect(try await app.send(.GET, "dieu-dong?da-tra-loi=nhan", token: own).body.string.contains("Đã nhận điều động"))
            let history = try await TeamMembership.query(on: app.db).filter(\.$volunteer.$id == s.speakers[0]).sort(\.$fromDate).all()
            #expect(history.map { [$0.$team.id.uuidString, $0.fromDate, $0.toDate ?? "-"] }
                    == [[s.source.id.uuidString, "2025-07-01", "2025-08-17"], [s.target.id.uuidString, "2025-08-18", "-"]])
            let targetPage = try await app.send(.GET, "api/v1/teams/\(s.target.id)", token: centre).content.decode(TeamDTO.self)
            #expect(targetPage.members?.contains { $0.volunteerID == s.speakers[0] && $0.from == "2025-08-18" } == true)

            // The second is declined by the source team's leader through the API: Hồng Hà's free speaker is proposed next.
            let second = try #require(moves.first { $0.volunteerID == s.speakers[1] })
            let leader = try await app.token(for: RoleAssignment(role: .teamLeader, teamID: s.source.id))
            let pending = try await app.send(.GET, "api/v1/moves", token: leader).content.decode([ForceController.MoveDTO].self)
            #expect(pending.map(\.id) == [second.id!])
            let declined = try await app.send(.POST, "api/v1/moves/\(second.id!)/answer", json: ["answer": "decline"], token: leader)
            #expect(declined.status == .ok)
            #expect(try declined.content.decode(ForceController.AnswerDTO.self).reproposed == 1)
            let after = try await ReinforcementMove.query(on: app.db).filter(\.$requestID == id).all()
            #expect(after.first { $0.id == second.id }?.state == .declined)
            #expect(after.filter { $0.state == .proposed }.map(\.volunteerID) == [s.spare])
            // Answering twice is refused, with what happened.
            let again = try await app.send(.POST, "api/v1/moves/\(second.id!)/answer", json: ["answer": "accept"], token: leader)
            #expect(again.status == .conflict)
            #expect(try await TeamMembership.query(on: app.db).filter(\.$volunteer.$id == s.speakers[1]).count() == 1)
            #expect(try await ReinforcementQueries.require(id, on: app.db).state == .proposed)

            // The request is withdrawn: Hồng Hà's pending proposal is turned down (free again); the accepted move stays.
            let cancelled = try await app.send(.POST, "dieu-phoi/de-nghi/\(id.uuidString.lowercased())", rawBody: "action=cancel",
                                               contentType: .urlEncodedForm, token: centre)
            #expect(cancelled.status == .seeOther && cancelled.headers.first(name: .location) == SiteRoute.reinforcement(id, done: "huy").path)
            let final = try await ReinforcementMove.query(on: app.db).filter(\.$requestID == id).all()
            #expect(final.first { $0.volunteerID == s.spare }?.state == .rejected)
            #expect(final.first { $0.volunteerID == s.speakers[0] }?.state == .accepted)
            #expect(try await ReinforcementQueries.require(id, on: app.db).state == .cancelled)
            let twice = try await app.send(.POST, "dieu-phoi/de-nghi/\(id.uuidString.lowercased())", rawBody: "action=cancel",
                                           contentType: .urlEncodedForm, token: centre)
            #expect(twice.status == .conflict)
        }
    }

    @Test("bad requests are named field by field and store nothing", arguments: Engine.enabled)
    func badInput(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let s = try await Self.scene(app)
            let res = try await app.send(.POST, "api/v1/reinforcements", json: [
                "commune_code": AnyEncodable("00004"), "team_id": AnyEncodable(s.target.id.uuidString), "people": AnyEncodable(-2),
                "languages": AnyEncodable(["hmong", "klingon"]), "from_date": AnyEncodable("2025-08-01"),
                "note": AnyEncodable("Gọi bà Lan 0912345678"),
            ])
            #expect(res.status == .unprocessableEntity)
            let body = res.body.string
            for field in ["\"people\"", "\"languages[1]\"", "\"from_date\"", "\"note\""] { #expect(body.contains(field), "\(field): \(body)") }
            #expect(body.contains("Ngày bắt đầu") && body.contains("đã qua"))
            let wrongTeam = try await app.send(.POST, "api/v1/reinforcements", json: [
                "commune_code": AnyEncodable("00004"), "team_id": AnyEncodable(s.source.id.uuidString), "people": AnyEncodable(1),
                "from_date": AnyEncodable("2025-08-18"),
            ])
            #expect(wrongTeam.status == .unprocessableEntity && wrongTeam.body.string.contains("\"team_id\""))
            let form = try await app.send(.POST, "dieu-phoi/de-nghi-moi", rawBody: Self.form([("commune", "khong co xa nay"), ("people", "0")]),
                                          contentType: .urlEncodedForm, token: TestUsers.adminToken)
            #expect(form.status == .unprocessableEntity)
            #expect(form.body.string.contains("Số người cần phải từ 1 đến 200."))
            // A commune no campaign covers cannot ask: the summer campaign is narrowed to Hồ Chí Minh City.
            let summer = try await CampaignQueries.require("he-2025", on: app.db)
            summer.settings.provinces = ["79"]
            try await summer.save(on: app.db)
            let outside = try await app.send(.POST, "api/v1/reinforcements", json: [
                "commune_code": AnyEncodable("00004"), "team_id": AnyEncodable(s.target.id.uuidString), "people": AnyEncodable(1),
                "from_date": AnyEncodable("2025-08-18"),
            ])
            #expect(outside.status == .unprocessableEntity && outside.body.string.contains("không thuộc phạm vi chiến dịch nào"), "\(outside.body.string)")
            #expect(try await ReinforcementRequest.query(on: app.db).count() == 0)
        }
    }

    @Test("a request that requires a competency level proposes only those who hold it, shown on the page; an unknown competency is refused",
          arguments: Engine.enabled)
    func competencyLevel(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let s = try await Self.scene(app)
            let members = try #require(s.source.members).map(\.volunteerID)
            // Two of the source team hold "VNeID" at level 2 (assessed by their leader); one only at level 1 (a session).
            let leader = try await app.actor(RoleAssignment(role: .teamLeader, teamID: s.source.id))
            for v in members.suffix(2) {
                _ = try await AssessCompetency.run(volunteerID: v, campaignCode: "he-2025", levels: ["vneid": 2], note: nil, actor: leader, on: app.db)
            }
            var session = TrainingSessionDraft()
            session.title = "VNeID"; session.unitCode = "00070"; session.heldOn = "2025-08-01"; session.format = "in_person"; session.topics = ["vneid"]
            let commune = try await app.actor(RoleAssignment(role: .communeAdmin, unitCode: "00070"))
            let held = try await SaveTrainingSession.run(session, campaignCode: nil, actor: commune, on: app.db)
            _ = try await RecordAttendance.run(sessionID: held.id!, add: [members[0]], remove: [], actor: commune, on: app.db)
            let holders = try await TrainingQueries.holding(competency: "vneid", level: 2, campaignID: held.campaignID, on: app.db)
            #expect(holders == Set(members.suffix(2)))
            #expect(try await TrainingQueries.holding(competency: "vneid", level: 1, campaignID: held.campaignID, on: app.db)
                == Set(members.suffix(2) + [members[0]]))

            let unknown = try await app.send(.POST, "api/v1/reinforcements", json: [
                "commune_code": AnyEncodable("00004"), "team_id": AnyEncodable(s.target.id.uuidString), "people": AnyEncodable(1),
                "from_date": AnyEncodable("2025-08-18"), "competency": AnyEncodable("bay_luon"),
            ])
            #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains("\"competency\""))
            let res = try await app.send(.POST, "dieu-phoi/de-nghi-moi", rawBody: Self.form([
                ("commune", "00004"), ("team_id", s.target.id.uuidString), ("people", "3"), ("from_date", "2025-08-18"),
                ("competency", "vneid"), ("competency_level", "2")]), contentType: .urlEncodedForm, token: TestUsers.adminToken)
            #expect(res.status == .seeOther, "\(res.body.string.prefix(500))")
            let request = try #require(try await ReinforcementRequest.query(on: app.db).first())
            #expect(request.competency == "vneid" && request.competencyLevel == 2)
            _ = try await ProposeReinforcements.run(.request(request.id!), actor: try await app.actor(RoleAssignment(role: .centralAdmin)), on: app.db)
            let proposed = Set(try await ReinforcementMove.query(on: app.db).all().map(\.volunteerID))
            // The team keeps its minimum of 3 of 5, so two may go: exactly the two holders.
            #expect(proposed == Set(members.suffix(2)))
            let page = try await app.send(.GET, "dieu-phoi/de-nghi/\(request.id!.uuidString.lowercased())").body.string
            #expect(page.contains("VNeID và tài khoản định danh điện tử cấp 2 trở lên (bắt buộc)"))
        }
    }

    @Test("a province admin proposes only its own people; decisions race: one wins; a volunteer is never in two live proposals",
          arguments: Engine.enabled)
    func accessAndRaces(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let s = try await Self.scene(app)
            var draft = ReinforcementRequestDraft()
            draft.communeCode = "00004"; draft.teamID = s.target.id.uuidString; draft.people = 6; draft.fromDate = "2025-08-18"
            draft.languages = ["hmong"]; draft.languagesRequired = true
            let province = try await app.actor(RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            let request = try await RaiseReinforcement.run(draft, actor: province, on: app.db)
            let id = try request.requireID()
            let other = try await app.actor(RoleAssignment(role: .provinceAdmin, unitCode: "79"))
            await #expect(throws: AppError.self) { try await ProposeReinforcements.run(.request(id), actor: other, on: app.db) }

            let outcome = try await ProposeReinforcements.run(.nation, actor: province, on: app.db)
            let moves = try await ReinforcementMove.query(on: app.db).filter(\.$requestID == id).all()
            // Hà Nội's H'Mông speakers only (the Vũng Tàu one is another province's); the team keeps its minimum of three.
            #expect(outcome == .init(requests: 1, proposed: 3, unfilled: 3))
            #expect(!moves.contains { $0.volunteerID == s.far })
            #expect(moves.filter { $0.fromTeamID == s.source.id }.count == 2)

            // Two admins approve the same proposal at once: exactly one succeeds.
            let move = try #require(moves.first?.id)
            let centre = try await app.actor(RoleAssignment(role: .centralAdmin, unitCode: "VN"))
            async let a: Bool = (try? await DecideMoves.run(requestID: id, approve: [move], reject: [], actor: province, on: app.db)) != nil
            async let b: Bool = (try? await DecideMoves.run(requestID: id, approve: [move], reject: [], actor: centre, on: app.db)) != nil
            let wins = [await a, await b].filter { $0 }.count
            #expect(wins == 1)

            // Each province sees its own: 79's officer finds neither Hà Nội's communes nor its request.
            let tinh79 = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "79"))
            let their = try await app.send(.GET, "api/v1/reinforcements", token: tinh79).content.decode([ForceController.RequestDTO].self)
            #expect(their.isEmpty)
            let ranking = try await app.send(.GET, "api/v1/shortages", token: tinh79).content.decode([ForceController.ShortageDTO].self)
            #expect(!ranking.isEmpty && ranking.allSatisfy { $0.provinceName == "Thành phố Hồ Chí Minh" })
            let foreign = try await app.send(.GET, "dieu-phoi/de-nghi/\(id.uuidString.lowercased())", token: tinh79)
            #expect(foreign.status == .notFound)

            // The database itself refuses a second live proposal of the same volunteer.
            let copy = ReinforcementMove()
            copy.id = UUID(); copy.requestID = id; copy.volunteerID = moves[0].volunteerID; copy.toTeamID = s.target.id
            copy.startDate = "2025-08-18"; copy.cost = 0; copy.kilometres = 0; copy.reasons = ""; copy.status = MoveStatus.proposed.rawValue
            copy.createdAt = fixedNow; copy.updatedAt = fixedNow
            await #expect(throws: (any Error).self) { try await copy.create(on: app.db) }
        }
    }

    @Test("students going back: the teams that fall below their minimum on the day, local replacements first, then requests and proposals",
          arguments: Engine.enabled)
    func rotation(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            var members: [UUID] = []
            for i in 0..<4 { members.append(try await app.volunteer("Sinh viên \(i)", phone: "090100040\(i)", commune: "00070")) }
            let team = try await app.team(commune: "00070", members: members)
            // Two students' memberships end on 30 August: on the 31st the team has 2 of its minimum 3.
            for id in members.prefix(2) {
                let m = try #require(try await TeamMembership.query(on: app.db).filter(\.$volunteer.$id == id).first())
                m.toDate = "2025-08-30"
                try await m.save(on: app.db)
                let v = try #require(try await Volunteer.find(id, on: app.db))
                v.forceType = ForceType.student.rawValue
                try await v.save(on: app.db)
            }
            let student = try await app.volunteer("Sinh viên rảnh", phone: "0901000410", commune: "00070")
            let studentRow = try #require(try await Volunteer.find(student, on: app.db))
            studentRow.forceType = ForceType.student.rawValue
            try await studentRow.save(on: app.db)
            let local = try await app.volunteer("Người tại chỗ", phone: "0901000411", commune: "00097")

            let page = try await app.send(.GET, "dieu-phoi/luan-chuyen?ngay=2025-08-31", token: TestUsers.adminToken)
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Đội hình tình nguyện 00070") && html.contains("2/3"))
            #expect(html.contains("<b>Người tại chỗ</b>: lực lượng tại chỗ, cùng tỉnh") && !html.contains("Sinh viên rảnh"), "\(html)")

            let made = try await app.send(.POST, "dieu-phoi/luan-chuyen", rawBody: "day=2025-08-31", contentType: .urlEncodedForm, token: TestUsers.adminToken)
            #expect(made.status == .ok && made.body.string.contains("Đã tạo 1 đề nghị tăng cường từ kế hoạch luân chuyển."))
            let request = try #require(try await ReinforcementRequest.query(on: app.db).first())
            #expect(request.teamID == team.id && request.people == 1 && request.fromDate == "2025-08-31" && request.preferLocalForce)
            let moves = try await ReinforcementMove.query(on: app.db).all()
            #expect(moves.map(\.volunteerID) == [local])
            // Asking again for the same day adds nothing.
            _ = try await app.send(.POST, "dieu-phoi/luan-chuyen", rawBody: "day=2025-08-31", contentType: .urlEncodedForm, token: TestUsers.adminToken)
            #expect(try await ReinforcementRequest.query(on: app.db).count() == 1)
            let past = try await app.send(.POST, "dieu-phoi/luan-chuyen", rawBody: "day=2025-08-01", contentType: .urlEncodedForm, token: TestUsers.adminToken)
            #expect(past.status == .unprocessableEntity)
        }
    }
}
