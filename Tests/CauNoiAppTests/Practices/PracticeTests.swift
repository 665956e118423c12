import CauNoiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CauNoiApp

@Suite("Good practices: promoted from a weekly report, recognised, recommended, adopted elsewhere with before and after figures")
struct PracticeTests {
    static func form(_ fields: [(String, String)]) -> String { fields.map { "\($0.0)=\(Browser.enc($0.1))" }.joined(separator: "&") }

    @Test("a province promotes a commune's good practice, the centre recommends it, two communes of another province adopt it",
          arguments: Engine.enabled)
    func spread(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            // Hoàn Kiếm reports a good practice for the week of 7 August.
            var draft = WeeklyReportDraft()
            draft.communeCode = "00070"; draft.week = "2025-08-07"; draft.highlights = "Ổn định"
            draft.goodPractice = "Thứ năm ý nghĩa: mỗi thứ Năm đội đến nhà người cao tuổi sống một mình, hướng dẫn VNeID."
            let report = try await app.send(.POST, "api/v1/weekly-reports", json: draft).content.decode(WeeklyReportDTO.self)
            // Vũng Tàu and Sài Gòn log supports four weeks before and after they adopt.
            var teams: [TeamDTO] = []
            for (i, commune) in ["26506", "26740"].enumerated() {
                let v = try await app.volunteer("TNV \(commune)", phone: "09790005\(i)0", commune: commune)
                teams.append(try await app.team(commune: commune, members: [v]))
            }
            for (team, date, n) in [(teams[0], "2025-08-03", 6), (teams[0], "2025-08-12", 9), (teams[1], "2025-08-05", 5), (teams[1], "2025-08-13", 7)] {
                let res = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: [entry(team: team, date: date, counts: ["vneid": n])]))
                #expect(try res.content.decode(SupportBatchResponse.self).summary.created == 1, "\(res.body.string.prefix(300))")
            }

            let province = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            let prefilled = try await app.send(.GET, "cach-lam-hay/moi?bao-cao=\(report.id.uuidString.lowercased())", token: province).body.string
            #expect(prefilled.contains("Thứ năm ý nghĩa") && prefilled.contains("Phường Hoàn Kiếm, Thành phố Hà Nội") && prefilled.contains("2025-08-07"))
            let made = try await app.send(.POST, "cach-lam-hay/moi", rawBody: Self.form([
                ("report_id", report.id.uuidString), ("title", "Thứ năm ý nghĩa"), ("origin", "Phường Hoàn Kiếm"), ("start_date", "2025-08-07"),
                ("what_was_done", draft.goodPractice!), ("indicator", "supports"), ("tags[]", "elderly"), ("tags[]", "home_visit")]),
                contentType: .urlEncodedForm, token: province)
            #expect(made.status == .seeOther, "\(made.body.string.prefix(600))")
            // The same report promoted twice: refused, pointing to the practice already written.
            let again = try await app.send(.POST, "cach-lam-hay/moi", rawBody: Self.form([
                ("report_id", report.id.uuidString), ("title", "Lần nữa"), ("origin", "Phường Hoàn Kiếm"), ("start_date", "2025-08-07"),
                ("what_was_done", draft.goodPractice!)]), contentType: .urlEncodedForm, token: province)
            #expect(again.status == .conflict && again.body.string.contains("đã được ghi lại"))
            #expect(try await Practice.query(on: app.db).count() == 1)
            let week = try await app.send(.GET, "giao-ban?tuan=2025-08-07&don-vi=01", token: province).body.string
            #expect(week.contains("Đã ghi thành cách làm hay") && !week.contains(">Ghi thành cách làm hay<"))
            let practice = try #require(try await Practice.query(on: app.db).first())
            let id = try practice.requireID()
            #expect(practice.reportID == report.id && practice.state == .proposed && practice.provinceCode == "01")
            // Edited later (a sharper title): the link to the report stays, and only those of the origin's area may.
            let editPath = "cach-lam-hay/\(id.uuidString.lowercased())/sua"
            #expect(try await app.send(.GET, editPath, token: province).body.string.contains("Sửa cách làm hay"))
            let edited = try await app.send(.POST, editPath, rawBody: Self.form([
                ("title", "Thứ năm ý nghĩa"), ("origin", "00070"), ("start_date", "2025-08-07"), ("what_was_done", draft.goodPractice!),
                ("results", "Thêm 40 người cao tuổi có VNeID"), ("indicator", "supports"), ("tags[]", "elderly"), ("tags[]", "home_visit")]),
                contentType: .urlEncodedForm, token: province)
            #expect(edited.status == .seeOther)
            let hcmEdit = try await app.send(.GET, editPath, token: try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "79")))
            #expect(hcmEdit.status == .forbidden || hcmEdit.status == .notFound)
            let reread = try #require(try await Practice.find(id, on: app.db))
            #expect(reread.results == "Thêm 40 người cao tuổi có VNeID" && reread.reportID == report.id)

            // A commune officer cannot recognise; its province can; only the centre recommends.
            let commune = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "00070"))
            let path = "cach-lam-hay/\(id.uuidString.lowercased())"
            #expect(try await app.send(.POST, path, rawBody: "action=recognised", contentType: .urlEncodedForm, token: commune).status == .forbidden)
            #expect(try await app.send(.POST, path, rawBody: "action=recommended", contentType: .urlEncodedForm, token: TestUsers.adminToken).status == .conflict,
                    "recommended before it is recognised")
            #expect(try await app.send(.POST, path, rawBody: "action=recognised", contentType: .urlEncodedForm, token: province).status == .seeOther)
            #expect(try await app.send(.POST, path, rawBody: "action=recommended", contentType: .urlEncodedForm, token: province).status == .forbidden)
            #expect(try await app.send(.POST, path, rawBody: "action=recommended", contentType: .urlEncodedForm, token: TestUsers.adminToken).status == .seeOther)

            // Hồ Chí Minh City's officer records two of its communes; one of Hà Nội's is outside its area.
            let hcm = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "79"))
            for (unit, day) in [("Phường Vũng Tàu", "2025-08-08"), ("Phường Sài Gòn", "2025-08-10")] {
                let res = try await app.send(.POST, path, rawBody: Self.form([("action", "adopt"), ("unit", unit), ("start_date", day), ("changes", "Thêm buổi chiều thứ Bảy")]),
                                             contentType: .urlEncodedForm, token: hcm)
                #expect(res.status == .seeOther, "\(res.body.string.prefix(400))")
            }
            let outside = try await app.send(.POST, path, rawBody: Self.form([("action", "adopt"), ("unit", "00097"), ("start_date", "2025-08-10")]),
                                             contentType: .urlEncodedForm, token: hcm)
            #expect(outside.status == .unprocessableEntity)
            let early = try await app.send(.POST, path, rawBody: Self.form([("action", "adopt"), ("unit", "26740"), ("start_date", "2025-08-01")]),
                                           contentType: .urlEncodedForm, token: hcm)
            #expect(early.status.code >= 400)
            #expect(try await PracticeAdoption.query(on: app.db).count() == 2)

            // The page's before and after equal the rollups for the same four-week ranges.
            let model = try await PracticeQueries.detail(id, actor: try await app.actor(RoleAssignment(role: .centralAdmin, unitCode: "VN")), on: app.db)
            #expect(model.adopters.map(\.unitName) == ["Phường Vũng Tàu, Thành phố Hồ Chí Minh", "Phường Sài Gòn, Thành phố Hồ Chí Minh"])
            let campaignID = try await CampaignQueries.require("he-2025", on: app.db).requireID()
            for (row, (code, day)) in zip(model.adopters, [("26506", "2025-08-08"), ("26740", "2025-08-10")]) {
                let (before, after) = AdoptionWindow.ranges(start: LocalDate(iso: day)!, today: LocalDate(iso: "2025-08-15")!)
                func raw(_ range: DateRange) async throws -> Double? {
                    PracticeIndicator.supports.value(try await RollupQueries.rawFigures(
                        .init(campaignID: campaignID, unit: .commune(code), range: range, requiredCourses: []), on: app.db)[""] ?? .zero)
                }
                let expectedBefore = try await raw(before), expectedAfter = try await raw(after!)
                #expect(row.before == expectedBefore && row.after == expectedAfter)
            }
            #expect(model.adopters.map(\.before) == [6, 5] && model.adopters.map(\.after) == [9, 7])
            #expect(model.provincesReached == ["79": 2])
            let page = try await app.send(.GET, path, token: commune).body.string
            #expect(page.contains("Trung ương khuyến nghị nhân rộng") && page.contains("Các tỉnh đã áp dụng"))

            // The briefing of the week it was recommended lists it; the library finds it without accents.
            let briefing = try await app.send(.GET, "giao-ban?tuan=2025-08-14", token: TestUsers.adminToken).body.string
            #expect(briefing.contains("Được khuyến nghị, nhân rộng trong tuần") && briefing.contains("Thứ năm ý nghĩa"))
            let found = try await app.send(.GET, "api/v1/practices?q=thu%20nam%20Y%20NGHIA", token: commune).content.decode([PracticeController.PracticeDTO].self)
            #expect(found.map(\.id) == [id] && found.first?.adoptions == 2)
            let none = try await app.send(.GET, "api/v1/practices?q=chatbot", token: commune).content.decode([PracticeController.PracticeDTO].self)
            #expect(none.isEmpty)
        }
    }

    @Test("bad practices are named field by field and store nothing; observers read but do not write", arguments: Engine.enabled)
    func refusals(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let commune = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "00070"))
            let bad = try await app.send(.POST, "cach-lam-hay/moi", rawBody: Self.form([
                ("title", ""), ("origin", "00070"), ("start_date", "2025-08-07"), ("what_was_done", "Gọi bà Lan số 0912345678 hướng dẫn")]),
                contentType: .urlEncodedForm, token: commune)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Bắt buộc nhập."))
            let elsewhere = try await app.send(.POST, "cach-lam-hay/moi", rawBody: Self.form([
                ("title", "Cách làm"), ("origin", "26506"), ("start_date", "2025-08-07"), ("what_was_done", "Trực tối thứ Sáu")]),
                contentType: .urlEncodedForm, token: commune)
            #expect(elsewhere.status.code >= 400)
            let observer = try await app.token(for: RoleAssignment(role: .observer, unitCode: "01"))
            #expect(try await app.send(.GET, "cach-lam-hay", token: observer).status == .ok)
            let byObserver = try await app.send(.POST, "cach-lam-hay/moi", rawBody: Self.form([
                ("title", "Cách làm"), ("origin", "00070"), ("start_date", "2025-08-07"), ("what_was_done", "Trực tối thứ Sáu")]),
                contentType: .urlEncodedForm, token: observer)
            #expect(byObserver.status == .forbidden)
            #expect(try await Practice.query(on: app.db).count() == 0)
        }
    }

    @Test("a commune far above similar communes three weeks running is suggested, can be written up or set aside", arguments: Engine.enabled)
    func candidates(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            // Four communes of Hồ Chí Minh City, one volunteer each; Vũng Tàu helps five times as many people every week.
            var teams: [String: TeamDTO] = [:]
            for (i, code) in ["26506", "25747", "25750", "25760"].enumerated() {
                let v = try await app.volunteer("TNV \(code)", phone: "09790006\(i)0", commune: code)
                teams[code] = try await app.team(commune: code, members: [v])
            }
            for day in ["2025-07-25", "2025-08-01", "2025-08-08"] {
                var entries: [[String: AnyEncodable]] = []
                for (code, team) in teams { entries.append(entry(team: team, date: day, counts: ["vneid": code == "26506" ? 30 : 6])) }
                let res = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: entries))
                #expect(try res.content.decode(SupportBatchResponse.self).summary.created == 4)
            }
            let hcm = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "79"))
            let page = try await app.send(.GET, "cach-lam-hay", token: hcm).body.string
            #expect(page.contains("Gợi ý từ số liệu") && page.contains("<b>Phường Vũng Tàu, Thành phố Hồ Chí Minh</b>: lượt hỗ trợ mỗi tnv ba tuần liền 30"),
                    "\(page.components(separatedBy: "Gợi ý từ số liệu").last?.prefix(800) ?? "")")
            #expect(page.contains("/cach-lam-hay/moi?xa=26506&amp;chi-so=supports_per_volunteer") || page.contains("/cach-lam-hay/moi?xa=26506&chi-so=supports_per_volunteer"))
            // Hà Nội's officer is not shown Hồ Chí Minh City's candidates, and cannot set them aside.
            let hanoi = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            #expect(!(try await app.send(.GET, "cach-lam-hay", token: hanoi).body.string.contains("Phường Vũng Tàu")))
            let refused = try await app.send(.POST, "cach-lam-hay/goi-y", rawBody: "commune_code=26506&indicator=supports_per_volunteer",
                                             contentType: .urlEncodedForm, token: hanoi)
            #expect(refused.status == .forbidden)
            let dismissed = try await app.send(.POST, "cach-lam-hay/goi-y", rawBody: "commune_code=26506&indicator=supports_per_volunteer",
                                               contentType: .urlEncodedForm, token: hcm)
            #expect(dismissed.status == .seeOther)
            #expect(!(try await app.send(.GET, "cach-lam-hay", token: hcm).body.string.contains("<b>Phường Vũng Tàu")))
        }
    }
}
