import CauNoiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CauNoiApp

@Suite("Entry pages")
struct EntryPageTests {
    @Test("a commune officer finds yesterday's entry, corrects it in the web and reads its history; mistakes and stale pages are named",
          arguments: Engine.enabled)
    func correctInTheWeb(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let lan = try await app.volunteer("Trần Thị Lan", phone: "0947000021")
            let minh = try await app.volunteer("Lê Văn Minh", phone: "0947000022")
            let team = try await app.team(members: [lan, minh])
            let entryID = UUID()
            let stored = try await app.send(.POST, "api/v1/support-entries/batch",
                                            json: Batch(entries: [entry(id: entryID, team: team, date: "2025-08-13", counts: ["vneid": 12])]))
            #expect(stored.status == .ok)
            let commune = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "00070"), username: "xa.hoankiem")
            let other = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "79"))
            let observer = try await app.token(for: RoleAssignment(role: .observer, unitCode: "01"))
            let key = entryID.uuidString.lowercased()
            func post(_ body: String, token: String = commune) async throws -> TestingHTTPResponse {
                try await app.send(.POST, "ban-ghi/\(key)", rawBody: body, contentType: .urlEncodedForm, token: token)
            }
            func versions() async throws -> Int { try await SupportEntry.query(on: app.db).filter(\.$entryID == entryID).count() }

            // The list opens on this week and the last, in the officer's area, with names not codes.
            let list = try await app.send(.GET, "ban-ghi", token: commune)
            #expect(list.status == .ok)
            #expect(list.body.string.contains("href=\"/ban-ghi/\(key)\"") && list.body.string.contains("Phường Hoàn Kiếm")
                    && list.body.string.contains(team.name) && list.body.string.contains(">Bản ghi</a>"))
            #expect(!(try await app.send(.GET, "ban-ghi", token: other).body.string.contains("/ban-ghi/\(key)")))
            #expect(!(try await app.send(.GET, "ban-ghi?tu=2025-08-14", token: commune).body.string.contains("/ban-ghi/\(key)")))

            let page = try await app.send(.GET, "ban-ghi/\(key)", token: commune).body.string
            #expect(page.contains("Sửa bản ghi") && page.contains("Trần Thị Lan") && page.contains("name=\"counts[vneid]\""))
            #expect(try await app.send(.GET, "ban-ghi/\(key)", token: other).status == .notFound)
            let readOnly = try await app.send(.GET, "ban-ghi/\(key)", token: observer)
            #expect(readOnly.status == .ok && !readOnly.body.string.contains("Sửa bản ghi"))

            // A box that is not a number is named; nothing is stored.
            let correction = UUID().uuidString.lowercased()
            let base = "correction_id=\(correction)&base_version=1&date=2025-08-13&place=home&volunteer_ids[]=\(lan.uuidString.lowercased())"
            let bad = try await post(base + "&counts[vneid]=abc")
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Cần một số nguyên không âm.") && bad.body.string.contains("abc"))
            #expect(try await versions() == 1)

            // The correction: a new version, the old one kept; sent twice, stored once.
            let ok = try await post(base + "&counts[vneid]=20&beneficiaries[elderly]=4&note=\(Browser.enc("Sửa số lượt"))")
            #expect(ok.status == .seeOther && ok.headers.first(name: .location) == "/ban-ghi/\(key)?da-luu=1")
            #expect(try await post(base + "&counts[vneid]=20&beneficiaries[elderly]=4&note=\(Browser.enc("Sửa số lượt"))").status == .seeOther)
            #expect(try await versions() == 2)
            let after = try await app.send(.GET, "ban-ghi/\(key)?da-luu=1", token: commune).body.string
            #expect(after.contains("Đã lưu bản sửa.") && after.contains("Lịch sử sửa") && after.contains("xa.hoankiem") && after.contains("Bản gửi đầu tiên"))
            #expect(after.contains("Tại nhà") && after.contains("Sửa số lượt"))
            let current = try #require(try await SupportEntry.query(on: app.db).filter(\.$entryID == entryID).filter(\.$isCurrent == true).first())
            #expect(current.version == 2 && current.total == 20 && current.place == "home")

            // The audit trail says it in Vietnamese and links to the entry.
            let audit = try await app.send(.GET, "nhat-ky?hanh-dong=support_entry.correct").body.string
            #expect(audit.contains("Sửa bản ghi hỗ trợ") && audit.contains("<a href=\"/ban-ghi/\(key)\">bản ghi hỗ trợ</a>"))
            #expect(audit.contains("<option value=\"weekly_report.approve\">Duyệt báo cáo tuần</option>"))

            // A page opened before that correction cannot silently undo it.
            let stale = try await post("correction_id=\(UUID().uuidString.lowercased())&base_version=1&date=2025-08-13&place=home&counts[vneid]=3&volunteer_ids[]=\(lan.uuidString.lowercased())")
            #expect(stale.status == .unprocessableEntity && stale.body.string.contains("Bản ghi đã có phiên bản 2"))
            #expect(try await versions() == 2)

            // Once the province approves the week, the page says why it cannot be corrected instead of offering a form.
            var week = WeeklyReportDraft()
            week.communeCode = "00070"; week.week = "2025-08-07"; week.highlights = "Ổn định"
            let report = try await app.send(.POST, "api/v1/weekly-reports", json: week).content.decode(WeeklyReportDTO.self)
            #expect(try await app.send(.POST, "api/v1/weekly-reports/\(report.id)/approve").status == .ok)
            let locked = try await app.send(.GET, "ban-ghi/\(key)", token: commune).body.string
            #expect(locked.contains("đã được tỉnh duyệt") && !locked.contains("name=\"counts[vneid]\""))
        }
    }
}
