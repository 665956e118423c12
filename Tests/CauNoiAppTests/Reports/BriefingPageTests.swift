import CauNoiCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CauNoiApp

@Suite("Briefing pack and dashboard")
struct BriefingPageTests {
    @Test("the briefing pack shows figures, summary, charts, map, difficulties and good practices", arguments: Engine.enabled)
    func briefing(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let a = try await app.team(commune: "00070", members: [try await app.volunteer(phone: "0955000001")])
            let c = try await app.team(commune: "26506", members: [try await app.volunteer(phone: "0955000002", commune: "26506")])
            let batch = Batch(entries: [entry(team: a, date: "2025-08-05", counts: ["vneid": 300]), entry(team: c, date: "2025-08-06", counts: ["ho_so": 40]),
                                        entry(team: a, date: "2025-07-29", counts: ["vneid": 7]), entry(team: c, date: "2025-08-08", counts: ["ho_so": 40])])
            #expect(try await app.send(.POST, "api/v1/support-entries/batch", json: batch).content.decode(SupportBatchResponse.self).summary.created == 4)
            var report = WeeklyReportDraft()
            report.communeCode = "00070"
            report.week = "2025-07-31"
            report.highlights = "Tốt"
            report.goodPractice = "Mở điểm hỗ trợ lưu động buổi tối"
            report.difficulties = [DifficultyDraft(category: "network", severity: "high", description: "Mất mạng 2 ngày")]
            #expect(try await app.send(.POST, "api/v1/weekly-reports", json: report).status == .created)

            // Thursday 31/7 to Wednesday 6/8: the campaign's 6th reporting week.
            let res = try await app.send(.GET, "giao-ban?tuan=2025-07-31")
            #expect(res.status == .ok)
            let html = res.body.string
            #expect(html.contains("Giao ban — Tuần 31/7–06/8/2025 (tuần thứ 6 của chiến dịch) — Cả nước"))
            #expect(html.contains("Từ ngày 31/7 đến 06/8, cả nước duy trì 2 đội hình"))
            #expect(html.contains("<svg") && html.contains("Lượt hỗ trợ theo tuần") && html.contains("Bản đồ: Lượt hỗ trợ"))
            #expect(html.contains("Tiến độ nộp báo cáo tuần 6"))
            // The same week by its number, and an ISO week is refused for Thursday weeks with the reason.
            #expect(try await app.send(.GET, "giao-ban?tuan=6").body.string.contains("tuần thứ 6 của chiến dịch"))
            #expect(try await app.send(.GET, "giao-ban?tuan=2025-W32").status == .unprocessableEntity)
            #expect(html.contains("Mất mạng 2 ngày") && html.contains("Mở điểm hỗ trợ lưu động buổi tối"))
            #expect(!html.contains("<script"))
            // Sorted by supports: Hà Nội (300) before Hồ Chí Minh (40).
            let hanoi = try #require(html.range(of: ">Thành phố Hà Nội</a>"))
            let hcm = try #require(html.range(of: ">Thành phố Hồ Chí Minh</a>"))
            #expect(hanoi.lowerBound < hcm.lowerBound)

            let province = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "79"))
            #expect(try await app.send(.GET, "giao-ban?tuan=2025-08-07&don-vi=79", token: province).status == .ok)
            // Without a unit, a province officer gets their own province; the whole country is refused, on a page
            // that keeps their menu and account instead of offering to sign in.
            let own = try await app.send(.GET, "giao-ban?tuan=2025-08-07", token: province)
            #expect(own.status == .ok && own.body.string.contains("— Thành phố Hồ Chí Minh</h1>"))
            let refused = try await app.send(.GET, "giao-ban?tuan=2025-08-07&don-vi=VN", token: province)
            #expect(refused.status == .forbidden)
            #expect(refused.body.string.contains("Đăng xuất") && !refused.body.string.contains(">Đăng nhập<"))
            #expect(try await app.send(.GET, "giao-ban?tuan=2025-32").status == .unprocessableEntity)
            #expect(try await app.send(.GET, "giao-ban", token: "").status == .seeOther)

            let home = try await app.send(.GET, "/", token: province).body.string
            #expect(home.contains("Tuần 07/8–13/8/2025 (tuần thứ 7 của chiến dịch) — Thành phố Hồ Chí Minh"))
            #expect(home.contains("<b>40</b><span>lượt hỗ trợ"))
        }
    }
}
