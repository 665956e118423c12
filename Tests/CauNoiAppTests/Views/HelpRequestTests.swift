import CauNoiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CauNoiApp

@Suite("Home-visit requests: the citizen's form and status, the commune's and team's queue, erasure")
struct HelpRequestTests {
    /// A citizen's browser: the form page's CSRF field and cookie, then the POST.
    struct Citizen {
        let app: Application
        let csrf: String
        let cookie: String

        init(_ app: Application) async throws {
            self.app = app
            let page = try await app.send(.GET, "ho-tro-tai-nha?xa=00070", token: "")
            csrf = try #require(Browser.formCSRF(page.body.string))
            cookie = try #require(Browser.cookie(page, CSRFMiddleware.preSessionCookie))
        }

        func send(_ fields: [(String, String)], ip: String = "203.0.113.7") async throws -> TestingHTTPResponse {
            let body = ([("_csrf", csrf)] + fields).map { "\($0.0)=\(Browser.enc($0.1))" }.joined(separator: "&")
            return try await app.send(.POST, "ho-tro-tai-nha", rawBody: body, contentType: .urlEncodedForm, token: "",
                                      headers: ["Cookie": "\(CSRFMiddleware.preSessionCookie)=\(cookie)", "X-Forwarded-For": ip])
        }
    }

    static func fields(phone: String = "0912345678", name: String = "bà Lan", details: String = "Bà không tự làm được trên điện thoại",
                       consents: Bool = true) -> [(String, String)] {
        var f = [("commune", "hoan kiem"), ("call_name", name), ("phone", phone), ("address", "Số 5 ngõ Hàng Bè, cạnh chợ"),
                 ("needs[]", "vneid"), ("needs[]", "online_dossier"), ("details", details), ("window", "morning"), ("language", "vi"),
                 ("for_relative", "1")]
        if consents { f += [("consent_processing", "1"), ("consent_contact", "1")] }
        return f
    }

    @Test("bad input is named field by field and stores nothing; a bot's form is refused; one phone cannot flood the queue",
          arguments: Engine.enabled)
    func refusals(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let citizen = try await Citizen(app)
            let form = try await app.send(.GET, "ho-tro-tai-nha?xa=00070", token: "").body.string
            #expect(form.contains("value=\"Phường Hoàn Kiếm, Thành phố Hà Nội\"") && form.contains("name=\"website\""))

            let bad = try await citizen.send(Self.fields(name: "Bà Lan CCCD 079095001234", details: "mật khẩu VNeID là 123456", consents: false)
                .map { $0.0 == "commune" ? ($0.0, "khong co xa nay") : $0 })
            let html = bad.body.string
            #expect(bad.status == .unprocessableEntity)
            #expect(html.contains("Không tìm thấy") || html.contains("không tìm thấy"))
            #expect(html.contains("Cần bạn đồng ý để xã") && html.contains("Cần bạn đồng ý để đội tình nguyện gọi điện"))
            #expect(try await HelpRequest.query(on: app.db).count() == 0)
            let secrets = try await citizen.send(Self.fields(name: "Bà Lan CCCD 079095001234", details: "mật khẩu VNeID là abc"))
            #expect(secrets.status == .unprocessableEntity)
            #expect(secrets.body.string.contains("Đừng ghi mật khẩu hay mã OTP"))
            let health = try await citizen.send(Self.fields(details: "Bà bị tiểu đường, đi lại khó"))
            #expect(health.status == .unprocessableEntity && health.body.string.contains("Không cần ghi tình trạng sức khỏe"))
            #expect(try await HelpRequest.query(on: app.db).count() == 0)

            let bot = try await citizen.send(Self.fields() + [("website", "http://spam.example")])
            let afterBot = try await HelpRequest.query(on: app.db).count()
            #expect(bot.status == .badRequest && afterBot == 0)

            for n in 0..<3 { #expect(try await citizen.send(Self.fields(), ip: "198.51.100.\(n)").status == .seeOther) }
            let fourth = try await citizen.send(Self.fields(), ip: "198.51.100.9")
            #expect(fourth.status == .tooManyRequests && fourth.headers.first(name: .retryAfter) != nil)
            #expect(fourth.body.string.contains("đã gửi 3 đề nghị trong 24 giờ"))
            #expect(try await HelpRequest.query(on: app.db).count() == 3)
            // One address sending for many phones is limited too.
            for n in 0..<7 { _ = try await citizen.send(Self.fields(phone: "091234560\(n)"), ip: "198.51.100.1") }
            let flood = try await citizen.send(Self.fields(phone: "0987654321"), ip: "198.51.100.1")
            #expect(flood.status == .tooManyRequests)
        }
    }

    @Test("asked, assigned, scheduled, done and logged as a home support; the address only for the assigned team; contact data erased after the period",
          arguments: Engine.enabled)
    func lifecycle(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let lan = try await app.volunteer("Trần Thị Lan", phone: "0912000111")
            let teamA = try await app.team(members: [lan])
            var other = TeamDraft()
            other.name = "Đội hình thứ hai"; other.homeCommuneCode = "00070"; other.kind = "community_digital"; other.activeFrom = "2025-07-01"
            let teamB = try await app.send(.POST, "api/v1/teams", json: other).content.decode(TeamDTO.self)
            let commune = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "00070"), username: "xa.hoankiem")
            let neighbour = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "00073"), username: "xa.cuanam")
            let observer = try await app.token(for: RoleAssignment(role: .observer, unitCode: "01"), username: "theodoi")
            let leaderA = try await app.token(for: RoleAssignment(role: .teamLeader, teamID: teamA.id), username: "doitruong.a")
            let leaderB = try await app.token(for: RoleAssignment(role: .teamLeader, teamID: teamB.id), username: "doitruong.b")

            let sent = try await Citizen(app).send(Self.fields())
            #expect(sent.status == .seeOther)
            let location = try #require(sent.headers.first(name: .location))
            let reference = try #require(location.firstMatch(of: /ma=(HT-[A-Z0-9]{4}-[A-Z0-9]{4})/)?.1)
            let status = try await app.send(.GET, String(location.dropFirst()), token: "").body.string
            #expect(status.contains("Đã gửi đề nghị") && status.contains(String(reference)) && status.contains("Đã nhận đề nghị"))
            #expect(!status.contains("bà Lan") && !status.contains("0912345678") && !status.contains("Hàng Bè"))
            #expect(try await app.send(.GET, "ho-tro-tai-nha/tra-cuu?ma=HT-2222-2222", token: "").status == .notFound)
            let request = try #require(try await HelpRequest.query(on: app.db).first())
            let id = try request.requireID().uuidString.lowercased()

            // The commune's home page leads to it first.
            #expect(try await app.send(.GET, "", token: commune).body.string.contains("Giao đề nghị hỗ trợ tại nhà"))
            // The commune sees who to call, not where they live; a neighbour commune and an observer see nothing.
            let queue = try await app.send(.GET, "de-nghi-ho-tro", token: commune).body.string
            #expect(queue.contains(String(reference)) && queue.contains("0912 345 678") && !queue.contains("Hàng Bè"))
            #expect(!(try await app.send(.GET, "de-nghi-ho-tro", token: neighbour).body.string.contains(String(reference))))
            #expect(try await app.send(.GET, "de-nghi-ho-tro", token: observer).status == .forbidden)

            func move(_ body: String, _ token: String) async throws -> TestingHTTPResponse {
                try await app.send(.POST, "de-nghi-ho-tro/\(id)", rawBody: body, contentType: .urlEncodedForm, token: token)
            }
            #expect(try await move("action=assign&team_id=\(teamA.id.uuidString)", leaderA).status == .notFound)   // not theirs yet
            #expect(try await move("action=assign&team_id=\(teamA.id.uuidString)", commune).status == .seeOther)
            #expect(try await app.send(.GET, "", token: leaderA).body.string.contains("Đến nhà người dân"))
            // The assigned team sees the address; the other team neither sees nor touches the request.
            let leaderQueue = try await app.send(.GET, "de-nghi-ho-tro", token: leaderA).body.string
            #expect(leaderQueue.contains("Số 5 ngõ Hàng Bè, cạnh chợ") && leaderQueue.contains("0912 345 678"))
            #expect(!(try await app.send(.GET, "de-nghi-ho-tro", token: leaderB).body.string.contains(String(reference))))
            #expect(try await move("action=schedule&visit_date=2025-08-16", leaderB).status == .notFound)
            #expect(!(try await app.send(.GET, "de-nghi-ho-tro", token: commune).body.string.contains("Hàng Bè")))
            // The field app's list: the same rule.
            let forLeader = try await app.send(.GET, "api/v1/help-requests", token: leaderA).content.decode([HelpRequestDTO].self)
            #expect(forLeader.map(\.reference) == [String(reference)] && forLeader[0].address == "Số 5 ngõ Hàng Bè, cạnh chợ" && forLeader[0].phone == "0912345678")
            let forCommune = try await app.send(.GET, "api/v1/help-requests", token: commune).content.decode([HelpRequestDTO].self)
            #expect(forCommune.count == 1 && forCommune[0].address == nil && forCommune[0].phone == "0912345678")
            #expect(try await app.send(.GET, "api/v1/help-requests", token: leaderB).content.decode([HelpRequestDTO].self).isEmpty)
            #expect(try await app.send(.GET, "api/v1/help-requests", token: observer).status == .forbidden)

            #expect(try await move("action=schedule&visit_date=2025-08-01", leaderA).status == .unprocessableEntity)
            #expect(try await move("action=schedule&visit_date=2025-08-16&visit_time=\(Browser.enc("8 giờ sáng"))", leaderA).status == .seeOther)
            let scheduled = try await app.send(.GET, "ho-tro-tai-nha/tra-cuu?ma=\(reference.lowercased())", token: "").body.string
            #expect(scheduled.contains("Đã hẹn lịch đến nhà") && scheduled.contains("Thứ Bảy, 16/08/2025, 8 giờ sáng"))

            #expect(try await move("action=could_not_help", leaderA).status == .unprocessableEntity)
            #expect(try await app.send(.GET, "de-nghi-ho-tro", token: leaderA).body.string.contains("value=\"\(lan.uuidString.lowercased())\""))
            #expect(try await move("action=done&category=vneid&count=2&volunteer_ids[]=\(lan.uuidString.lowercased())&note=\(Browser.enc("Đã kích hoạt VNeID mức 2"))", leaderA).status == .seeOther)
            let logged = try await app.send(.GET, "api/v1/support-entries?team=\(teamA.id.uuidString)").content.decode(Paged<SupportEntryDTO>.self)
            #expect(logged.items.count == 1 && logged.items[0].volunteerIDs == [lan] && logged.items[0].place == "home")
            let entry = try #require(try await SupportEntry.query(on: app.db).filter(\.$entryID == request.requireID()).first())
            #expect(entry.total == 2 && entry.place == "home" && entry.$team.id == teamA.id && entry.entryDate == "2025-08-15")
            let done = try await app.send(.GET, "ho-tro-tai-nha/tra-cuu?ma=\(reference)", token: "").body.string
            #expect(done.contains("Đã hỗ trợ xong") && done.contains("Đã kích hoạt VNeID mức 2"))
            #expect(try await move("action=schedule&visit_date=2025-08-20", leaderA).status == .conflict)

            // 30 days after closing the contact data goes; the counts stay.
            let day = 86_400.0
            #expect(try await EraseExpiredHelpContacts.run(now: fixedNow.addingTimeInterval(30 * day), on: app.db) == 0)
            #expect(try await EraseExpiredHelpContacts.run(now: fixedNow.addingTimeInterval(31 * day), on: app.db) == 1)
            let erased = try #require(try await HelpRequest.find(request.requireID(), on: app.db))
            #expect(erased.callName == nil && erased.phone == nil && erased.address == nil && erased.details == nil && erased.erasedAt != nil)
            #expect(erased.status == "done" && erased.needs == "vneid,online_dossier" && erased.supportEntryID != nil)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "help_request.erase").count() == 1)
            let after = try await app.send(.GET, "de-nghi-ho-tro", token: leaderA).body.string
            #expect(after.contains("Thông tin liên hệ đã xóa") && !after.contains("Hàng Bè") && !after.contains("0912 345 678"))
            #expect(try await EraseExpiredHelpContacts.run(now: fixedNow.addingTimeInterval(40 * day), on: app.db) == 0)
        }
    }

    @Test("a campaign's retention period decides when a closed request's contact data goes", arguments: Engine.enabled)
    func retentionPerCampaign(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            var summer = CampaignDraft(try #require(try await CampaignQueries.require("he-2025", on: app.db).definition))
            summer.requestRetentionDays = 400
            #expect(try await app.send(.PUT, "api/v1/campaigns/he-2025", json: summer).status == .unprocessableEntity)
            summer.requestRetentionDays = 7
            let saved = try await app.send(.PUT, "api/v1/campaigns/he-2025", json: summer)
            let days = try saved.content.decode(CampaignDTO.self).requestRetentionDays
            #expect(saved.status == .ok && days == 7)
            #expect(try await Citizen(app).send(Self.fields()).status == .seeOther)
            let request = try #require(try await HelpRequest.query(on: app.db).first())
            let moved = try await app.send(.POST, "de-nghi-ho-tro/\(try request.requireID().uuidString.lowercased())",
                                           rawBody: "action=could_not_help&reason=\(Browser.enc("Không liên lạc được sau 3 lần gọi"))",
                                           contentType: .urlEncodedForm)
            #expect(moved.status == .seeOther)
            #expect(try await EraseExpiredHelpContacts.run(now: fixedNow.addingTimeInterval(7 * 86_400), on: app.db) == 0)
            #expect(try await EraseExpiredHelpContacts.run(now: fixedNow.addingTimeInterval(8 * 86_400), on: app.db) == 1)
            let status = try await app.send(.GET, "ho-tro-tai-nha/tra-cuu?ma=\(request.reference)", token: "").body.string
            #expect(status.contains("Chưa hỗ trợ được") && status.contains("Không liên lạc được sau 3 lần gọi"))
        }
    }
}
