import CauNoiCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CauNoiApp

@Suite("Weekly reports, approval locks, completeness and difficulties")
struct WeeklyReportTests {
    private func report(_ commune: String, week: String, difficulties: [DifficultyDraft] = []) -> WeeklyReportDraft {
        var d = WeeklyReportDraft()
        d.communeCode = commune
        d.week = week
        d.highlights = "Hỗ trợ người dân kích hoạt VNeID tại Trung tâm."
        d.goodPractice = "Tổ chức ca trực tối cho người lao động."
        d.difficulties = difficulties
        return d
    }

    @Test("approval locks the week's entries until reopened; edits too", arguments: Engine.enabled)
    func approvalLocks(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let v = try await app.volunteer(phone: "0933000001")
            let team = try await app.team(members: [v])
            let commune = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "00070"))
            let province = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            let otherProvince = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "79"))

            let late = try await app.send(.POST, "api/v1/weekly-reports", json: report("00070", week: "2025-08-07"), token: commune)
            #expect(late.status == .created)
            let w32 = try late.content.decode(WeeklyReportDTO.self)
            #expect(w32.onTime == false)   // due Thursday 14/08 20:00, sent 15/08
            let onTime = try await app.send(.POST, "api/v1/weekly-reports", json: report("00070", week: "2025-08-14"), token: commune)
            #expect(try onTime.content.decode(WeeklyReportDTO.self).onTime == true)
            #expect(try await app.send(.POST, "api/v1/weekly-reports", json: report("00070", week: "2025-08-07"), token: commune).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/weekly-reports", json: report("00073", week: "2025-08-07"), token: commune).status == .forbidden)

            // Commune admins cannot approve; another province cannot either.
            #expect(try await app.send(.POST, "api/v1/weekly-reports/\(w32.id)/approve", token: commune).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/weekly-reports/\(w32.id)/approve", token: otherProvince).status == .notFound)
            #expect(try await app.send(.POST, "api/v1/weekly-reports/\(w32.id)/approve", token: province).status == .ok)

            let locked = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: [entry(team: team, date: "2025-08-12")]))
                .content.decode(SupportBatchResponse.self)
            #expect(locked.results.map(\.status) == [.rejected])
            #expect(locked.results[0].error?.message.contains("đã được tỉnh duyệt") == true)
            let otherWeek = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: [entry(team: team, date: "2025-08-06")]))
                .content.decode(SupportBatchResponse.self)
            #expect(otherWeek.results.map(\.status) == [.created])
            var edit = report("00070", week: "2025-08-07")
            edit.highlights = "Sửa sau khi duyệt"
            let refused = try await app.send(.PUT, "api/v1/weekly-reports/\(w32.id)", json: edit, token: commune)
            #expect(refused.status == .conflict)
            #expect(try refused.content.decode(APIErrorBody.self).error.message.contains("mở lại"))

            #expect(try await app.send(.POST, "api/v1/weekly-reports/\(w32.id)/reopen", token: province).status == .ok)
            // Sent back: approved only once the commune has edited and resubmitted it.
            let early = try await app.send(.POST, "api/v1/weekly-reports/\(w32.id)/approve", token: province)
            let earlyMessage = try early.content.decode(APIErrorBody.self).error.message
            #expect(early.status == .conflict && earlyMessage.contains("nộp lại"))
            let unlocked = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: [entry(team: team, date: "2025-08-12")]))
                .content.decode(SupportBatchResponse.self)
            #expect(unlocked.results.map(\.status) == [.created])
            #expect(try await app.send(.PUT, "api/v1/weekly-reports/\(w32.id)", json: edit, token: commune).status == .ok)
            let actions = Set(try await AuditEntry.query(on: app.db).all().map(\.action))
            #expect(actions.isSuperset(of: ["weekly_report.submit", "weekly_report.approve", "weekly_report.reopen", "weekly_report.edit"]))
        }
    }

    @Test("report text is validated, personal data refused", arguments: [Engine.sqlite])
    func validation(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            var bad = report("00070", week: "2025-10-02", difficulties: [DifficultyDraft(category: "weather", description: "")])
            bad.highlights = "Liên hệ bà Hoa 0912 345 678"
            let res = try await app.send(.POST, "api/v1/weekly-reports", json: bad)
            #expect(res.status == .unprocessableEntity)
            let fields = Set(try res.content.decode(APIErrorBody.self).error.fields.map(\.field))
            #expect(fields == ["week", "highlights", "difficulties[0].category", "difficulties[0].description"])
            #expect(try await WeeklyReport.query(on: app.db).count() == 0)
        }
    }

    @Test("completeness counts expected, on time, late and missing communes", arguments: Engine.enabled)
    func completeness(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            // Teams in 00070, 00073 (Hà Nội) and 26506 (HCM); one team ended before the week.
            for (commune, phone) in [("00070", "0944000001"), ("00073", "0944000002"), ("26506", "0944000003")] {
                _ = try await app.team(commune: commune, members: [try await app.volunteer(phone: phone, commune: commune)])
            }
            var ended = TeamDraft()
            ended.name = "Đội đã kết thúc"
            ended.homeCommuneCode = "00004"
            ended.kind = "service_centre"
            ended.activeFrom = "2025-07-01"
            ended.activeTo = "2025-07-31"
            #expect(try await app.send(.POST, "api/v1/teams", json: ended).status == .created)

            #expect(try await app.send(.POST, "api/v1/weekly-reports", json: report("00070", week: "2025-08-14")).status == .created)  // on time
            #expect(try await app.send(.POST, "api/v1/weekly-reports", json: report("26506", week: "2025-08-14")).status == .created)
            // A commune with no team of its own that reports anyway counts as expected: on time never exceeds expected.
            #expect(try await app.send(.POST, "api/v1/weekly-reports", json: report("26740", week: "2025-08-14")).status == .created)
            let res = try await app.send(.GET, "api/v1/reports/completeness?week=2025-08-14")
            let result = try res.content.decode(CompletenessQueries.Result.self)
            #expect(result.total.expected == 4 && result.total.submitted == 3 && result.total.onTime == 3 && result.total.missing == 1)
            #expect(result.rows.allSatisfy { $0.onTime + $0.late <= $0.expected })
            #expect(result.total.missingCommunes.map(\.code) == ["00073"])
            let hanoi = try #require(result.rows.first { $0.code == "01" })
            #expect(hanoi.name == "Thành phố Hà Nội" && hanoi.expected == 2 && hanoi.missing == 1)
            let byCommune = try await app.send(.GET, "api/v1/reports/completeness?week=2025-08-14&unit=01").content.decode(CompletenessQueries.Result.self)
            #expect(byCommune.rows.map(\.code) == ["00070", "00073"])
        }
    }

    @Test("difficulties move through the province and central queues", arguments: Engine.enabled)
    func difficulties(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let issue = DifficultyDraft(category: "platform_fault", severity: "high", description: "VNeID lỗi xác thực khuôn mặt",
                                        reinforcementRequested: true, reinforcementNote: "Cần thêm 3 tình nguyện viên")
            let created = try await app.send(.POST, "api/v1/weekly-reports", json: report("00070", week: "2025-08-14", difficulties: [issue]))
            let id = try #require(try created.content.decode(WeeklyReportDTO.self).difficulties.first?.id)
            let province = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            let commune = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "00070"))

            var queue = try await app.send(.GET, "api/v1/difficulties?queue=province", token: province).content.decode([DifficultyDTO].self)
            #expect(queue.map(\.id) == [id])
            #expect(queue[0].categoryName == "Lỗi nền tảng (VNeID, Cổng dịch vụ công)")
            #expect(try await app.send(.POST, "api/v1/difficulties/\(id)/transition", json: ["to": "acknowledged"], token: commune).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/difficulties/\(id)/transition", json: ["to": "acknowledged"], token: province).status == .ok)
            #expect(try await app.send(.POST, "api/v1/difficulties/\(id)/transition", json: ["to": "open"], token: province).status == .conflict)
            let escalated = try await app.send(.POST, "api/v1/difficulties/\(id)/transition", json: ["to": "escalated"], token: province)
            #expect(try escalated.content.decode(DifficultyDTO.self).statusName == "Đã chuyển Trung ương")
            queue = try await app.send(.GET, "api/v1/difficulties?queue=province", token: province).content.decode([DifficultyDTO].self)
            #expect(queue.isEmpty)
            #expect(try await app.send(.GET, "api/v1/difficulties?queue=central").content.decode([DifficultyDTO].self).map(\.id) == [id])
            #expect(try await app.send(.POST, "api/v1/difficulties/\(id)/transition", json: ["to": "resolved"], token: province).status == .forbidden)
            let silent = try await app.send(.POST, "api/v1/difficulties/\(id)/transition", json: ["to": "resolved"])
            let silentFields = try silent.content.decode(APIErrorBody.self).error.fields.map(\.field)
            #expect(silent.status == .unprocessableEntity && silentFields == ["note"])
            let resolved = try await app.send(.POST, "api/v1/difficulties/\(id)/transition", json: ["to": "resolved", "note": "Đã tăng cường"])
            #expect(try resolved.content.decode(DifficultyDTO.self).resolutionNote == "Đã tăng cường")
            #expect(try await app.send(.POST, "api/v1/difficulties/\(id)/transition", json: ["to": "escalated"]).status == .conflict)
        }
    }
}
