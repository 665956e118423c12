import CauNoiCore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CauNoiApp

@Suite("Campaigns as data")
struct CampaignAPITests {
    static func campaignJSON(_ code: String, start: String, end: String?, weekStartsOn: Int = 4, provinces: [String]? = nil,
                             categories: [[String: AnyEncodable]]? = nil) -> [String: AnyEncodable] {
        var body: [String: AnyEncodable] = [
            "code": AnyEncodable(code), "name": AnyEncodable("Chiến dịch \(code)"), "start_date": AnyEncodable(start),
            "status": AnyEncodable("active"), "week_starts_on": AnyEncodable(weekStartsOn),
            "categories": AnyEncodable(categories ?? [["code": AnyEncodable("vneid"), "name": AnyEncodable("Cài đặt, kích hoạt VNeID")],
                                                      ["code": AnyEncodable("ho_so"), "name": AnyEncodable("Nộp hồ sơ trực tuyến")]]),
        ]
        if let end { body["end_date"] = AnyEncodable(end) }
        if let provinces { body["provinces"] = AnyEncodable(provinces) }
        return body
    }

    static func fields(_ res: TestingHTTPResponse) throws -> [String] {
        try res.content.decode(APIErrorBody.self).error.fields.map(\.field)
    }

    /// Tokens in test databases expire 30 days after the fixed test date; tests set later in time renew them.
    static func renewTokens(_ app: Application) async throws {
        try await APIToken.query(on: app.db).set(\.$expiresAt, to: Date(timeIntervalSince1970: 4_102_444_800)).update()
    }

    @Test("a central admin creates, reads and changes a campaign; bad input and changes that alter stored data are refused, nothing stored",
          arguments: Engine.enabled)
    func manage(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let created = try await app.send(.POST, "api/v1/campaigns",
                                             json: Self.campaignJSON("the-dang-vien", start: "2025-08-15", end: "2025-09-02", provinces: ["01"]))
            #expect(created.status == .created, "\(created.body.string)")
            let dto = try created.content.decode(CampaignDTO.self)
            #expect(dto.weekStartsOn == 4 && dto.provinces == ["01"] && dto.open && dto.currentWeek.start == "2025-08-14")
            #expect(dto.reportDeadline == ReportDeadline(weekday: 4, hour: 20, minute: 0))
            #expect(try await app.send(.GET, "api/v1/campaigns/the-dang-vien", token: "").status == .ok)
            #expect(try await app.send(.GET, "api/v1/campaigns/khong-co", token: "").status == .notFound)
            #expect(try await app.send(.GET, "api/v1/campaigns", token: "").content.decode([CampaignDTO].self).map(\.code)
                    == ["the-dang-vien", "he-2025"])

            // Bad input: the field is named, nothing is stored.
            let duplicate = try await app.send(.POST, "api/v1/campaigns", json: Self.campaignJSON("the-dang-vien", start: "2025-08-15", end: nil))
            #expect(duplicate.status == .conflict)
            #expect(try Self.fields(duplicate) == ["code"])
            let inverted = try await app.send(.POST, "api/v1/campaigns", json: Self.campaignJSON("nguoc", start: "2025-09-01", end: "2025-08-01"))
            #expect(inverted.status == .unprocessableEntity)
            #expect(try Self.fields(inverted) == ["end_date"])
            let badCode = try await app.send(.POST, "api/v1/campaigns", json: Self.campaignJSON("Hè 2026", start: "2026-07-01", end: nil, weekStartsOn: 9))
            #expect(Set(try Self.fields(badCode)) == ["code", "week_starts_on"])
            let province = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            #expect(try await app.send(.POST, "api/v1/campaigns", json: Self.campaignJSON("tinh-01", start: "2025-08-15", end: nil), token: province)
                .status == .forbidden)
            #expect(try await Campaign.query(on: app.db).count() == 2)

            // With an entry, a report and its categories stored, changes that would alter them are refused.
            let team = try await app.team(members: [try await app.volunteer(phone: "0944000001")])
            #expect(try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: [entry(team: team, date: "2025-08-12")]))
                .content.decode(SupportBatchResponse.self).summary.created == 1)
            var report = WeeklyReportDraft()
            report.communeCode = "00070"
            report.week = "2025-08-07"
            report.highlights = "Ổn định"
            #expect(try await app.send(.POST, "api/v1/weekly-reports", json: report).status == .created)
            let summer = CampaignDraft(CampaignDefinition.summer2025)
            var change = summer
            change.categories = summer.categories?.filter { $0.code != "vneid" }
            change.startDate = "2025-08-13"
            change.weekStartsOn = 1
            let refused = try await app.send(.PUT, "api/v1/campaigns/he-2025", json: change)
            #expect(refused.status == .unprocessableEntity)
            #expect(try Self.fields(refused) == ["start_date", "week_starts_on", "categories"])
            #expect(try await CampaignQueries.require("he-2025", on: app.db).definition == CampaignDefinition.summer2025)

            // Retiring a used category is allowed: stored counts stay, new ones are refused.
            var retire = summer
            retire.categories = summer.categories?.map { $0.code == "vneid" ? .init(code: "vneid", name: $0.name, retired: true) : $0 }
            let retired = try await app.send(.PUT, "api/v1/campaigns/he-2025", json: retire)
            #expect(retired.status == .ok, "\(retired.body.string)")
            let afterRetire = try await app.send(.POST, "api/v1/support-entries/batch",
                                                 json: Batch(entries: [entry(team: team, date: "2025-08-11", counts: ["vneid": 2]),
                                                                       entry(team: team, date: "2025-08-11", counts: ["ho_so": 6])]))
                .content.decode(SupportBatchResponse.self)
            #expect(afterRetire.results.map(\.status) == [.rejected, .created], "\(afterRetire.results)")
            #expect(afterRetire.results[0].error?.fields.map(\.field) == ["entries[0].counts.vneid"])
            let week = try await app.send(.GET, "api/v1/reports/rollup?campaign=he-2025&unit=00070&week=2025-08-07").content.decode(RollupReport.self)
            #expect(week.current.figures.supportsByCategory["vneid"] == 12)

            let actions = try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["campaign.create", "campaign.update"]).all().map(\.action)
            #expect(actions.sorted() == ["campaign.create", "campaign.update"])
        }
    }

    @Test("entries choose their campaign; figures never mix; an approval locks its own campaign only", arguments: Engine.enabled)
    func severalCampaigns(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            // Party-card renewal in Hà Nội, overlapping the summer campaign.
            #expect(try await app.send(.POST, "api/v1/campaigns", json: Self.campaignJSON(
                "the-dang-vien", start: "2025-08-01", end: "2025-09-02", provinces: ["01"],
                categories: [["code": AnyEncodable("dang_vien"), "name": AnyEncodable("Cập nhật dữ liệu đảng viên")]])).status == .created)
            let hanoi = try await app.team(members: [try await app.volunteer(phone: "0944000011")])
            let saigon = try await app.team(commune: "26506", members: [try await app.volunteer(phone: "0944000012", commune: "26506")])
            func send(_ entries: [[String: AnyEncodable]]) async throws -> SupportBatchResponse {
                try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: entries)).content.decode(SupportBatchResponse.self)
            }
            func named(_ e: [String: AnyEncodable], _ code: String) -> [String: AnyEncodable] { var e = e; e["campaign"] = AnyEncodable(code); return e }

            let answers = try await send([
                entry(team: hanoi, date: "2025-08-12"),                                                     // two running in 01: refused
                named(entry(team: hanoi, date: "2025-08-12", counts: ["dang_vien": 9]), "the-dang-vien"),
                named(entry(team: hanoi, date: "2025-08-12"), "he-2025"),
                entry(team: saigon, date: "2025-08-12"),                                                    // only he-2025 runs in 79
                named(entry(team: saigon, date: "2025-08-12", counts: ["dang_vien": 5]), "the-dang-vien"), // not in 79
                entry(team: hanoi, date: "2025-06-20"),                                                     // before every campaign
                named(entry(team: hanoi, date: "2025-08-12"), "khong-co"),
            ])
            #expect(answers.results.map(\.status) == [.rejected, .created, .created, .created, .rejected, .rejected, .rejected])
            #expect(answers.results[0].error?.fields.first?.field == "entries[0].campaign")
            #expect(answers.results[0].error?.fields.first?.message.contains("he-2025, the-dang-vien") == true)
            #expect(answers.results[4].error?.fields.first?.message.contains("không triển khai tại Thành phố Hồ Chí Minh") == true)
            #expect(answers.results[5].error?.fields.first?.field == "entries[5].date")
            #expect(answers.results[6].error?.fields.first?.field == "entries[6].campaign")

            // Each campaign counts only its own entries.
            func supports(_ campaign: String, _ unit: String) async throws -> Int {
                try await app.send(.GET, "api/v1/reports/rollup?campaign=\(campaign)&unit=\(unit)&week=2025-08-07")
                    .content.decode(RollupReport.self).current.figures.supports
            }
            #expect(try await supports("the-dang-vien", "VN") == 9)
            #expect(try await supports("he-2025", "VN") == 84)
            #expect(try await supports("he-2025", "01") == 42)

            // Hà Nội approves the summer campaign's week of 07/8: its entries lock, the card renewal's do not.
            var report = WeeklyReportDraft()
            report.campaign = "he-2025"
            report.communeCode = "00070"
            report.week = "2025-08-07"
            report.highlights = "Ổn định"
            report.difficulties = [DifficultyDraft(category: "equipment", description: "Thiếu máy tính bảng")]
            let submitted = try await app.send(.POST, "api/v1/weekly-reports", json: report).content.decode(WeeklyReportDTO.self)
            #expect(try await app.send(.GET, "api/v1/difficulties?campaign=he-2025").content.decode([DifficultyDTO].self).count == 1)
            #expect(try await app.send(.GET, "api/v1/difficulties?campaign=the-dang-vien").content.decode([DifficultyDTO].self).isEmpty)
            #expect(try await app.send(.POST, "api/v1/weekly-reports/\(submitted.id)/approve").status == .ok)
            let later = try await send([named(entry(team: hanoi, date: "2025-08-13"), "he-2025"),
                                        named(entry(team: hanoi, date: "2025-08-13", counts: ["dang_vien": 6]), "the-dang-vien")])
            #expect(later.results.map(\.status) == [.rejected, .created], "\(later.results)")
            #expect(later.results[0].error?.message.contains("đã được tỉnh duyệt") == true)

            // A closed campaign takes neither uploads nor named entries.
            var closed = CampaignDraft(try #require(try await CampaignQueries.require("the-dang-vien", on: app.db).definition))
            closed.status = "closed"
            #expect(try await app.send(.PUT, "api/v1/campaigns/the-dang-vien", json: closed).status == .ok)
            let upload = try await app.send(.POST, "api/v1/support-entries/upload?campaign=the-dang-vien",
                                            rawBody: "Mã đội hình,Ngày (dd/mm/yyyy)\n\(hanoi.code),12/08/2025\n", contentType: .init(type: "text", subType: "csv"))
            #expect(upload.status == .unprocessableEntity)
            #expect(try Self.fields(upload) == ["campaign"])
            let toClosed = try await send([named(entry(team: hanoi, date: "2025-08-14", counts: ["dang_vien": 5]), "the-dang-vien")])
            #expect(toClosed.results[0].error?.message.contains("đã kết thúc") == true)
        }
    }

    @Test("overlapping campaigns across a new year: the ledger equals the entries for Sunday, Monday and Thursday weeks",
          arguments: Engine.enabled)
    func overlappingLedgers(engine: Engine) async throws {
        let now = Date(timeIntervalSince1970: 1_769_313_600) // 25/01/2026
        try await withCauNoi(engine, now: now) { app in
            try await Self.renewTokens(app)
            #expect(try await app.send(.POST, "api/v1/campaigns", json: Self.campaignJSON("cuoi-nam", start: "2025-12-10", end: "2026-01-20",
                                                                                         weekStartsOn: 7)).status == .created)
            #expect(try await app.send(.POST, "api/v1/campaigns", json: Self.campaignJSON("to-cns", start: "2025-12-01", end: nil,
                                                                                         weekStartsOn: 1, provinces: ["01"])).status == .created)
            var people: [UUID] = []
            for i in 0..<4 { people.append(try await app.volunteer(phone: "09450000\(10 + i)")) }
            let hanoi = try await app.team(members: people, activeFrom: "2025-07-01")
            let saigon = try await app.team(commune: "26506", members: [try await app.volunteer(phone: "0945000020", commune: "26506")],
                                            activeFrom: "2025-07-01")
            var rng = SimulationRandom(seed: 7)
            var posted: [String: Int] = [:]
            var entries: [[String: AnyEncodable]] = []
            var day = LocalDate(iso: "2025-12-01")!
            while day <= LocalDate(iso: "2026-01-24")! {
                let inYearEnd = day >= LocalDate(iso: "2025-12-10")! && day <= LocalDate(iso: "2026-01-20")!
                for code in ["to-cns"] + (inYearEnd ? ["cuoi-nam"] : []) where rng.next() % 3 != 0 {
                    let n = Int(rng.next() % 20) + 5   // at least the 5 elderly people the fixture entry names
                    var e = entry(team: hanoi, date: day.iso, volunteers: people.filter { _ in rng.next() % 2 == 0 }, counts: ["vneid": n])
                    e["campaign"] = AnyEncodable(code)
                    entries.append(e)
                    posted[code, default: 0] += n
                }
                if inYearEnd, rng.next() % 2 == 0 {
                    entries.append(entry(team: saigon, date: day.iso, counts: ["ho_so": 6]))   // the only campaign in 79
                    posted["cuoi-nam", default: 0] += 6
                }
                day = day.adding(days: 1)
            }
            let stored = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: entries)).content.decode(SupportBatchResponse.self)
            #expect(stored.summary.created == entries.count, "\(stored.results.filter { $0.status != .created }.prefix(2))")

            for code in ["cuoi-nam", "to-cns"] {
                let campaign = try await CampaignQueries.require(code, on: app.db)
                let definition = try #require(campaign.definition)
                var total = 0
                for week in definition.weeks(through: LocalDate(iso: "2026-01-25")!) {
                    for range in [week.range, DateRange(from: definition.start, to: week.end)!] {
                        for unit: RollupQueries.Unit in [.nation, .province("01"), .province("79")] {
                            let scope = RollupQueries.Scope(campaignID: try campaign.requireID(), unit: unit, range: range, requiredCourses: [],
                                                            ledger: RollupService.ledgerSpan(definition, today: LocalDate(iso: "2026-01-25")!))
                            let ledger = try #require(try await LedgerRollupQueries.figures(scope, byChild: false, on: app.db), "\(code) \(unit) \(range)")
                            #expect(ledger == (try await RollupQueries.rawFigures(scope, on: app.db)), "\(code) \(unit) \(range.from)…\(range.to)")
                        }
                    }
                    total += try await RollupQueries.figures(.init(campaignID: try campaign.requireID(), unit: .nation, range: week.range,
                                                                   requiredCourses: []), on: app.db)[""]?.supports ?? 0
                }
                #expect(total == posted[code], "\(code): weeks add up to what was posted to it, and nothing else")
            }
            // Sunday weeks cross the new year: 28/12/2025 to 03/01/2026 is one week.
            let crossing = try await app.send(.GET, "api/v1/reports/rollup?campaign=cuoi-nam&unit=VN&week=2026-01-01").content.decode(RollupReport.self)
            #expect(crossing.from == "2025-12-28" && crossing.to == "2026-01-03" && crossing.weekLabel == "Tuần 28/12/2025–03/1/2026 (tuần thứ 4 của chiến dịch)")
        }
    }

    @Test("on a fresh install a central admin creates this year's campaign in the web and a leader logs today's supports",
          arguments: Engine.enabled)
    func freshInstall(engine: Engine) async throws {
        let now = Date(timeIntervalSince1970: 1_795_921_200) // Sunday 29/11/2026, 10:00 in Hà Nội
        try await withCauNoi(engine, now: now) { app in
            try await Self.renewTokens(app)
            let (_, cookie) = try await Browser.login(app, "admin", TestUsers.adminPassword)
            let session = try #require(cookie)
            let headers: HTTPHeaders = ["Cookie": "caunoi_session=\(session)"]
            let form = try await app.send(.GET, "chien-dich/moi", token: "", headers: headers)
            #expect(form.status == .ok)
            let html = form.body.string
            #expect(html.contains("vneid | Cài đặt, kích hoạt VNeID") && html.contains("value=\"2026-11-29\""))
            let csrf = try #require(Browser.formCSRF(html))
            let enc = Browser.enc
            func post(_ fields: String) async throws -> TestingHTTPResponse {
                try await app.send(.POST, "chien-dich/moi", rawBody: "_csrf=\(enc(csrf))&" + fields, contentType: .urlEncodedForm, token: "", headers: headers)
            }
            let categories = enc("vneid | Cài đặt, kích hoạt VNeID\nho_so | Nộp hồ sơ trực tuyến")
            let common = "name=\(enc("Tổ công nghệ số cộng đồng 2026"))&status=active&week_starts_on=4&deadline_weekday=4&deadline_time=20:00&briefing_weekday=5&categories=\(categories)"
            // A mistake first: the page says which field and keeps what was typed.
            let wrong = try await post("code=nam-2026&start_date=2026-12-01&end_date=2026-01-01&" + common)
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("Ngày kết thúc (01/01/2026) trước ngày bắt đầu (01/12/2026)") && wrong.body.string.contains("Tổ công nghệ số cộng đồng 2026"))
            #expect(try await Campaign.query(on: app.db).count() == 1)
            let notADay = try await post("code=nam-2026&start_date=2026-01-01&" + common.replacingOccurrences(of: "week_starts_on=4", with: "week_starts_on=thu"))
            #expect(notADay.status == .unprocessableEntity && notADay.body.string.contains("Thứ phải từ 1 (Thứ Hai) đến 7 (Chủ nhật)"))
            #expect(try await Campaign.query(on: app.db).count() == 1)
            let saved = try await post("code=nam-2026&start_date=2026-01-01&end_date=&" + common)
            #expect(saved.status == .seeOther)
            #expect(saved.headers.first(name: .location) == "/chien-dich/nam-2026?da-luu=1")
            let campaign = try #require(try await CampaignQueries.require("nam-2026", on: app.db).definition)
            #expect(campaign.end == nil && campaign.weekStartsOn == 4 && campaign.provinces == nil)

            // A team leader logs today's supports without naming the campaign: the one running today is used.
            let team = try await app.team(members: [try await app.volunteer(phone: "0946000001")], activeFrom: "2026-11-01")
            let leader = try await app.token(for: RoleAssignment(role: .teamLeader, teamID: team.id))
            try await Self.renewTokens(app)
            let logged = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: [entry(team: team, date: "2026-11-29")]),
                                            token: leader).content.decode(SupportBatchResponse.self)
            #expect(logged.results.map(\.status) == [.created], "\(logged.results)")
            // The leader's home page leads to the field app, with the team's last finished week.
            let home = try await app.send(.GET, "/", token: leader).body.string
            #expect(home.contains("href=\"/field/\">Mở ứng dụng ghi nhận hỗ trợ") && home.contains("Tuần 19/11–25/11/2026"))

            // This week's briefing (Thursday 26/11 to Wednesday 2/12) shows them.
            let briefing = try await app.send(.GET, "giao-ban?tuan=2026-11-29", token: "", headers: headers).body.string
            #expect(briefing.contains("Tuần 26/11–02/12/2026 (tuần thứ 48 của chiến dịch)"))
            #expect(briefing.contains("<b>42</b><span>lượt hỗ trợ người dân</span>"))
            let rollup = try await app.send(.GET, "api/v1/reports/rollup?unit=VN&week=2026-11-29").content.decode(RollupReport.self)
            #expect(rollup.campaign == "nam-2026" && rollup.from == "2026-11-26" && rollup.current.figures.supports == 42)
        }
    }

    @Test("pages that show one campaign link the others running in the person's area", arguments: Engine.enabled)
    func otherCampaignsLinked(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            #expect(try await app.send(.POST, "api/v1/campaigns",
                                       json: Self.campaignJSON("the-dang-vien", start: "2025-08-01", end: "2025-09-02", provinces: ["01"])).status == .created)
            let hanoi = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            let hcm = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "79"))
            let briefing = try await app.send(.GET, "giao-ban?chien-dich=he-2025", token: hanoi).body.string
            #expect(briefing.contains("Chiến dịch khác đang diễn ra: <a href=\"/giao-ban?chien-dich=the-dang-vien\">Chiến dịch the-dang-vien</a>"))
            let reports = try await app.send(.GET, "bao-cao-tuan?chien-dich=the-dang-vien", token: hanoi).body.string
            #expect(reports.contains("<a href=\"/bao-cao-tuan?chien-dich=he-2025\">"))
            #expect(!(try await app.send(.GET, "giao-ban?chien-dich=he-2025", token: hcm).body.string.contains("Chiến dịch khác đang diễn ra")))
        }
    }
}
