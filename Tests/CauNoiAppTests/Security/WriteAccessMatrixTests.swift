import CauNoiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CauNoiApp

/// Every write route of the app (API and page forms), tried by every role of Hà Nội (01) and by an
/// anonymous caller against the records of Hồ Chí Minh (79), including coverage and membership
/// attacks. Each attempt must be refused and leave the stored data exactly as it was. The same
/// attempts made by the central admin must succeed, so the attempts themselves are well formed.
/// A write route added without an entry here fails the completeness check.
@Suite("Write access matrix")
struct WriteAccessMatrixTests {
    /// Routes that write nothing scoped to a place: signing in and out, and the one-time set-up link.
    /// The tokens page makes and revokes the caller's own tokens only (`AccountPageTests` holds that).
    static let unscoped: Set<String> = ["POST /api/v1/auth/login", "POST /api/v1/auth/logout", "POST /dang-nhap", "POST /dang-xuat", "POST /thiet-lap",
                                        "POST /ma-truy-cap", "POST /ma-truy-cap/:id/thu-hoi",
                                        // Reads a test SMS and stores nothing (`SMSPageTests` holds that).
                                        "POST /tin-nhan",
                                        // A citizen's "help near me": reads the location from the body, stores nothing.
                                        "POST /tim-ho-tro",
                                        // A citizen's home-visit request: anyone may send one (`HelpRequestTests` holds its limits).
                                        "POST /ho-tro-tai-nha",
                                        // A rotation plan works on the caller's own area, never on a place it names
                                        // (`ReinforcementTests.rotation` holds what it creates).
                                        "POST /dieu-phoi/luan-chuyen"]

    /// Province 79's records, made by the central admin.
    struct Target {
        var volunteer: UUID
        var volunteerPhone = "0979000001"
        var outsider: UUID
        var team: TeamDTO
        var entry: UUID
        /// A second entry, corrected through the page (the API attempt corrects the first).
        var pageEntry: UUID
        var report: UUID
        var difficulty: UUID
        var user: UUID
        var token: UUID
        /// A citizen's home-visit request in 26506.
        var helpRequest: UUID
        /// Hồ Chí Minh's own procedure guide.
        var guide: UUID
        /// A reinforcement request for the team in 26506, with one proposal undecided and one approved.
        var reinforcement: UUID
        var proposedMove: UUID
        var approvedMove: UUID
        /// A partner's pledge of two computers to 26506.
        var pledge: UUID
        /// Vũng Tàu's good practice.
        var practice: UUID
        /// Hồ Chí Minh City's training session of 1 August (topic VNeID).
        var session: UUID
        /// A supervision visit to the team in 26506, with one open finding about equipment.
        var visit: UUID
        var finding: UUID
    }

    enum Body {
        case none
        case json([String: AnyEncodable])
        case form(String)
        case raw(String, HTTPMediaType)
        case upload(String)
    }

    struct Attempt {
        var route: String
        var method: HTTPMethod
        var path: String
        var body: Body
        /// Answers 200 with a per-item verdict instead of an error status.
        var verdictInBody = false
        /// Refused for the centre too: it names communes of two provinces.
        var crossesProvinces = false
    }

    private func target(_ app: Application) async throws -> Target {
        let volunteer = try await app.volunteer("Người Sài Gòn", phone: "0979000001", commune: "26506")
        let outsider = try await app.volunteer("Người ngoài đội", phone: "0979000002", commune: "26506")
        let team = try await app.team(commune: "26506", members: [volunteer])
        let entryID = UUID()
        let stored = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: [entry(id: entryID, team: team)]))
            .content.decode(SupportBatchResponse.self)
        try #require(stored.summary.created == 1)
        let pageEntry = UUID()
        let second = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: [entry(id: pageEntry, team: team, date: "2025-08-11")]))
            .content.decode(SupportBatchResponse.self)
        try #require(second.summary.created == 1)
        var draft = WeeklyReportDraft()
        draft.communeCode = "26506"
        draft.week = "2025-08-07"
        draft.highlights = "Ổn định"
        draft.difficulties = [DifficultyDraft(category: "platform_fault", description: "VNeID chậm")]
        let report = try await app.send(.POST, "api/v1/weekly-reports", json: draft).content.decode(WeeklyReportDTO.self)
        let difficulty = try #require(report.difficulties.first?.id)
        let user = try await TestUsers.makeUser("tinh79", password: nil, assignments: [RoleAssignment(role: .provinceAdmin, unitCode: "79")], on: app.db)
        let tokenValue = Secrets.token(prefix: TokenStore.prefix)
        try await TestUsers.storeToken(tokenValue, userID: try user.requireID(), assignment: RoleAssignment(role: .provinceAdmin, unitCode: "79"), on: app.db)
        let token = try #require(try await APIToken.query(on: app.db).filter(\.$tokenHash == Secrets.hash(tokenValue)).first()?.id)
        var ask = HelpRequestDraft()
        ask.callName = "bà Ba"; ask.phone = "0979000099"; ask.communeCode = "26506"; ask.address = "Hẻm 12"; ask.needs = ["vneid"]
        ask.consentProcessing = true; ask.consentContact = true
        let help = try await SubmitHelpRequest.run(ask, trap: nil, visitor: Visitor(now: fixedNow, requestID: nil, clientIP: "192.0.2.1"), on: app.db)
        var guide = ProcedureGuideDraft()
        guide.title = "Mẫu thử của tỉnh 79"; guide.documents = "Giấy tờ mẫu"; guide.sourceURL = "https://dichvucong.gov.vn/"
        guide.checkedOn = "2025-08-01"; guide.provinceCode = "79"
        let centre = try await app.actor(RoleAssignment(role: .centralAdmin, unitCode: "VN"))
        let savedGuide = try await SaveGuide.run(id: nil, guide, actor: centre, on: app.db)
        var sources: [UUID] = []
        for i in 0..<5 { sources.append(try await app.volunteer("Người Sài Gòn \(i)", phone: "097900010\(i)", commune: "26740")) }
        _ = try await app.team(commune: "26740", members: sources)
        var ask2 = ReinforcementRequestDraft()
        ask2.communeCode = "26506"; ask2.teamID = team.id.uuidString; ask2.people = 2; ask2.fromDate = "2025-08-18"
        let reinforcement = try await RaiseReinforcement.run(ask2, actor: centre, on: app.db)
        let rid = try reinforcement.requireID()
        _ = try await ProposeReinforcements.run(.request(rid), actor: centre, on: app.db)
        let moves = try await ReinforcementMove.query(on: app.db).filter(\.$requestID == rid).sort(\.$cost).all()
        try #require(moves.count == 2)
        _ = try await DecideMoves.run(requestID: rid, approve: [moves[1].id!], reject: [], actor: centre, on: app.db)
        var pledge = PledgeDraft()
        pledge.partner = "Viettel Vũng Tàu"; pledge.item = "computer"; pledge.quantity = 2; pledge.communeCode = "26506"
        let pledged = try await RecordPledge.run(pledge, actor: centre, on: app.db)
        var practice = PracticeDraft()
        practice.title = "Trực tối thứ Sáu"; practice.originCode = "26506"; practice.startDate = "2025-08-01"
        practice.whatWasDone = "Đội trực đến 20 giờ thứ Sáu cho người lao động."
        let written = try await SavePractice.run(id: nil, practice, actor: centre, on: app.db)
        var session = TrainingSessionDraft()
        session.title = "Tập huấn VNeID của tỉnh 79"; session.unitCode = "79"; session.heldOn = "2025-08-01"; session.format = "online"; session.topics = ["vneid"]
        let held = try await SaveTrainingSession.run(session, campaignCode: nil, actor: centre, on: app.db)
        var visit = SupervisionVisitDraft()
        visit.visitedOn = "2025-08-14"
        visit.answers = Dictionary(uniqueKeysWithValues: ChecklistItem.allCases.map { ($0.rawValue, $0 == .equipment ? "not_ok" : "ok") })
        var lack = FindingDraft()
        lack.item = "equipment"; lack.description = "Thiếu máy in"; lack.action = "Xin máy in"; lack.owner = "Xã đoàn"; lack.dueOn = "2025-08-30"
        visit.findings = [lack]
        let visited = try await RecordSupervisionVisit.run(teamID: team.id, campaignCode: nil, visit, actor: centre, on: app.db)
        let finding = try #require(try await SupervisionFinding.query(on: app.db).filter(\.$visitID == visited.id!).first())
        return Target(volunteer: volunteer, outsider: outsider, team: team, entry: entryID, pageEntry: pageEntry, report: report.id, difficulty: difficulty,
                      user: try user.requireID(), token: token, helpRequest: try help.requireID(), guide: try savedGuide.requireID(),
                      reinforcement: rid, proposedMove: moves[0].id!, approvedMove: moves[1].id!,
                      pledge: try pledged.requireID(), practice: try written.requireID(), session: held.id!, visit: visited.id!, finding: finding.id!)
    }

    /// Ordered so that, made by the central admin, each succeeds on the state the previous ones left.
    private func attempts(_ t: Target, categories: [SupportCategory]) -> [Attempt] {
        let team = t.team.id
        let volunteerJSON: [String: AnyEncodable] = [
            "full_name": AnyEncodable("Người Sài Gòn"), "phone": AnyEncodable(t.volunteerPhone), "gender": AnyEncodable("female"),
            "home_commune_code": AnyEncodable("26506"), "force_type": AnyEncodable("local"), "consent_date": AnyEncodable("2025-07-01"),
        ]
        var newVolunteer = volunteerJSON
        newVolunteer["phone"] = AnyEncodable("0979000009")
        func teamJSON(home: String, covered: [String]) -> [String: AnyEncodable] {
            ["name": AnyEncodable("Đội lưu động"), "home_commune_code": AnyEncodable(home), "kind": AnyEncodable(covered.isEmpty ? "service_centre" : "mobile"),
             "active_from": AnyEncodable("2025-07-01"), "covered_communes": AnyEncodable(covered)]
        }
        var correction = entry(team: t.team, counts: ["vneid": 6])
        correction["id"] = nil
        correction["correction_id"] = AnyEncodable(UUID().uuidString)
        correction["base_version"] = AnyEncodable(1)
        var report = WeeklyReportDraft()
        report.communeCode = "26506"
        report.week = "2025-08-14"
        report.highlights = "Ổn định"
        var edit = WeeklyReportDraft()
        edit.highlights = "Đã sửa"
        let header = SpreadsheetTemplate.header(categories: categories)
        var csvRow = Array(repeating: "", count: header.count)
        csvRow[0] = t.team.code
        csvRow[1] = "11/08/2025"
        csvRow[3 + (categories.firstIndex { $0.code == "vneid" } ?? 0)] = "4"
        let csv = CSVWriter.document(header: header, rows: [csvRow])
        let enc = Browser.enc
        func campaignJSON(_ code: String) -> [String: AnyEncodable] {
            ["code": AnyEncodable(code), "name": AnyEncodable("Đổi thẻ đảng viên"), "start_date": AnyEncodable("2025-08-15"),
             "end_date": AnyEncodable("2025-09-02"), "status": AnyEncodable("active"), "week_starts_on": AnyEncodable(4),
             "categories": AnyEncodable([["code": "dang_vien", "name": "Cập nhật dữ liệu đảng viên"]]), "provinces": AnyEncodable(["79"])]
        }
        let summer = CampaignDraft(CampaignDefinition.summer2025)
        let summerJSON: [String: AnyEncodable] = [
            "name": AnyEncodable("Hè tình nguyện 2025"), "start_date": AnyEncodable(summer.startDate), "end_date": AnyEncodable(summer.endDate),
            "status": AnyEncodable("active"), "week_starts_on": AnyEncodable(4), "categories": AnyEncodable(summer.categories),
            "required_courses": AnyEncodable(summer.requiredCourses)]
        func campaignForm(_ code: String) -> String {
            let f = CampaignForm(CampaignDefinition.summer2025)
            return "code=\(code)&name=\(enc("Chiến dịch \(code)"))&start_date=\(f.startDate ?? "")&end_date=\(f.endDate ?? "")&status=active"
                + "&week_starts_on=4&deadline_weekday=4&deadline_time=20:00&briefing_weekday=5"
                + "&categories=\(enc(f.categories ?? ""))&required_courses=\(enc(f.requiredCourses ?? ""))"
        }
        let volunteerForm = "full_name=\(enc("Người Sài Gòn"))&phone=\(t.volunteerPhone)&gender=female&home_commune_code=26506&force_type=local&consent_date=2025-07-01"
        let teamForm = "name=\(enc("Đội Sài Gòn"))&home_commune_code=26506&kind=service_centre&active_from=2025-07-01"
        return [
            Attempt(route: "POST /api/v1/volunteers", method: .POST, path: "api/v1/volunteers", body: .json(newVolunteer)),
            Attempt(route: "PUT /api/v1/volunteers/:id", method: .PUT, path: "api/v1/volunteers/\(t.volunteer)", body: .json(volunteerJSON)),
            Attempt(route: "POST /api/v1/volunteers/import", method: .POST, path: "api/v1/volunteers/import",
                    body: .raw("Họ và tên,Số điện thoại,Giới tính,Mã xã,Ngày đồng ý\nNgười Vũng Tàu,0979000011,Nữ,26506,01/07/2025\n",
                               HTTPMediaType(type: "text", subType: "csv"))),
            Attempt(route: "POST /tinh-nguyen-vien/nhap", method: .POST, path: "tinh-nguyen-vien/nhap",
                    body: .upload("Họ và tên,Số điện thoại,Giới tính,Mã xã,Ngày đồng ý\nNgười Vũng Tàu,0979000012,Nữ,26506,01/07/2025\n")),
            Attempt(route: "POST /api/v1/course-completions/import", method: .POST, path: "api/v1/course-completions/import",
                    body: .raw("Số điện thoại,Khóa học,Ngày hoàn thành\n\(t.volunteerPhone),Bình dân học vụ số,02/07/2025\n",
                               HTTPMediaType(type: "text", subType: "csv"))),
            Attempt(route: "POST /tinh-nguyen-vien/nhap-khoa-hoc", method: .POST, path: "tinh-nguyen-vien/nhap-khoa-hoc",
                    body: .upload("Số điện thoại,Khóa học,Ngày hoàn thành\n\(t.volunteerPhone),Bình dân học vụ số,03/07/2025\n")),
            Attempt(route: "POST /api/v1/volunteers/:id/courses", method: .POST, path: "api/v1/volunteers/\(t.volunteer)/courses",
                    body: .json(["course_code": AnyEncodable("binh_dan_hoc_vu_so"), "completed_on": AnyEncodable("2025-07-02")])),
            Attempt(route: "POST /api/v1/teams", method: .POST, path: "api/v1/teams", body: .json(teamJSON(home: "26506", covered: []))),
            // Coverage: homed in 01, reaching into 79; and homed in 79, reaching into 01.
            Attempt(route: "POST /api/v1/teams", method: .POST, path: "api/v1/teams", body: .json(teamJSON(home: "26506", covered: ["00070"])),
                    crossesProvinces: true),
            Attempt(route: "POST /api/v1/teams", method: .POST, path: "api/v1/teams", body: .json(teamJSON(home: "00070", covered: ["26506"])),
                    crossesProvinces: true),
            Attempt(route: "PUT /api/v1/teams/:id", method: .PUT, path: "api/v1/teams/\(team)", body: .json(teamJSON(home: "26506", covered: []))),
            // Membership: pull one's own volunteer into 79's team, and pull 79's volunteer out.
            Attempt(route: "POST /api/v1/teams/:id/members", method: .POST, path: "api/v1/teams/\(team)/members",
                    body: .json(["volunteer_id": AnyEncodable(t.outsider.uuidString), "from": AnyEncodable("2025-08-01")])),
            Attempt(route: "POST /api/v1/teams/:id/members/:volunteerID/end", method: .POST, path: "api/v1/teams/\(team)/members/\(t.outsider)/end",
                    body: .json(["to": AnyEncodable("2025-08-14")])),
            Attempt(route: "PATCH /api/v1/org-units/:code", method: .PATCH, path: "api/v1/org-units/26506", body: .json(["is_border": AnyEncodable(true)])),
            Attempt(route: "POST /api/v1/support-entries/batch", method: .POST, path: "api/v1/support-entries/batch",
                    body: .json(["entries": AnyEncodable([entry(team: t.team, date: "2025-08-13")])]), verdictInBody: true),
            Attempt(route: "POST /api/v1/support-entries/:id/corrections", method: .POST, path: "api/v1/support-entries/\(t.entry)/corrections",
                    body: .json(correction)),
            Attempt(route: "POST /ban-ghi/:id", method: .POST, path: "ban-ghi/\(t.pageEntry.uuidString.lowercased())",
                    body: .form("correction_id=\(UUID().uuidString.lowercased())&base_version=1&date=2025-08-11&place=home&counts[vneid]=4"
                                + "&volunteer_ids[]=\(t.volunteer.uuidString.lowercased())")),
            Attempt(route: "POST /api/v1/support-entries/upload", method: .POST, path: "api/v1/support-entries/upload",
                    body: .raw(csv, HTTPMediaType(type: "text", subType: "csv"))),
            Attempt(route: "POST /tai-len", method: .POST, path: "tai-len", body: .upload(csv.replacingOccurrences(of: "11/08/2025", with: "10/08/2025"))),
            Attempt(route: "POST /api/v1/sms/inbound", method: .POST, path: "api/v1/sms/inbound",
                    body: .json(["message_id": AnyEncodable("m-1"), "from": AnyEncodable(t.volunteerPhone),
                                 "text": AnyEncodable("TNV \(t.team.code) 09/08 VNEID 2")]), verdictInBody: true),
            Attempt(route: "POST /api/v1/weekly-reports", method: .POST, path: "api/v1/weekly-reports", body: .json(["x": AnyEncodable(report)])),
            Attempt(route: "PUT /api/v1/weekly-reports/:id", method: .PUT, path: "api/v1/weekly-reports/\(t.report)", body: .json(["x": AnyEncodable(edit)])),
            Attempt(route: "POST /api/v1/weekly-reports/:id/approve", method: .POST, path: "api/v1/weekly-reports/\(t.report)/approve", body: .none),
            Attempt(route: "POST /api/v1/weekly-reports/:id/reopen", method: .POST, path: "api/v1/weekly-reports/\(t.report)/reopen", body: .none),
            Attempt(route: "POST /api/v1/difficulties/:id/transition", method: .POST, path: "api/v1/difficulties/\(t.difficulty)/transition",
                    body: .json(["to": AnyEncodable("acknowledged")])),
            Attempt(route: "POST /api/v1/users", method: .POST, path: "api/v1/users", body: .json([
                "username": AnyEncodable("doitruong.sg"), "display_name": AnyEncodable("Đội trưởng Sài Gòn"),
                "assignments": AnyEncodable([["role": "team_leader", "team_id": team.uuidString]]),
            ])),
            Attempt(route: "POST /api/v1/tokens", method: .POST, path: "api/v1/tokens", body: .json([
                "name": AnyEncodable("Cổng SMS 79"), "role": AnyEncodable("province_admin"), "unit_code": AnyEncodable("79"),
            ])),
            Attempt(route: "POST /api/v1/tokens/:id/revoke", method: .POST, path: "api/v1/tokens/\(t.token)/revoke", body: .none),
            Attempt(route: "POST /tai-khoan/moi", method: .POST, path: "tai-khoan/moi",
                    body: .form("display_name=\(enc("Cán bộ Sài Gòn"))&username=canbo.saigon&role=commune_admin&unit=\(enc("Vũng Tàu"))")),
            Attempt(route: "POST /tai-khoan/:id/lien-ket-mat-khau", method: .POST, path: "tai-khoan/\(t.user.uuidString.lowercased())/lien-ket-mat-khau",
                    body: .form("")),
            Attempt(route: "POST /tai-khoan/:id/dang-xuat", method: .POST, path: "tai-khoan/\(t.user.uuidString.lowercased())/dang-xuat", body: .form("")),
            Attempt(route: "POST /api/v1/users/:id/end-sessions", method: .POST, path: "api/v1/users/\(t.user)/end-sessions", body: .none),
            Attempt(route: "POST /api/v1/users/:id/disable", method: .POST, path: "api/v1/users/\(t.user)/disable", body: .none),
            Attempt(route: "POST /tai-khoan/:id/vo-hieu-hoa", method: .POST, path: "tai-khoan/\(t.user.uuidString.lowercased())/vo-hieu-hoa", body: .form("")),
            Attempt(route: "POST /don-vi/:code", method: .POST, path: "don-vi/26506", body: .form("is_remote=1&hotline=02838290000")),
            Attempt(route: "POST /tinh-nguyen-vien/moi", method: .POST, path: "tinh-nguyen-vien/moi",
                    body: .form(volunteerForm.replacingOccurrences(of: t.volunteerPhone, with: "0979000008"))),
            Attempt(route: "POST /tinh-nguyen-vien/:id/khoa-hoc", method: .POST, path: "tinh-nguyen-vien/\(t.volunteer.uuidString.lowercased())/khoa-hoc",
                    body: .form("course_code=binh_dan_hoc_vu_so&completed_on=2025-07-03")),
            Attempt(route: "POST /tinh-nguyen-vien/:id", method: .POST, path: "tinh-nguyen-vien/\(t.volunteer.uuidString.lowercased())",
                    body: .form(volunteerForm)),
            Attempt(route: "POST /doi-hinh/moi", method: .POST, path: "doi-hinh/moi", body: .form(teamForm)),
            Attempt(route: "POST /doi-hinh/moi", method: .POST, path: "doi-hinh/moi",
                    body: .form("name=\(enc("Đội lưu động"))&home_commune_code=00070&kind=mobile&active_from=2025-07-01&covered_communes=26506"),
                    crossesProvinces: true),
            Attempt(route: "POST /doi-hinh/:id", method: .POST, path: "doi-hinh/\(team.uuidString.lowercased())", body: .form(teamForm)),
            Attempt(route: "POST /doi-hinh/:id/thanh-vien", method: .POST, path: "doi-hinh/\(team.uuidString.lowercased())/thanh-vien",
                    body: .form("action=join&volunteer_id=\(t.outsider.uuidString)&date=2025-08-15")),
            Attempt(route: "POST /doi-hinh/:id/thanh-vien", method: .POST, path: "doi-hinh/\(team.uuidString.lowercased())/thanh-vien",
                    body: .form("action=start&volunteer_id=\(t.volunteer.uuidString)&date=2025-07-01")),
            Attempt(route: "POST /bao-cao-tuan/moi", method: .POST, path: "bao-cao-tuan/moi",
                    body: .form("campaign=he-2025&commune_code=26506&week=2025-07-31&highlights=\(enc("Ổn định"))")),
            // The centre's run: the API sent the report back, so the commune-side edit resubmits it before it is approved again.
            Attempt(route: "POST /bao-cao-tuan/:id/sua", method: .POST, path: "bao-cao-tuan/\(t.report.uuidString.lowercased())/sua",
                    body: .form("highlights=\(enc("Đã bổ sung"))")),
            Attempt(route: "POST /bao-cao-tuan/:id/duyet", method: .POST, path: "bao-cao-tuan/\(t.report.uuidString.lowercased())/duyet", body: .form("")),
            Attempt(route: "POST /bao-cao-tuan/:id/mo-lai", method: .POST, path: "bao-cao-tuan/\(t.report.uuidString.lowercased())/mo-lai",
                    body: .form("reason=\(enc("Thiếu số liệu"))")),
            Attempt(route: "POST /thu-tuc/moi", method: .POST, path: "thu-tuc/moi",
                    body: .form("title=\(enc("Mẫu mới 79"))&documents=\(enc("Giấy tờ"))&source_url=\(enc("https://dichvucong.gov.vn/"))&checked_on=2025-08-01&province_code=79")),
            Attempt(route: "POST /thu-tuc/:id/sua", method: .POST, path: "thu-tuc/\(t.guide.uuidString.lowercased())/sua",
                    body: .form("title=\(enc("Sửa mẫu 79"))&documents=\(enc("Giấy tờ"))&source_url=\(enc("https://dichvucong.gov.vn/"))&checked_on=2025-08-01&province_code=79")),
            Attempt(route: "POST /thu-tuc/nhap", method: .POST, path: "thu-tuc/nhap",
                    body: .upload("Tên thủ tục,Giấy tờ cần mang,Nguồn,Ngày kiểm tra,Tỉnh\nMẫu nhập 79,Giấy tờ,https://dichvucong.gov.vn/,01/08/2025,79\n")),
            Attempt(route: "POST /de-nghi-ho-tro/:id", method: .POST, path: "de-nghi-ho-tro/\(t.helpRequest.uuidString.lowercased())",
                    body: .form("action=assign&team_id=\(team.uuidString)")),
            Attempt(route: "POST /kho-khan/:id", method: .POST, path: "kho-khan/\(t.difficulty.uuidString.lowercased())", body: .form("to=escalated")),
            Attempt(route: "POST /api/v1/reinforcements", method: .POST, path: "api/v1/reinforcements",
                    body: .json(["commune_code": AnyEncodable("26506"), "team_id": AnyEncodable(team.uuidString), "people": AnyEncodable(1),
                                 "from_date": AnyEncodable("2025-08-18")])),
            Attempt(route: "POST /dieu-phoi/de-nghi-moi", method: .POST, path: "dieu-phoi/de-nghi-moi",
                    body: .form("commune=26506&team_id=\(team.uuidString)&people=1&from_date=2025-08-18")),
            Attempt(route: "POST /api/v1/reinforcements/:id/decision", method: .POST, path: "api/v1/reinforcements/\(t.reinforcement)/decision",
                    body: .json(["approve": AnyEncodable([t.proposedMove])])),
            Attempt(route: "POST /api/v1/moves/:id/answer", method: .POST, path: "api/v1/moves/\(t.approvedMove)/answer",
                    body: .json(["answer": AnyEncodable("accept")])),
            Attempt(route: "POST /dieu-dong/:id", method: .POST, path: "dieu-dong/\(t.proposedMove.uuidString.lowercased())", body: .form("answer=accept")),
            Attempt(route: "POST /api/v1/reinforcement-proposals", method: .POST, path: "api/v1/reinforcement-proposals",
                    body: .json(["request_id": AnyEncodable(t.reinforcement)])),
            Attempt(route: "POST /dieu-phoi/de-nghi/:id", method: .POST, path: "dieu-phoi/de-nghi/\(t.reinforcement.uuidString.lowercased())",
                    body: .form("action=propose")),
            Attempt(route: "POST /dieu-phoi/de-xuat", method: .POST, path: "dieu-phoi/de-xuat", body: .form("province=79")),
            Attempt(route: "POST /thiet-bi/nhu-cau", method: .POST, path: "thiet-bi/nhu-cau",
                    body: .form("commune=26506&point_kind=village&point_name=\(enc("Ấp 3"))&item=internet&quantity=1")),
            Attempt(route: "POST /thiet-bi/cam-ket", method: .POST, path: "thiet-bi/cam-ket",
                    body: .form("commune=26506&partner=\(enc("VNPT"))&item=printer&quantity=1")),
            Attempt(route: "POST /cach-lam-hay/moi", method: .POST, path: "cach-lam-hay/moi",
                    body: .form("title=\(enc("Cách làm 79"))&origin=26506&start_date=2025-08-07&what_was_done=\(enc("Trực trưa"))")),
            Attempt(route: "POST /cach-lam-hay/:id", method: .POST, path: "cach-lam-hay/\(t.practice.uuidString.lowercased())", body: .form("action=recognised")),
            Attempt(route: "POST /cach-lam-hay/:id", method: .POST, path: "cach-lam-hay/\(t.practice.uuidString.lowercased())",
                    body: .form("action=adopt&unit=26740&start_date=2025-08-10")),
            Attempt(route: "POST /cach-lam-hay/:id/sua", method: .POST, path: "cach-lam-hay/\(t.practice.uuidString.lowercased())/sua",
                    body: .form("title=\(enc("Trực tối thứ Sáu"))&origin=26506&start_date=2025-08-01&what_was_done=\(enc("Đội trực đến 21 giờ"))")),
            Attempt(route: "POST /cach-lam-hay/goi-y", method: .POST, path: "cach-lam-hay/goi-y",
                    body: .form("commune_code=26506&indicator=home_visits")),
            Attempt(route: "POST /thiet-bi/cam-ket/:id", method: .POST, path: "thiet-bi/cam-ket/\(t.pledge.uuidString.lowercased())", body: .form("to=delivered")),
            Attempt(route: "POST /tap-huan/moi", method: .POST, path: "tap-huan/moi",
                    body: .form("title=\(enc("Tập huấn lại 79"))&unit=26506&held_on=2025-08-10&topics%5B%5D=vneid&format=in_person")),
            Attempt(route: "POST /tap-huan/:id", method: .POST, path: "tap-huan/\(t.session.uuidString.lowercased())",
                    body: .form("add%5B%5D=\(t.volunteer.uuidString)")),
            Attempt(route: "POST /tap-huan/:id/nhap", method: .POST, path: "tap-huan/\(t.session.uuidString.lowercased())/nhap",
                    body: .upload("Số điện thoại\n0979000002\n")),
            Attempt(route: "POST /tinh-nguyen-vien/:id/nang-luc", method: .POST, path: "tinh-nguyen-vien/\(t.volunteer.uuidString.lowercased())/nang-luc",
                    body: .form("campaign=he-2025&level%5Bvneid%5D=2")),
            Attempt(route: "POST /giam-sat/moi", method: .POST, path: "giam-sat/moi",
                    body: .form("team_id=\(team.uuidString)&visited_on=2025-08-15" + "&" + ChecklistItem.allCases.map { "answers%5B\($0.rawValue)%5D=ok" }.joined(separator: "&"))),
            Attempt(route: "POST /giam-sat/:id", method: .POST, path: "giam-sat/\(t.visit.uuidString.lowercased())",
                    body: .form("item=difficulties&description=\(enc("Chưa báo cáo"))&action=\(enc("Báo cáo"))&owner=\(enc("Đội trưởng"))&due_on=2025-08-25")),
            Attempt(route: "POST /giam-sat/phat-hien/:id", method: .POST, path: "giam-sat/phat-hien/\(t.finding.uuidString.lowercased())",
                    body: .form("closed_note=\(enc("Đã có máy in"))")),
            Attempt(route: "POST /nang-luc", method: .POST, path: "nang-luc",
                    body: .form("campaign=he-2025&competencies=\(enc(CompetencyStandardText.format(.summer2025).competencies + "\nxu_ly | Xử lý tình huống"))"
                                + "&levels=\(enc(CompetencyStandardText.format(.summer2025).levels))")),
            // Campaigns are the centre's alone; last, so the other attempts run against the seeded campaign only.
            Attempt(route: "POST /api/v1/campaigns", method: .POST, path: "api/v1/campaigns", body: .json(campaignJSON("the-dang-vien-79"))),
            Attempt(route: "PUT /api/v1/campaigns/:code", method: .PUT, path: "api/v1/campaigns/he-2025", body: .json(summerJSON)),
            Attempt(route: "POST /chien-dich/moi", method: .POST, path: "chien-dich/moi", body: .form(campaignForm("to-cns-79"))),
            Attempt(route: "POST /chien-dich/:code", method: .POST, path: "chien-dich/he-2025", body: .form(campaignForm("he-2025"))),
        ]
    }

    /// A batch or SMS answer that stored something.
    static func created(_ res: TestingHTTPResponse) -> Bool {
        if let batch = try? res.content.decode(SupportBatchResponse.self) { return batch.summary.created > 0 }
        if let reply = try? res.content.decode(RecordTextReport.Reply.self) { return reply.status == "created" }
        return false
    }

    private func send(_ app: Application, _ attempt: Attempt, token: String) async throws -> TestingHTTPResponse {
        switch attempt.body {
        case .none:
            return try await app.send(attempt.method, attempt.path, token: token)
        case .json(let object):
            // Drafts wrapped as {"x": draft} are sent as the draft itself.
            if object.count == 1, let draft = object["x"] { return try await app.send(attempt.method, attempt.path, json: draft, token: token) }
            return try await app.send(attempt.method, attempt.path, json: object, token: token)
        case .form(let body):
            return try await app.send(attempt.method, attempt.path, rawBody: body, contentType: .urlEncodedForm, token: token)
        case .raw(let body, let type):
            return try await app.send(attempt.method, attempt.path, rawBody: body, contentType: type, token: token)
        case .upload(let csv):
            return try await app.testing().sendRequest(attempt.method, attempt.path, beforeRequest: { req in
                if !token.isEmpty { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
                try req.content.encode(CaptureController.UploadForm(file: File(data: ByteBuffer(string: csv), filename: "tuan.csv")), as: .formData)
            })
        }
    }

    /// Everything an attempt could change, as comparable text: row counts of every table that holds
    /// the domain, and every row of the records that live in 79 or link people to teams.
    private func digest(_ app: Application) async throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .secondsSince1970
        var parts: [String] = []
        func add<M: Model>(_ rows: [M]) throws {
            parts.append(String(decoding: try encoder.encode(rows.sorted { "\($0.id!)" < "\($1.id!)" }), as: UTF8.self))
        }
        try add(try await Volunteer.query(on: app.db).all())
        try add(try await Team.query(on: app.db).all())
        try add(try await TeamMembership.query(on: app.db).all())
        try add(try await TeamCoverage.query(on: app.db).all())
        try add(try await SupportEntry.query(on: app.db).all())
        try add(try await WeeklyReport.query(on: app.db).all())
        try add(try await Difficulty.query(on: app.db).all())
        try add(try await CourseCompletion.query(on: app.db).all())
        try add(try await HelpRequest.query(on: app.db).all())
        try add(try await ProcedureGuideRow.query(on: app.db).all())
        try add(try await ReinforcementRequest.query(on: app.db).all())
        try add(try await ReinforcementMove.query(on: app.db).all())
        try add(try await EquipmentNeed.query(on: app.db).all())
        try add(try await EquipmentPledge.query(on: app.db).all())
        try add(try await Practice.query(on: app.db).all())
        try add(try await PracticeAdoption.query(on: app.db).all())
        try add(try await PracticeCandidateDismissal.query(on: app.db).all())
        try add(try await TrainingSession.query(on: app.db).all())
        try add(try await TrainingSessionTopic.query(on: app.db).all())
        try add(try await TrainingAttendance.query(on: app.db).all())
        try add(try await CompetencyAssessment.query(on: app.db).all())
        try add(try await SupervisionVisit.query(on: app.db).all())
        try add(try await SupervisionFinding.query(on: app.db).all())
        try add(try await Campaign.query(on: app.db).all())
        try add(try await User.query(on: app.db).all())
        try add(try await RoleAssignmentRow.query(on: app.db).all())
        try add(try await APIToken.query(on: app.db).all())
        try add(try await OrgUnit.query(on: app.db).filter(\.$id ~~ ["79", "26506", "01", "00070"]).all())
        return parts.joined(separator: "\n")
    }

    @Test("every write route refuses every 01 role on 79's records and changes nothing; the centre succeeds", arguments: Engine.enabled)
    func everyWriteRoute(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let t = try await target(app)
            let attempts = attempts(t, categories: try await CampaignQueries.require("he-2025", on: app.db).settings.categories)

            // Completeness: every registered write route is tried (or is explicitly not place-scoped).
            let registered = Set(app.routes.all.filter { ![.GET, .HEAD, .OPTIONS].contains($0.method) }.map { route in
                "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
            })
            let tried = Set(attempts.map(\.route))
            #expect(registered.subtracting(Self.unscoped) == tried, "untried: \(registered.subtracting(Self.unscoped).subtracting(tried)); unknown: \(tried.subtracting(registered))")

            let leaderTeam = try await app.team(commune: "00070", members: [try await app.volunteer(phone: "0901000001")])
            let roles: [(String, String)] = [
                ("province01", try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))),
                ("commune00070", try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "00070"))),
                ("leader00070", try await app.token(for: RoleAssignment(role: .teamLeader, teamID: leaderTeam.id))),
                ("volunteer00070", try await app.token(for: RoleAssignment(role: .volunteer, volunteerID: leaderTeam.members!.first!.volunteerID))),
                ("observer01", try await app.token(for: RoleAssignment(role: .observer, unitCode: "01"))),
                ("observer79", try await app.token(for: RoleAssignment(role: .observer, unitCode: "79"))),
                ("anonymous", ""),
            ]
            let before = try await digest(app)
            for (role, token) in roles {
                for attempt in attempts {
                    let res = try await send(app, attempt, token: token)
                    if !attempt.verdictInBody || role == "anonymous" {
                        #expect(res.status.code >= 400, "\(role) \(attempt.route) \(attempt.path): \(res.status)")
                    } else {
                        #expect(res.status.code >= 400 || !Self.created(res), "\(role) \(attempt.route): \(res.body.string.prefix(300))")
                    }
                    #expect(res.status.code < 500, "\(role) \(attempt.route): \(res.status)")
                    let after = try await digest(app)
                    #expect(after == before, "\(role) \(attempt.route) \(attempt.path) changed stored data")
                }
            }

            // The same attempts by the centre work: they are real writes, not malformed requests. The
            // two coverage attempts stay refused for everyone (a team covers its own province only).
            for attempt in attempts {
                let res = try await send(app, attempt, token: TestUsers.adminToken)
                if attempt.crossesProvinces {
                    #expect(res.status == .unprocessableEntity, "centre \(attempt.route): \(res.status)")
                } else if attempt.verdictInBody {
                    #expect(res.status == .ok && Self.created(res), "centre \(attempt.route): \(res.body.string.prefix(300))")
                } else {
                    #expect(res.status.code < 400, "centre \(attempt.route) \(attempt.path): \(res.status) \(res.body.string.prefix(300))")
                }
            }
        }
    }
}
