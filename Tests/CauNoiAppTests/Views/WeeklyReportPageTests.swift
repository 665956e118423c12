import CauNoiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CauNoiApp

@Suite("Weekly report pages")
struct WeeklyReportPageTests {
    @Test("a commune submits its week in the web, the province approves and reopens it; missing communes are named",
          arguments: Engine.enabled)
    func weeklyCycle(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            _ = try await app.team(members: [try await app.volunteer(phone: "0947000001")])
            _ = try await app.team(commune: "00073", members: [try await app.volunteer(phone: "0947000002", commune: "00073")])
            let commune = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "00070"))
            let province = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            let enc = Browser.enc
            func post(_ path: String, _ body: String, token: String) async throws -> TestingHTTPResponse {
                try await app.send(.POST, path, rawBody: body, contentType: .urlEncodedForm, token: token)
            }

            // Cửa Nam's public hotline, shown beside its name while it has not reported.
            #expect(try await app.send(.PATCH, "api/v1/org-units/00073", json: ["hotline": "02438253536"]).status == .ok)
            // Each role's home page leads to its next task.
            let communeHome = try await app.send(.GET, "", token: commune).body.string
            #expect(communeHome.contains("Việc cần làm") && communeHome.contains("href=\"/bao-cao-tuan/moi?chien-dich=he-2025&amp;tuan=2025-08-07\"")
                    || communeHome.contains("href=\"/bao-cao-tuan/moi?chien-dich=he-2025&tuan=2025-08-07\""))
            let form = try await app.send(.GET, "bao-cao-tuan/moi", token: commune)
            #expect(form.status == .ok)
            #expect(form.body.string.contains(">Phường Hoàn Kiếm</option>") && form.body.string.contains("Tuần 07/8–13/8/2025 (tuần thứ 7 của chiến dịch)"))
            #expect(!form.body.string.contains("Phường Cửa Nam"))   // another commune's officer reports for it

            // A mistake first: the page says which field and keeps what was typed; nothing is stored.
            let bad = try await post("bao-cao-tuan/moi", "campaign=he-2025&commune_code=00070&week=2025-08-07&proposals=\(enc("Thêm máy tính bảng"))",
                                     token: commune)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Thêm máy tính bảng"))
            #expect(try await WeeklyReport.query(on: app.db).count() == 0)
            let ok = try await post("bao-cao-tuan/moi", "campaign=he-2025&commune_code=00070&week=2025-08-07&highlights=\(enc("Hỗ trợ 120 lượt"))"
                                    + "&difficulty_category=network&difficulty_description=\(enc("Mất mạng hai ngày"))", token: commune)
            #expect(ok.status == .seeOther)
            #expect(ok.headers.first(name: .location) == "/bao-cao-tuan?chien-dich=he-2025&tuan=2025-08-07&da-luu=1")
            let id = try #require(try await WeeklyReport.query(on: app.db).first()?.requireID())

            #expect(try await app.send(.GET, "", token: commune).body.string.contains("Xem, sửa báo cáo tuần"))
            #expect(try await app.send(.GET, "", token: province).body.string.contains("1 báo cáo chờ duyệt"))
            // The province sees it with Cửa Nam still missing, and approves it; the commune cannot.
            let list = try await app.send(.GET, "bao-cao-tuan?tuan=2025-08-07", token: province).body.string
            #expect(list.contains("Phường Hoàn Kiếm") && list.contains("Đã nộp, chờ duyệt") && list.contains("1 khó khăn"))
            #expect(list.contains("Chưa nộp (1 xã)") && list.contains("Phường Cửa Nam — <a href=\"tel:02438253536\">02438253536</a>"))
            #expect(list.contains("/bao-cao-tuan/\(id.uuidString.lowercased())/duyet"))
            #expect(!(try await app.send(.GET, "bao-cao-tuan?tuan=2025-08-07", token: commune).body.string.contains("/duyet")))
            #expect(try await post("bao-cao-tuan/\(id.uuidString.lowercased())/duyet", "", token: commune).status == .forbidden)
            #expect(try await post("bao-cao-tuan/\(id.uuidString.lowercased())/duyet", "", token: province).status == .seeOther)
            let approved = try await app.send(.GET, "bao-cao-tuan?tuan=2025-08-07", token: province).body.string
            #expect(approved.contains("Đã duyệt") && approved.contains("/mo-lai") && !approved.contains("/sua\""))
            // Sent back with a reason: none is refused by name; the commune reads it, fixes the text, and it is submitted again.
            let noReason = try await post("bao-cao-tuan/\(id.uuidString.lowercased())/mo-lai", "reason=", token: province)
            #expect(noReason.status == .unprocessableEntity && noReason.body.string.contains("Ghi lý do trả lại"))
            #expect(try await post("bao-cao-tuan/\(id.uuidString.lowercased())/mo-lai", "reason=\(enc("Thiếu số liệu thứ Bảy"))", token: province).status == .seeOther)
            #expect(try await WeeklyReport.find(id, on: app.db)?.status == WeeklyReport.Status.reopened.rawValue)
            let homeSentBack = try await app.send(.GET, "", token: commune).body.string
            #expect(homeSentBack.contains("Sửa báo cáo tỉnh trả lại") && homeSentBack.contains("Thiếu số liệu thứ Bảy"))
            let sentBack = try await app.send(.GET, "bao-cao-tuan?tuan=2025-08-07", token: commune).body.string
            #expect(sentBack.contains("Lý do trả lại:</b> Thiếu số liệu thứ Bảy") && sentBack.contains("/bao-cao-tuan/\(id.uuidString.lowercased())/sua"))
            let editPage = try await app.send(.GET, "bao-cao-tuan/\(id.uuidString.lowercased())/sua", token: commune).body.string
            #expect(editPage.contains("Tỉnh trả lại để sửa:</b> Thiếu số liệu thứ Bảy") && editPage.contains("Hỗ trợ 120 lượt"))
            #expect(editPage.contains("Khó khăn đã báo") && editPage.contains("Mất mạng hai ngày") && editPage.contains("Thêm khó khăn, vướng mắc"))
            let emptyEdit = try await post("bao-cao-tuan/\(id.uuidString.lowercased())/sua", "highlights=", token: commune)
            #expect(emptyEdit.status == .unprocessableEntity)
            // The fix may add the difficulty the province asked about.
            #expect(try await post("bao-cao-tuan/\(id.uuidString.lowercased())/sua",
                                   "highlights=\(enc("Hỗ trợ 135 lượt, đủ 7 ngày"))&difficulty_category=platform_fault&difficulty_severity=medium&difficulty_description=\(enc("Cổng dịch vụ công chậm thứ Bảy"))",
                                   token: commune).status == .seeOther)
            #expect(try await Difficulty.query(on: app.db).filter(\.$report.$id == id).count() == 2)
            let resubmitted = try #require(try await WeeklyReport.find(id, on: app.db))
            #expect(resubmitted.status == WeeklyReport.Status.submitted.rawValue && resubmitted.reopenReason == nil
                    && resubmitted.highlights == "Hỗ trợ 135 lượt, đủ 7 ngày")

            // The difficulty it raised: the province acknowledges or escalates it, the centre resolves it with a note.
            let difficulty = try #require(try await Difficulty.query(on: app.db).filter(\.$description == "Mất mạng hai ngày").first()?.requireID()).uuidString.lowercased()
            let queue = try await app.send(.GET, "kho-khan", token: province).body.string
            #expect(queue.contains("Mất mạng hai ngày") && queue.contains("Phường Hoàn Kiếm") && queue.contains(">Chuyển Trung ương</button>"))
            #expect(!(try await app.send(.GET, "kho-khan", token: commune).body.string.contains("</button></form></li>")))
            #expect(try await post("kho-khan/\(difficulty)", "to=escalated", token: commune).status == .forbidden)
            #expect(try await post("kho-khan/\(difficulty)", "to=escalated", token: province).status == .seeOther)
            #expect(try await app.send(.GET, "", token: TestUsers.adminToken).body.string.contains("Khó khăn chuyển Trung ương"))
            // Escalated, it is the centre's: the province can no longer resolve it.
            #expect(try await post("kho-khan/\(difficulty)", "to=resolved&note=\(enc("Tỉnh tự xử lý"))", token: province).status == .forbidden)
            #expect(try await post("kho-khan/\(difficulty)", "to=resolved&note=\(enc("Đã lắp bộ phát 4G"))", token: TestUsers.adminToken).status == .seeOther)
            let done = try await app.send(.GET, "kho-khan?da-giai-quyet=1", token: province).body.string
            #expect(done.contains("Đã giải quyết") && done.contains("Kết quả: Đã lắp bộ phát 4G"))
        }
    }
}
