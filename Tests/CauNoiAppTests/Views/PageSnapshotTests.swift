import CauNoiCore
import Foundation
import Testing
import Vapor
@testable import CauNoiApp

/// Every page rendered from a fixed model, with no HTTP and no database: a change to a view shows up as a
/// snapshot diff to look at (`SNAPSHOT_RECORD=1` re-records).
@Suite("Page snapshots from fixed models")
struct PageSnapshotTests {
    static let signedIn = PageContext(userName: "Nguyễn Thị Lan", roleName: "Quản trị cấp tỉnh", csrfToken: "csrf-fixed",
                                      canSeePeople: true, canReadAudit: true)
    static let today = LocalDate(iso: "2025-08-15")!
    static let teamID = UUID(uuidString: "01912345-0000-7000-8000-000000000001")!
    static let volunteerID = UUID(uuidString: "01912345-0000-7000-8000-000000000002")!

    static func unit(_ code: String, _ name: String, level: OrgLevel, type: UnitType, parent: String?, province: String?) -> OrgUnitDTO {
        let u = OrgUnit()
        u.id = code
        u.name = name
        u.nameSearch = VietnameseText.fold(name)
        u.level = level.rawValue
        u.unitType = type.rawValue
        u.parentCode = parent
        u.provinceCode = province
        u.isBorder = false
        u.isIsland = false
        u.isRemote = false
        u.isEthnicArea = false
        u.languages = "vi"
        u.serviceCentreAddress = "Số 126 Hàng Trống"
        u.hotline = "02438256789"
        return OrgUnitDTO(u)
    }

    static let hanoi = unit("01", "Thành phố Hà Nội", level: .province, type: .thanhPhoTrungUong, parent: "VN", province: "01")
    static let hoanKiem = unit("00070", "Phường Hoàn Kiếm", level: .commune, type: .phuong, parent: "01", province: "01")

    static func team(members: Bool = true) -> TeamDTO {
        let t = Team()
        t.id = teamID
        t.code = "00070-1"
        t.name = "Đội hình hỗ trợ Trung tâm phục vụ hành chính công"
        t.$homeCommune.id = "00070"
        t.provinceCode = "01"
        t.kind = TeamKind.serviceCentre.rawValue
        t.hotline = "0912345678"
        t.activeFrom = "2025-07-01"
        t.dutyDays = DutySchedule(days: [1, 2, 3, 4, 5]).mask
        t.dutyHours = "7:30–11:30, 13:30–17:00"
        let people = members ? [TeamMemberDTO(volunteerID: volunteerID, fullName: "Trần Văn Minh", from: "2025-07-01", to: nil)] : nil
        return TeamDTO(t, coverage: [], members: people)
    }

    static func volunteer() -> Volunteer {
        let v = Volunteer()
        v.id = volunteerID
        v.fullName = "Trần Văn Minh"
        v.nameSearch = VietnameseText.fold("Trần Văn Minh")
        v.phone = "0912345678"
        v.birthYear = 2004
        v.gender = Gender.male.rawValue
        v.unionMember = true
        v.affiliation = "Trường Đại học Bách khoa Hà Nội"
        v.$homeCommune.id = "00070"
        v.provinceCode = "01"
        v.forceType = ForceType.student.rawValue
        v.techSkill = SkillLevel.advanced.rawValue
        v.communicationSkill = SkillLevel.advanced.rawValue
        v.languages = "vi,en"
        v.hasMotorbike = true
        v.consentDate = "2025-07-01"
        v.status = VolunteerStatus.active.rawValue
        return v
    }

    private func snapshot(_ html: HTML, _ name: String) throws {
        try assertSnapshot(html.description, named: "page-\(name).html")
    }

    @Test func home() throws {
        let model = HomePage.Model(campaignName: "Thanh niên tình nguyện hỗ trợ chính quyền địa phương 2 cấp – Hè 2025",
                                   campaignRange: "01/07/2025 – 31/08/2025", provinces: 34, communes: 3_321, teams: 11_937,
                                   volunteers: 308_000, entries: 352_568, supports: 2_170_000)
        try snapshot(HomePage.render(model, context: .anonymous), "home")
        var officer = model
        officer.tasks = [NextTask(label: "Duyệt báo cáo tuần", detail: "3 báo cáo chờ duyệt, Tuần 07/8–13/8/2025; xem cả xã chưa nộp.",
                                  link: SiteRoute.weeklyReports(campaign: "he-2025", week: "2025-08-07").path),
                         NextTask(label: "Khó khăn của các xã", detail: "2 đang mở.", link: SiteRoute.difficulties().path)]
        try snapshot(HomePage.render(officer, context: Self.signedIn), "home-province-officer")
    }

    @Test func unitList() throws {
        let model = UnitListPage.Model(query: "hoan kiem", rows: [.init(code: "00070", name: "Phường Hoàn Kiếm", typeName: "Phường", parentName: "Thành phố Hà Nội")])
        try snapshot(UnitListPage.render(model, context: .anonymous), "unit-list")
    }

    @Test func unit() throws {
        var model = UnitPage.Model(unit: Self.hoanKiem, parent: Self.hanoi, children: [],
                                   teams: [.init(id: Self.teamID, code: "00070-1", name: "Đội hình hỗ trợ Trung tâm", kindName: "Tại Trung tâm phục vụ hành chính công")],
                                   volunteerCount: 42)
        model.canEdit = true
        try snapshot(UnitPage.render(model, context: Self.signedIn), "unit")
    }

    @Test func teamList() throws {
        try snapshot(TeamListPage.render(.init(commune: Self.hoanKiem, items: [Self.team(members: false)], total: 1), context: Self.signedIn), "team-list")
    }

    @Test func team() throws {
        var model = TeamPage.Model(team: Self.team(), form: TeamForm(Self.team()), today: Self.today)
        model.communeName = "Phường Hoàn Kiếm, Thành phố Hà Nội"
        model.canManageMembers = true
        model.candidates = [VolunteerSummaryDTO(Self.volunteer(), showPhone: true)]
        model.memberErrors = ["from": "Ngày vào đội không hợp lệ (YYYY-MM-DD)."]
        try snapshot(TeamPage.render(model, context: Self.signedIn), "team")
    }

    @Test func volunteerList() throws {
        let model = VolunteerListPage.Model(commune: Self.hoanKiem, query: "minh", items: [VolunteerSummaryDTO(Self.volunteer(), showPhone: true)], total: 1)
        try snapshot(VolunteerListPage.render(model, context: Self.signedIn), "volunteer-list")
    }

    @Test func courseImport() throws {
        let result = ImportCourses.Result(rows: 5, stored: 2, updated: 1, unchanged: 0, unmatched: [.init(line: 4, phone: "091****333")],
                                          errors: [.init(line: 5, column: "Ngày hoàn thành", message: "Ngày không hợp lệ, cần dạng dd/mm/yyyy.", messageEN: "Invalid date.")],
                                          storedNothing: false, newlyTrained: 1)
        let model = CourseImportPage.Model(courses: CampaignDefinition.summer2025.requiredCourses, chosen: "binh_dan_hoc_vu_so", result: result)
        try snapshot(CourseImportPage.render(model, context: Self.signedIn), "course-import")
    }

    @Test func helpPages() throws {
        let search = HelpSearchPage.Model(query: "phuc xa ba dinh", results: [
            .init(code: "00097", name: "Phường Hồng Hà", provinceName: "Thành phố Hà Nội", formerName: "Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội")])
        try snapshot(HelpSearchPage.render(search, context: .anonymous), "help-search")
        let commune = HelpCommunePage.Model(
            code: "00070", name: "Phường Hoàn Kiếm", provinceName: "Thành phố Hà Nội", formerNames: ["Phường Hàng Trống, Quận Hoàn Kiếm, Thành phố Hà Nội"],
            address: "Số 126 Hàng Trống", hotline: "02438253536",
            teams: [.init(name: "Đội hỗ trợ Trung tâm", kindName: "Tại Trung tâm phục vụ hành chính công", duty: "Thứ Hai – Thứ Sáu, 7:30–11:30",
                          onDutyToday: true, phone: nil, stops: []),
                    .init(name: "Đội lưu động", kindName: "Lưu động", duty: "Thứ Bảy", onDutyToday: false, phone: "0912345678",
                          stops: ["Thứ Bảy: nhà văn hóa tổ 5"])],
            today: Self.today)
        try snapshot(HelpCommunePage.render(commune, context: .anonymous), "help-commune")
        var form = HelpRequestForm()
        form.callName = "bà Lan"
        let formModel = HelpRequestFormPage.Model(form: form, communeLabel: "Phường Hoàn Kiếm, Thành phố Hà Nội",
                                                  errors: ["consent_contact": "Cần bạn đồng ý để đội tình nguyện gọi điện cho bạn."])
        try snapshot(HelpRequestFormPage.render(formModel, context: .anonymous), "help-request-form")
        let status = HelpRequestStatusPage.Model(typed: "HT-7K3M-9QX2", found: .init(
            reference: "HT-7K3M-9QX2", communeName: "Phường Hoàn Kiếm, Thành phố Hà Nội", status: .scheduled, sentOn: "15/08/2025",
            visit: "Thứ Bảy, 16/08/2025, 8 giờ sáng", outcome: nil, hotline: "02438253536"), justSent: true)
        try snapshot(HelpRequestStatusPage.render(status, context: .anonymous), "help-request-status")
        let row = HelpQueuePage.Row(
            id: Self.teamID, reference: "HT-7K3M-9QX2", communeName: "Phường Hoàn Kiếm, Thành phố Hà Nội", needs: "Cài đặt, kích hoạt VNeID",
            window: "Buổi sáng", language: "Tiếng Việt", forRelative: true, status: .assigned, teamName: "Đội hỗ trợ Trung tâm",
            callName: "bà Lan", phone: "0912345678", address: "Số 5 ngõ Hàng Bè", details: nil, visit: nil, outcome: nil,
            sentOn: "10:00, 15/08/2025", erased: false, mayAssign: true,
            teams: [.init(value: Self.teamID.uuidString.lowercased(), label: "Đội hỗ trợ Trung tâm")],
            categories: [.init(value: "vneid", label: "Cài đặt, kích hoạt VNeID")])
        try snapshot(HelpQueuePage.render(.init(open: [row], closed: []), context: Self.signedIn), "help-queue")
    }

    @Test func guidePages() throws {
        let guide = ProcedureGuide(title: "Đăng ký khai sinh (mẫu thử)", office: "Ủy ban nhân dân xã", documents: ["Giấy tờ mẫu A", "Giấy tờ mẫu B"],
                                   steps: ["Bước một", "Bước hai"], fee: "Không thu", sourceURL: "https://dichvucong.gov.vn/",
                                   checkedOn: Self.today)
        try snapshot(GuidePage.render(.init(id: Self.teamID, guide: guide, provinceName: nil, version: 2, mayEdit: true,
                                            history: [.init(version: 1, at: "09:00, 14/08/2025", by: "Nguyễn Thị Lan")]), context: Self.signedIn), "guide")
        try snapshot(GuideSearchPage.render(.init(query: "khai sinh", results: [.init(id: Self.teamID, title: guide.title, office: guide.office,
                                                                                       checkedOn: Self.today, provinceName: nil)], total: 1),
                                            context: .anonymous), "guide-search")
    }

    @Test func volunteerForm() throws {
        var model = VolunteerFormPage.Model(id: Self.volunteerID, form: VolunteerForm(VolunteerDTO(Self.volunteer(), courses: [])))
        model.errors = ["phone": "Số điện thoại đã được dùng."]
        try snapshot(VolunteerFormPage.render(model, context: Self.signedIn), "volunteer-form")
    }

    @Test func login() throws {
        try snapshot(LoginPage.render(.init(username: "lan", next: "/doi-hinh", error: "Sai tên đăng nhập hoặc mật khẩu."), context: .anonymous), "login")
    }

    @Test func setup() throws {
        let model = SetupPage.Model(token: "ma-co-dinh", existingUsername: nil, username: "tw.admin", displayName: "Nguyễn Văn A",
                                    errors: ["password": "Mật khẩu cần ít nhất 10 ký tự."])
        try snapshot(SetupPage.render(model, context: .anonymous), "setup")
    }

    @Test func upload() throws {
        let result = UploadEntries.Result(rows: 3, stored: 0, duplicate: 0,
                                          errors: [.init(line: 3, column: "Ngày", message: "Ngày 32/08/2025 không hợp lệ", messageEN: "Invalid date")],
                                          storedNothing: true)
        try snapshot(UploadPage.render(result, campaigns: [.init(code: "he-2025", name: "Hè 2025"), .init(code: "the-dang-vien", name: "Đổi thẻ đảng viên")],
                                       chosen: "the-dang-vien", context: Self.signedIn), "upload")
    }

    @Test func audit() throws {
        let entry = AuditEntry()
        entry.id = UUID(uuidString: "01912345-0000-7000-8000-000000000003")
        entry.at = Date(timeIntervalSince1970: 1_755_226_800)
        entry.username = "lan"
        entry.action = "team.update"
        entry.objectType = "team"
        entry.objectID = Self.teamID.uuidString.lowercased()
        entry.outcome = "ok"
        entry.clientIP = "203.0.113.7"
        entry.provinceCode = "01"
        try snapshot(AuditPage.render(.init(action: nil, items: [AuditEntryDTO(entry)], total: 1), context: Self.signedIn), "audit")
    }

    @Test func error() throws {
        let page = ErrorPage(status: .unprocessableEntity, error: .validation([FieldError(field: "home_commune_code", message: "Không tìm thấy xã 99999.", messageEN: "No commune 99999.")]))
        try snapshot(page.render(context: Self.signedIn), "error")
    }

    @Test func campaignList() throws {
        let summer = CampaignDefinition.summer2025
        var standing = CampaignDefinition(code: "to-cong-nghe-so", name: "Tổ công nghệ số cộng đồng", start: LocalDate(iso: "2025-09-01")!,
                                          end: nil, status: .active, weekStartsOn: 1, categories: summer.categories, requiredCourses: [])
        standing.provinces = ["01", "79"]
        let today = LocalDate(iso: "2025-09-10")!
        let model = CampaignListPage.Model(campaigns: [CampaignDTO(standing, today: today), CampaignDTO(summer, today: today)], canManage: true)
        var admin = Self.signedIn
        admin.canManageCampaigns = true
        try snapshot(CampaignListPage.render(model, context: admin), "campaign-list")
    }

    @Test func campaignForm() throws {
        var admin = Self.signedIn
        admin.canManageCampaigns = true
        var form = CampaignForm.startingFrom(CampaignDefinition.summer2025, today: LocalDate(iso: "2026-06-20")!)
        form.code = "he-2026"
        form.endDate = "2026-06-01"
        let model = CampaignFormPage.Model(code: nil, form: form, provinces: [(value: "01", label: "Thành phố Hà Nội"), (value: "79", label: "Thành phố Hồ Chí Minh")],
                                           errors: ["end_date": "Ngày kết thúc (01/06/2026) trước ngày bắt đầu (20/06/2026)."])
        try snapshot(CampaignFormPage.render(model, context: admin), "campaign-form")
    }

    @Test func weeklyReports() throws {
        let campaign = CampaignDefinition.summer2025
        let week = campaign.week(containing: LocalDate(iso: "2025-08-07")!)
        let model = WeeklyReportListPage.Model(
            campaign: campaign.code, campaignName: campaign.name, week: week.key, weekLabel: campaign.label(week),
            weeks: [(value: week.key, label: campaign.label(week)), (value: week.adding(weeks: -1).key, label: campaign.label(week.adding(weeks: -1)))],
            rows: [.init(id: Self.teamID, commune: "Phường Hoàn Kiếm", status: "submitted", onTime: false, highlights: "Hỗ trợ 120 lượt",
                         difficulties: 1, canApprove: true),
                   .init(id: Self.volunteerID, commune: "Phường Ba Đình", status: "reopened", onTime: true, highlights: "Hỗ trợ 80 lượt",
                         difficulties: 0, canApprove: false, canEdit: true, reopenReason: "Thiếu số liệu ngày thứ Bảy.")],
            missing: [.init(name: "Phường Cửa Nam", hotline: "02438253536"), .init(name: "Phường Hồng Hà", hotline: nil)], canSubmit: true, notice: "Đã lưu.")
        try snapshot(WeeklyReportListPage.render(model, context: Self.signedIn), "weekly-reports")
    }

    @Test func difficultyQueue() throws {
        let item = Difficulty()
        item.id = Self.volunteerID
        item.$report.id = Self.teamID
        item.communeCode = "00070"
        item.provinceCode = "01"
        item.week = "2025-08-07"
        item.category = "network"
        item.severity = "high"
        item.description = "Mất mạng hai ngày"
        item.reinforcementRequested = true
        item.status = "open"
        item.createdAt = Date(timeIntervalSince1970: 1_754_900_000)
        item.updatedAt = item.createdAt
        let model = DifficultyQueuePage.Model(rows: [.init(item: DifficultyDTO(item, now: Date(timeIntervalSince1970: 1_755_226_800)),
                                                           commune: "Phường Hoàn Kiếm", moves: [.acknowledged, .escalated, .resolved])],
                                              showResolved: false, notice: nil)
        try snapshot(DifficultyQueuePage.render(model, context: Self.signedIn), "difficulty-queue")
    }

    @Test func accounts() throws {
        let id = UUID(uuidString: "01a22937-90a4-7218-857e-1f4e15aa5b7d")!
        let rows: [AccountListPage.Row] = [
            .init(id: id, username: "xa.hoankiem", name: "Trần Thị Lan", active: true,
                  roles: ["Quản trị cấp xã — Phường Hoàn Kiếm (Thành phố Hà Nội)"], isSelf: false),
            .init(id: id, username: "tinh.hanoi", name: "Nguyễn Văn An", active: true, roles: ["Quản trị cấp tỉnh — Thành phố Hà Nội"], isSelf: true),
            .init(id: id, username: "doi.truong", name: "Lê Minh", active: false, roles: ["Đội trưởng — Đội hình tình nguyện (Phường Hoàn Kiếm)"],
                  isSelf: false),
        ]
        try snapshot(AccountListPage.render(.init(rows: rows, total: 250, query: "ha noi", notice: "Đã đăng xuất tài khoản khỏi mọi thiết bị."),
                                            context: Self.signedIn), "accounts")
        let form = AccountFormPage.Form(username: "ba.dinh", displayName: "Nguyễn Văn Ba", role: "commune_admin", unit: "ba dinh", team: nil)
        let model = AccountFormPage.Model(form: form, roles: [.provinceAdmin, .communeAdmin, .teamLeader, .observer],
                                          teams: [.init(id: id, label: "Đội hình tình nguyện — Phường Hoàn Kiếm")],
                                          errors: ["unit": "Có 2 đơn vị trùng tên: Phường Ba Đình (Thành phố Hà Nội); Xã Ba Đình (Thanh Hóa). Hãy ghi thêm tên tỉnh hoặc dùng mã."])
        try snapshot(AccountFormPage.render(model, context: Self.signedIn), "account-form")
        try snapshot(AccountLinkPage.render(.init(name: "Nguyễn Văn Ba", username: "ba.dinh", link: "https://caunoi.example/thiet-lap?ma=abc123", isNew: true),
                                            context: Self.signedIn), "account-link")
        let tokens = TokenListPage.Model(rows: [.init(id: id, name: "Cổng SMS", role: "Quản trị cấp tỉnh — Thành phố Hà Nội", expires: "13/11/2025",
                                                      status: "Đang dùng được", revocable: true)], newToken: "cn_example")
        try snapshot(TokenListPage.render(tokens, context: Self.signedIn), "tokens")
    }

    @Test func weeklyReportForm() throws {
        let campaign = CampaignDefinition.summer2025
        let week = campaign.week(containing: LocalDate(iso: "2025-08-07")!)
        var form = WeeklyReportForm()
        form.communeCode = "00070"
        form.week = week.key
        form.proposals = "Thêm máy tính bảng"
        let model = WeeklyReportFormPage.Model(campaign: campaign.code, campaignName: campaign.name,
                                               communes: [(value: "00070", label: "Phường Hoàn Kiếm")],
                                               weeks: [(value: week.key, label: campaign.label(week))], form: form,
                                               errors: ["highlights": "Bắt buộc nhập."])
        try snapshot(WeeklyReportFormPage.render(model, context: Self.signedIn), "weekly-report-form")
    }

    @Test func briefing() throws {
        let current = RollupFigures(teamsMaintained: 12, volunteersActive: 96, supports: 4_620, supportsByCategory: ["vneid": 2_100, "ho_so": 1_520, "tra_cuu": 1_000],
                                    supportsByGroup: ["elderly": 1_800], supportsByPlace: ["service_centre": 3_900, "home": 720],
                                    communesCovered: 9, communesInScope: 10, borderIslandCovered: 0, borderIslandInScope: 0, trainedActive: 90)
        let previous = RollupFigures(teamsMaintained: 11, volunteersActive: 90, supports: 4_100, supportsByCategory: ["vneid": 1_900, "ho_so": 1_300, "tra_cuu": 900],
                                     communesCovered: 8, communesInScope: 10, trainedActive: 80)
        let ref = RollupReport.UnitRef(code: "01", name: "Thành phố Hà Nội", level: "province")
        let campaign = CampaignDefinition.summer2025
        let week = ReportingWeek(containing: LocalDate(iso: "2025-08-07")!, startsOn: 4)
        let report = RollupReport(campaign: "he-2025", unit: ref, from: "2025-08-07", to: "2025-08-13", week: week.key, weekLabel: campaign.label(week),
                                  current: .init(current), previous: .init(previous), change: .between(previous: previous, current: current),
                                  cumulative: .init(current), children: [.init(unit: .init(code: "00070", name: "Phường Hoàn Kiếm", level: "commune"), current: .init(current))],
                                  summary: "Từ ngày 07/8 đến 13/8, Thành phố Hà Nội duy trì 12 đội hình với 96 tình nguyện viên, hỗ trợ 4.620 lượt người dân.")
        let model = BriefingPage.Model(report: report, campaign: campaign, week: week, unitParam: "01", measure: .supports, sort: .supports,
                                       weekly: [(week.adding(weeks: -1), 4_100), (week, 4_620)],
                                       completeness: nil, difficulties: [], practices: [(commune: "Phường Hoàn Kiếm", text: "Ca trực tối cho người lao động.", reportID: nil, practiceID: nil)],
                                       categories: CampaignDefinition.summer2025.categories)
        try snapshot(BriefingPage.render(model, context: Self.signedIn), "briefing")
    }

    static var coordinator: PageContext {
        var c = signedIn
        c.canCoordinateForces = true
        c.canAnswerMoves = true
        return c
    }

    static let requestID = UUID(uuidString: "01912345-0000-7000-8000-0000000000a1")!

    @Test func forces() throws {
        let model = ForcesPage.Model(
            weekLabel: "Tuần 07/8–13/8/2025 (tuần thứ 6 của chiến dịch)", communesChecked: 126,
            shortages: [.init(rank: 1, code: "00004", communeName: "Phường Ba Đình", provinceName: "Thành phố Hà Nội", score: 95,
                              reasons: ["1 khó khăn đang đề nghị tăng cường lực lượng", "Chưa có TNV nói tiếng H'Mông", "Mới 80% TNV hoạt động hoàn thành khóa học (8/10)"])],
            totalShort: 1,
            requests: [.init(id: Self.requestID, communeName: "Phường Ba Đình, Thành phố Hà Nội", people: 2, needs: "tiếng H'Mông (bắt buộc) · có xe máy",
                             from: "18/08/2025", status: .proposed, proposed: 1, approved: 1, accepted: 0)],
            provinces: [.init(value: "01", label: "Thành phố Hà Nội"), .init(value: "79", label: "Thành phố Hồ Chí Minh")], province: "01")
        try snapshot(ForcesPage.render(model, context: Self.coordinator), "forces")
    }

    @Test func reinforcementForm() throws {
        var form = ReinforcementForm()
        form.commune = "00004"; form.people = "0"; form.languages = ["hmong"]; form.languagesRequired = "1"; form.fromDate = "2025-08-18"
        form.competency = "vneid"; form.competencyLevel = "2"
        var model = ReinforcementFormPage.Model(form: form, communeLabel: "Phường Ba Đình, Thành phố Hà Nội",
                                                teams: [.init(value: Self.teamID.uuidString.lowercased(), label: "Đội hình Ba Đình")],
                                                errors: ["people": "Số người cần phải từ 1 đến 200."])
        model.standard = .summer2025
        try snapshot(ReinforcementFormPage.render(model, context: Self.coordinator), "reinforcement-form")
    }

    @Test func reinforcement() throws {
        let model = ReinforcementPage.Model(
            id: Self.requestID, communeName: "Phường Ba Đình, Thành phố Hà Nội", teamID: Self.teamID, teamName: "Đội hình Ba Đình", people: 2,
            needs: "tiếng H'Mông (bắt buộc) · có xe máy", from: "18/08/2025", to: "31/08/2025", note: "Hỗ trợ bà con thôn bản xa", status: .proposed,
            createdBy: "Quản trị Trung ương",
            moves: [.init(id: Self.volunteerID, volunteerName: "Thành viên 0", homeName: "Phường Hoàn Kiếm, Thành phố Hà Nội", fromTeam: "Đội hình Hoàn Kiếm",
                          kilometres: 1.8, reasons: "nói tiếng H'Mông, có xe máy, cùng tỉnh, cách 1,8 km, đã hoàn thành 2 khóa học", status: .proposed,
                          decidedBy: nil, answeredBy: nil)],
            notice: "Đã đề xuất 1 người cho 1 đề nghị; còn 1 chỗ chưa tìm được người phù hợp.")
        try snapshot(ReinforcementPage.render(model, context: Self.coordinator), "reinforcement")
    }

    @Test func moves() throws {
        var context = Self.signedIn
        context.canAnswerMoves = true
        let model = MovesPage.Model(rows: [.init(id: Self.volunteerID, volunteerName: "Thành viên 0", communeName: "Phường Ba Đình, Thành phố Hà Nội",
                                                 teamName: "Đội hình Ba Đình", start: "18/08/2025", until: nil, note: nil,
                                                 reasons: "nói tiếng H'Mông, có xe máy, cùng tỉnh, cách 1,8 km")])
        try snapshot(MovesPage.render(model, context: context), "moves")
    }

    @Test func equipment() throws {
        var context = Self.coordinator
        context.canManageEquipment = true
        let model = EquipmentPage.Model(
            needs: [.init(id: Self.requestID, communeName: "Phường Ba Đình, Thành phố Hà Nội", point: "Điểm hỗ trợ tại thôn, bản — Thôn Nà Hẩu",
                          item: EquipmentItem.computer.vietnamese, quantity: 2, arrived: 0, promised: 1, note: nil)],
            pledges: [.init(id: Self.teamID, communeName: "Phường Ba Đình, Thành phố Hà Nội", partner: "Viettel Hà Nội", item: EquipmentItem.computer.vietnamese,
                            quantity: 1, status: .pledged, dates: "cam kết 15/08/2025")],
            mayPledge: true)
        try snapshot(EquipmentPage.render(model, context: context), "equipment")
    }

    @Test func practices() throws {
        let list = PracticesPage.Model(rows: [.init(id: Self.requestID, title: "Thứ năm ý nghĩa", origin: "Phường Hoàn Kiếm, Thành phố Hà Nội",
                                                    status: .recommended, tags: ["Người cao tuổi"], adoptions: 2)],
                                       query: "thu nam", tag: nil, mayWrite: true)
        try snapshot(PracticesPage.render(list, context: Self.signedIn), "practices")
        let page = PracticePage.Model(
            id: Self.requestID, title: "Thứ năm ý nghĩa", origin: "Phường Hoàn Kiếm, Thành phố Hà Nội", start: "07/08/2025", campaignName: "Hè 2025",
            status: .recognised, problem: "Người cao tuổi sống một mình khó đến trung tâm.", whatWasDone: "Mỗi thứ Năm đội đến nhà hướng dẫn VNeID.",
            resources: "2 TNV, 1 xe máy", results: nil, indicator: .supports, tags: ["Người cao tuổi", "Hỗ trợ tại nhà"], fromReport: true,
            createdBy: "Nguyễn Thị Lan",
            adopters: [.init(unitName: "Phường Vũng Tàu, Thành phố Hồ Chí Minh", start: "08/08/2025", changes: "Thêm chiều thứ Bảy", before: 4, after: 9, afterDays: 8)],
            provincesReached: ["79": 1], provinceNames: ["79": "Thành phố Hồ Chí Minh", "01": "Thành phố Hà Nội"],
            nextStatus: .recommended, mayAdopt: true, mayEdit: true)
        try snapshot(PracticePage.render(page, context: Self.signedIn), "practice")
    }

    @Test func training() throws {
        var context = Self.signedIn
        context.canManageTraining = true
        context.canSupervise = true
        let standard = CompetencyStandard.summer2025
        let coverage = TrainingCoverage(unitCode: "00070", active: 3, trainedAny: 2, byTopic: ["vneid": 2, "dvc_truc_tuyen": 1])
        let list = TrainingPage.Model(
            campaignCode: "he-2025", campaignName: "Hè 2025", unitParam: "01", unitName: "Thành phố Hà Nội", competencies: standard.competencies,
            sessions: [.init(id: Self.requestID, title: "Tập huấn lại VNeID", tier: .province, unitName: "Thành phố Hà Nội", heldOn: Self.today,
                             format: .hybrid, topics: ["VNeID và tài khoản định danh điện tử"], attendance: 120, parentTitle: "Tập huấn toàn quốc")],
            coverage: [.init(name: "Phường Hoàn Kiếm", link: SiteRoute.training(unit: "00070").path, coverage: coverage)],
            total: .init(name: "Toàn Thành phố Hà Nội", link: nil, coverage: coverage), asOf: Self.today)
        try snapshot(TrainingPage.render(list, context: context), "training")
        var session = TrainingSessionPage.Model(
            id: Self.requestID, title: "Tập huấn lại VNeID", tier: .province, unitName: "Thành phố Hà Nội", heldOn: Self.today, format: .inPerson,
            topics: ["VNeID và tài khoản định danh điện tử"], connected: ["Phường Hoàn Kiếm, Thành phố Hà Nội"], trainer: "Nguyễn Thị Giảng", note: nil,
            parent: .init(id: Self.teamID, title: "Tập huấn toàn quốc"),
            attendees: [.init(id: Self.volunteerID, name: "Nguyễn Văn An", commune: "Phường Hoàn Kiếm, Thành phố Hà Nội", source: "import")],
            held: true)
        session.importResult = ImportAttendance.Result(rows: 3, added: 1, already: 0, errors: [
            .init(line: 3, column: "Số điện thoại", message: "Không có tình nguyện viên nào với số 098****321; thêm người đó trước hoặc sửa số.", messageEN: "")],
            storedNothing: false)
        try snapshot(TrainingSessionPage.render(session, context: context), "training-session")
        let text = CompetencyStandardText.format(standard)
        let standardPage = CompetencyStandardPage.Model(campaignCode: "he-2025", campaignName: "Hè 2025", standard: standard,
                                                        courses: CampaignDefinition.summer2025.requiredCourses,
                                                        competenciesText: text.competencies, levelsText: text.levels, mayEdit: true)
        try snapshot(CompetencyStandardPage.render(standardPage, context: context), "competency-standard")
    }

    @Test func supervision() throws {
        var context = Self.signedIn
        context.canSupervise = true
        let finding = SupervisionQueries.FindingRow(
            id: Self.requestID, visitID: Self.teamID, teamName: "Đội hình Hoàn Kiếm", communeName: "Phường Hoàn Kiếm, Thành phố Hà Nội",
            item: ChecklistItem.noOfficialsWork.vietnamese, description: "Một TNV nhập hồ sơ thay cán bộ một cửa.", action: "Nhắc lại quy tắc",
            owner: "Đội trưởng", dueOn: Self.today, state: .open, breach: true, concernsProvince: true, closedNote: nil, closedOn: nil)
        let list = SupervisionPage.Model(findings: [finding], visits: [.init(id: Self.teamID, teamName: "Đội hình Hoàn Kiếm", communeName: "Phường Hoàn Kiếm",
                                                                            visitedOn: Self.today, notKept: [ChecklistItem.noOfficialsWork.vietnamese],
                                                                            openFindings: 1, by: "Nguyễn Thị Lan")],
                                         mayResolveBreach: true)
        try snapshot(SupervisionPage.render(list, context: context), "supervision")
        var form = SupervisionForm()
        form.visitedOn = Self.today.iso
        try snapshot(SupervisionFormPage.render(.init(teams: [.init(value: Self.teamID.uuidString.lowercased(), label: "Đội hình Hoàn Kiếm — Phường Hoàn Kiếm")],
                                                      form: form, errors: ["answers.equipment": "Chọn kết quả cho mục “Trang thiết bị, đường truyền đáp ứng”."]),
                                                context: context), "supervision-new")
        let visit = SupervisionVisitPage.Model(id: Self.teamID, teamID: Self.teamID, teamName: "Đội hình Hoàn Kiếm", communeName: "Phường Hoàn Kiếm",
                                               visitedOn: Self.today, by: "Nguyễn Thị Lan",
                                               answers: Dictionary(uniqueKeysWithValues: ChecklistItem.allCases.map { ($0, $0 == .noOfficialsWork ? .notOk : .ok) }),
                                               note: "Đội trực đủ", findings: [finding], mayResolveBreach: true, mayAdd: true)
        try snapshot(SupervisionVisitPage.render(visit, context: context), "supervision-visit")
    }
}
