import CauNoiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CauNoiApp

@Suite("Citizens' help pages")
struct HelpPageTests {
    @Test("find a commune by name, old name or location, then its centre, hotline and the teams on duty, with nothing personal",
          arguments: Engine.enabled)
    func findHelp(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let mai = try await app.volunteer("Nguyễn Thị Mai", phone: "0912000111")
            var centre = TeamDraft()
            centre.name = "Đội hỗ trợ Trung tâm Hoàn Kiếm"; centre.homeCommuneCode = "00070"; centre.kind = "service_centre"
            centre.activeFrom = "2025-07-01"; centre.dutyDays = [1, 2, 3, 4, 5]; centre.dutyHours = "7:30–11:30, 13:30–17:00"
            centre.members = [MembershipDraft(volunteerID: mai.uuidString, from: "2025-07-01")]
            #expect(try await app.send(.POST, "api/v1/teams", json: centre).status == .created)
            var mobile = TeamDraft()
            mobile.name = "Đội lưu động Cửa Nam"; mobile.homeCommuneCode = "00073"; mobile.kind = "mobile"; mobile.coveredCommunes = ["00070"]
            mobile.activeFrom = "2025-07-01"; mobile.dutyDays = [6]; mobile.hotline = "0243 9000 001"
            mobile.scheduleNote = "Thứ Bảy: nhà văn hóa tổ 5\nChủ nhật: chợ Hàng Bè"
            #expect(try await app.send(.POST, "api/v1/teams", json: mobile).status == .created)
            var ended = TeamDraft()
            ended.name = "Đội đã giải thể"; ended.homeCommuneCode = "00070"; ended.kind = "service_centre"
            ended.activeFrom = "2025-07-01"; ended.activeTo = "2025-07-31"
            #expect(try await app.send(.POST, "api/v1/teams", json: ended).status == .created)
            #expect(try await app.send(.PATCH, "api/v1/org-units/00070", json: ["service_centre_address": "Số 126 Hàng Trống", "hotline": "02438253536"]).status == .ok)

            // By name, accents optional; by a pre-2025 name; nothing found says what to try.
            let byName = try await app.send(.GET, "tim-ho-tro?q=hoan%20kiem", token: "").body.string
            #expect(byName.contains("href=\"/tim-ho-tro/00070\"") && byName.contains("Phường Hoàn Kiếm</a>, Thành phố Hà Nội"))
            let byOldName = try await app.send(.GET, "tim-ho-tro?q=phuc%20xa%20ba%20dinh", token: "").body.string
            #expect(byOldName.contains("href=\"/tim-ho-tro/00097\"") && byOldName.contains("trước đây: Phường Phúc Xá"))
            #expect(try await app.send(.GET, "tim-ho-tro?q=zzzz", token: "").body.string.contains("Không tìm thấy xã, phường nào tên “zzzz”"))

            // By location: a POST from the page's form (the position is never in a URL).
            let form = try await app.send(.GET, "tim-ho-tro", token: "")
            let csrf = try #require(Browser.formCSRF(form.body.string))
            let cookie = try #require(Browser.cookie(form, CSRFMiddleware.preSessionCookie))
            func near(_ lat: String, _ lon: String) async throws -> TestingHTTPResponse {
                try await app.send(.POST, "tim-ho-tro", rawBody: "_csrf=\(csrf)&vd=\(lat)&kd=\(lon)", contentType: .urlEncodedForm, token: "",
                                   headers: ["Cookie": "\(CSRFMiddleware.preSessionCookie)=\(cookie)"])
            }
            let nearby = try await near("21.029", "105.852")
            #expect(nearby.status == .ok && nearby.headers.first(name: .cacheControl) == "no-store", "\(nearby.status)")
            let list = nearby.body.string
            let first = try #require(list.range(of: "href=\"/tim-ho-tro/"))
            #expect(list[first.upperBound...].hasPrefix("00070") && list.contains("cách khoảng 0,"))
            let abroad = try await near("48.85", "2.35")
            #expect(abroad.status == .unprocessableEntity && abroad.body.string.contains("Hãy gõ tên xã, phường"))

            // The commune: centre, hotline as people read it, teams on the ground (a mobile team covering it included),
            // their days and hours; no ended team; no member's name.
            let page = try await app.send(.GET, "tim-ho-tro/00070", token: "")
            let html = page.body.string
            #expect(page.status == .ok && html.contains("Số 126 Hàng Trống") && html.contains("href=\"tel:02438253536\">024 3825 3536</a>"))
            #expect(html.contains("Đội hỗ trợ Trung tâm Hoàn Kiếm") && html.contains("Trực: Thứ Hai – Thứ Sáu, 7:30–11:30, 13:30–17:00"))
            #expect(html.contains("Đội lưu động Cửa Nam") && html.contains("<li>Chủ nhật: chợ Hàng Bè</li>") && html.contains("024 3900 0001"))
            #expect(!html.contains("Đội đã giải thể") && !html.contains("Nguyễn Thị Mai") && !html.contains("0912000111"))
            // 15/08/2025 is a Friday: the Monday-to-Friday team is on duty today and listed first.
            #expect(html.contains("hôm nay có trực") && html.range(of: "Đội hỗ trợ Trung tâm")!.lowerBound < html.range(of: "Đội lưu động")!.lowerBound)
            #expect(try await app.send(.GET, "tim-ho-tro/01", token: "").status == .notFound)
            #expect(try await app.send(.GET, "tim-ho-tro/99999", token: "").status == .notFound)
            let script = try await app.send(.GET, "tim-ho-tro/vi-tri.js", token: "")
            #expect(script.status == .ok && script.body.string.contains("getCurrentPosition"))
        }
    }
}
