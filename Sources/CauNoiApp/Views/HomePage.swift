import CauNoiCore
import Fluent
import Vapor

enum HomePage {
    struct Model: Equatable, Sendable {
        var campaignName: String
        var campaignRange: String
        var provinces: Int
        var communes: Int
        var teams: Int
        /// Volunteers who took part in the campaign (at least one entry), not everyone registered.
        var volunteers: Int
        var entries: Int
        var supports: Int
        /// The signed-in user's own area this week, if they have one.
        var dashboard: RollupService.Headline?
        var dashboardUnit: String?
        /// Team leaders log support in the field app: their home page leads there first.
        var leadsToFieldApp = false
        /// The campaign shown has ended (or not started): nothing takes today's work until a campaign runs.
        var noCampaignRunning = false
        /// What this user does next this week, first thing on the page.
        var tasks: [NextTask] = []

        static func query(campaign: Campaign, on db: any Database) async throws -> Model {
            let totals = try await LedgerRollupQueries.campaignTotals(campaignID: try campaign.requireID(), on: db)
            let range = campaign.definition.map { "\($0.start.longVietnamese) – \($0.end?.longVietnamese ?? "không thời hạn")" } ?? ""
            return Model(
                campaignName: campaign.name, campaignRange: range,
                provinces: try await OrgUnitQueries.count(level: .province, on: db),
                communes: try await OrgUnitQueries.count(level: .commune, on: db),
                teams: try await Team.query(on: db).count(),
                volunteers: totals.volunteers,
                entries: totals.entries, supports: totals.supports)
        }
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let stats: [(Int, String)] = [
            (m.provinces, "tỉnh, thành phố"), (m.communes, "xã, phường, đặc khu"), (m.teams, "đội hình"),
            (m.volunteers, "tình nguyện viên đã tham gia"), (m.supports, "lượt hỗ trợ người dân"), (m.entries, "bản ghi hỗ trợ"),
        ]
        let cards = stats.map { value, label -> HTML in
            "<div class=\"stat\"><b>\(VietnameseNumber.grouped(value))</b><span>\(label)</span></div>"
        }
        // Citizens come first for someone not signed in: where to get help, and asking for it at home.
        let citizens: HTML = """
            <div class="citizens"><p class="lead">Bạn cần giúp làm thủ tục, cài VNeID, nộp hồ sơ trực tuyến?</p>
            <p><a class="button big" href="\(SiteRoute.help().path)">Tìm nơi hỗ trợ gần bạn</a> \
            <a class="button big" href="\(SiteRoute.helpRequestNew().path)">Đề nghị hỗ trợ tại nhà</a> \
            <a href="\(SiteRoute.helpRequestStatus().path)">Tra cứu đề nghị đã gửi</a></p></div>
            """
        return Layout.page(title: "Trang chủ", section: .home, context: context, body: """
        <h1>Cầu Nối Số</h1>
        \(context.userName == nil ? citizens : .empty)
        <p>\(m.campaignName)<br><span class="muted">\(m.campaignRange)</span></p>
        <div class="stats">\(cards)</div>
        <form class="search" method="get" action="\(SiteRoute.units().path)" role="search">
        <input type="search" name="q" placeholder="Tìm tỉnh, xã, phường… (gõ có dấu hoặc không dấu)" aria-label="Tìm đơn vị hành chính">
        <button type="submit">Tìm</button>
        </form>
        \(m.noCampaignRunning && context.userName != nil ? ended(m, context: context) : .empty)
        \(tasks(m.tasks))
        \(m.dashboard.map { dashboard($0, unit: m.dashboardUnit ?? "VN") } ?? .empty)
        \(context.userName == nil
            ? "<p><a class=\"button\" href=\"\(SiteRoute.login().path)\">Đăng nhập để làm việc</a></p>" as HTML
            : m.leadsToFieldApp
            ? "<p><a class=\"button\" href=\"\(SiteRoute.fieldApp.path)\">Mở ứng dụng ghi nhận hỗ trợ</a> <a class=\"button\" href=\"\(SiteRoute.teams().path)\">Đội hình</a></p>"
            : "<p><a class=\"button\" href=\"\(SiteRoute.teams().path)\">Đội hình</a> <a class=\"button\" href=\"\(SiteRoute.teamNew().path)\">Thêm đội hình</a></p>")
        """)
    }
}

/// One thing a role does next, with where to do it.
struct NextTask: Equatable, Sendable {
    var label: String
    var detail: String?
    var link: String
}

extension HomePage {
    static func tasks(_ tasks: [NextTask]) -> HTML {
        guard !tasks.isEmpty else { return .empty }
        let items = tasks.map { t -> HTML in
            "<li><a class=\"button\" href=\"\(t.link)\">\(t.label)</a>\(t.detail.map { " <span class=\"muted\">\($0)</span>" as HTML } ?? .empty)</li>"
        }
        return "<h2>Việc cần làm</h2><ul class=\"tasks\">\(items)</ul>"
    }

    /// The week's next steps by role: a commune reports (or fixes what the province sent back), a province approves
    /// and chases missing communes, the centre opens the briefing and the escalated difficulties.
    static func nextTasks(_ principal: Principal, campaign: Campaign, week: ReportingWeek, label: String, today: LocalDate,
                          on db: any Database) async throws -> [NextTask] {
        // Citizens waiting for a home visit come before the week's paperwork.
        let visits = try await visitTasks(principal, on: db)
        let moves = try await moveTasks(principal, on: db)
        let practices = try await practiceTasks(principal, on: db)
        let supervision = try await supervisionTasks(principal, today: today, on: db)
        return visits + moves + supervision + practices + (try await weekTasks(principal, campaign: campaign, week: week, label: label, on: db))
    }

    /// Requests waiting for a team (commune officers) or for the visit (team leaders).
    static func visitTasks(_ principal: Principal, on db: any Database) async throws -> [NextTask] {
        guard let a = principal.primary else { return [] }
        switch a.role {
        case .communeAdmin:
            guard let commune = a.unitCode else { return [] }
            let waiting = try await HelpRequest.query(on: db).filter(\.$communeCode == commune)
                .filter(\.$status == HelpRequestStatus.received.rawValue).count()
            return waiting == 0 ? [] : [NextTask(label: "Giao đề nghị hỗ trợ tại nhà", detail: "\(VietnameseNumber.grouped(waiting)) đề nghị của người dân chờ giao cho đội.",
                                                 link: SiteRoute.helpQueue().path)]
        case .teamLeader:
            guard let team = a.teamID else { return [] }
            let open = try await HelpRequest.query(on: db).filter(\.$teamID == team)
                .filter(\.$status ~~ [HelpRequestStatus.assigned.rawValue, HelpRequestStatus.scheduled.rawValue]).count()
            return open == 0 ? [] : [NextTask(label: "Đến nhà người dân", detail: "\(VietnameseNumber.grouped(open)) đề nghị hỗ trợ tại nhà đã giao cho đội.",
                                              link: SiteRoute.helpQueue().path)]
        default:
            return []
        }
    }

    /// Approved moves waiting for the volunteer's or their leader's answer; proposals waiting for a coordinator.
    static func moveTasks(_ principal: Principal, on db: any Database) async throws -> [NextTask] {
        guard let a = principal.primary else { return [] }
        switch a.role {
        case .teamLeader, .volunteer:
            let waiting = try await ReinforcementQueries.awaitingAnswer(policy: principal.policy, on: db).count
            return waiting == 0 ? [] : [NextTask(label: "Trả lời điều động", detail: "\(VietnameseNumber.grouped(waiting)) đề nghị điều động tăng cường chờ trả lời.",
                                                 link: SiteRoute.moves().path)]
        case .centralAdmin, .provinceAdmin:
            var moves = ReinforcementMove.query(on: db).filter(\.$status == MoveStatus.proposed.rawValue)
                .join(ReinforcementRequest.self, on: \ReinforcementMove.$requestID == \ReinforcementRequest.$id)
            if a.role == .provinceAdmin, let province = a.unitCode { moves = moves.filter(ReinforcementRequest.self, \.$provinceCode == province) }
            let waiting = try await moves.count()
            return waiting == 0 ? [] : [NextTask(label: "Duyệt đề xuất điều động", detail: "\(VietnameseNumber.grouped(waiting)) đề xuất tăng cường lực lượng chờ duyệt.",
                                                 link: SiteRoute.forces().path)]
        default:
            return []
        }
    }

    /// Supervision findings the province must handle: breaches of the conduct rules, and anything past its due date.
    static func supervisionTasks(_ principal: Principal, today: LocalDate, on db: any Database) async throws -> [NextTask] {
        guard let a = principal.primary else { return [] }
        if a.role == .teamLeader, let team = a.teamID {
            let open = try await SupervisionFinding.query(on: db).filter(\.$teamID == team).filter(\.$status == "open").count()
            return open == 0 ? [] : [NextTask(label: "Khắc phục sau giám sát", detail: "\(VietnameseNumber.grouped(open)) phát hiện của đoàn giám sát chưa được khắc phục.",
                                              link: SiteRoute.team(team).path)]
        }
        guard a.role == .provinceAdmin || a.role == .centralAdmin else { return [] }
        let provinces: Set<String>? = a.role == .centralAdmin ? nil : a.unitCode.map { [$0] } ?? []
        let waiting = try await SupervisionQueries.forProvince(provinces: provinces, today: today, on: db)
        return waiting == 0 ? [] : [NextTask(label: "Xử lý phát hiện giám sát", detail: "\(VietnameseNumber.grouped(waiting)) vi phạm quy tắc hoặc việc quá hạn cần cấp tỉnh xử lý.",
                                             link: SiteRoute.supervision().path)]
    }

    /// Practices waiting for their province to recognise them, or for the centre to recommend them.
    static func practiceTasks(_ principal: Principal, on db: any Database) async throws -> [NextTask] {
        guard let a = principal.primary else { return [] }
        switch a.role {
        case .centralAdmin:
            let waiting = try await Practice.query(on: db).filter(\.$status == PracticeStatus.recognised.rawValue).count()
            return waiting == 0 ? [] : [NextTask(label: "Khuyến nghị cách làm hay", detail: "\(VietnameseNumber.grouped(waiting)) cách làm tỉnh đã ghi nhận chờ Trung ương xem xét.",
                                                 link: SiteRoute.practices(status: PracticeStatus.recognised.rawValue).path)]
        case .provinceAdmin:
            guard let province = a.unitCode else { return [] }
            let waiting = try await Practice.query(on: db).filter(\.$status == PracticeStatus.proposed.rawValue).filter(\.$provinceCode == province).count()
            return waiting == 0 ? [] : [NextTask(label: "Ghi nhận cách làm hay", detail: "\(VietnameseNumber.grouped(waiting)) cách làm hay của tỉnh chờ ghi nhận.",
                                                 link: SiteRoute.practices(status: PracticeStatus.proposed.rawValue).path)]
        default:
            return []
        }
    }

    private static func weekTasks(_ principal: Principal, campaign: Campaign, week: ReportingWeek, label: String,
                                  on db: any Database) async throws -> [NextTask] {
        guard let a = principal.primary else { return [] }
        let campaignID = try campaign.requireID()
        let code = campaign.code
        let reports = SiteRoute.weeklyReports(campaign: code, week: week.key).path
        switch a.role {
        case .communeAdmin:
            guard let commune = a.unitCode else { return [] }
            if let report = try await WeeklyReport.query(on: db).filter(\.$campaign.$id == campaignID).filter(\.$week == week.key)
                .filter(\.$communeCode == commune).first(), let id = report.id {
                switch WeeklyReport.Status(rawValue: report.status) {
                case .reopened:
                    return [NextTask(label: "Sửa báo cáo tỉnh trả lại", detail: report.reopenReason, link: SiteRoute.weeklyReportEdit(id).path)]
                case .approved:
                    return [NextTask(label: "Xem bản ghi hỗ trợ", detail: "Báo cáo \(label) đã được duyệt.", link: SiteRoute.entries(campaign: code).path)]
                default:
                    return [NextTask(label: "Xem, sửa báo cáo tuần", detail: "Đã nộp \(label), chờ tỉnh duyệt.", link: SiteRoute.weeklyReportEdit(id).path),
                            NextTask(label: "Bản ghi hỗ trợ", detail: nil, link: SiteRoute.entries(campaign: code).path)]
                }
            }
            return [NextTask(label: "Nộp báo cáo tuần", detail: label, link: SiteRoute.weeklyReportNew(campaign: code, week: week.key).path),
                    NextTask(label: "Bản ghi hỗ trợ", detail: nil, link: SiteRoute.entries(campaign: code).path)]
        case .provinceAdmin:
            guard let province = a.unitCode else { return [] }
            let waiting = try await WeeklyReport.query(on: db).filter(\.$campaign.$id == campaignID).filter(\.$week == week.key)
                .filter(\.$provinceCode == province).filter(\.$status == WeeklyReport.Status.submitted.rawValue).count()
            let open = try await Difficulty.query(on: db).filter(\.$provinceCode == province)
                .filter(\.$status ~~ [DifficultyStatus.open.rawValue, DifficultyStatus.acknowledged.rawValue]).count()
            return [NextTask(label: "Duyệt báo cáo tuần", detail: "\(VietnameseNumber.grouped(waiting)) báo cáo chờ duyệt, \(label); xem cả xã chưa nộp.", link: reports),
                    NextTask(label: "Khó khăn của các xã", detail: "\(VietnameseNumber.grouped(open)) đang mở.", link: SiteRoute.difficulties().path)]
        case .centralAdmin:
            let escalated = try await Difficulty.query(on: db).filter(\.$status == DifficultyStatus.escalated.rawValue).count()
            return [NextTask(label: "Báo cáo giao ban", detail: label, link: SiteRoute.briefing(campaign: code, week: week.key).path),
                    NextTask(label: "Khó khăn chuyển Trung ương", detail: "\(VietnameseNumber.grouped(escalated)) cần xử lý.", link: SiteRoute.difficulties().path),
                    NextTask(label: "Báo cáo tuần của các xã, phường", detail: "Ai đã nộp, ai chưa nộp, theo từng tỉnh.", link: reports)]
        case .teamLeader, .volunteer, .observer:
            return []
        }
    }

    static func dashboard(_ r: RollupService.Headline, unit: String) -> HTML {
        let f = r.current
        let change = r.current.supports - r.previous.supports
        let trend: HTML = change == 0 || r.isFirstWeek ? "" : " (\(change > 0 ? "+" : "−")\(VietnameseNumber.grouped(abs(change))) so với tuần trước)"
        return """
        <h2>\(r.weekLabel) — \(r.unit.name)</h2>
        <p class="summary">\(r.summary)</p>
        <div class="stats">
        <div class="stat"><b>\(VietnameseNumber.grouped(f.teamsMaintained))</b><span>đội hình duy trì</span></div>
        <div class="stat"><b>\(VietnameseNumber.grouped(f.volunteersActive))</b><span>TNV hoạt động</span></div>
        <div class="stat"><b>\(VietnameseNumber.grouped(f.supports))</b><span>lượt hỗ trợ\(trend)</span></div>
        <div class="stat"><b>\(f.trainingCompliance.map { VietnameseNumber.percent($0) } ?? "—")</b><span>hoàn thành khóa học bắt buộc</span></div>
        </div>
        <p><a class="button" href="\(SiteRoute.briefing(campaign: r.campaign, week: r.week.key, unit: unit).path)">Mở báo cáo giao ban</a></p>
        """
    }

    /// Said first, because nothing can be logged for today until a campaign runs; the centre is shown where to start one.
    static func ended(_ m: Model, context: PageContext) -> HTML {
        let action: HTML = context.canManageCampaigns
            ? " <a class=\"button\" href=\"\(SiteRoute.campaignNew.path)\">Tạo chiến dịch mới</a>"
            : " Hãy liên hệ Trung ương Đoàn để mở chiến dịch tiếp theo."
        return "<div class=\"alert\" role=\"status\">Hiện không có chiến dịch nào đang nhận số liệu (\(m.campaignName): \(m.campaignRange)). Số liệu dưới đây là của tuần cuối chiến dịch.\(action)</div>"
    }

    /// The unit a user's dashboard shows: the area of their broadest assignment.
    static func dashboardUnit(_ principal: Principal?) -> String? {
        guard let a = principal?.primary else { return nil }
        switch a.role {
        case .centralAdmin: return OrgUnit.nationalCode
        case .teamLeader: return a.teamID?.uuidString
        case .volunteer: return nil
        default: return a.unitCode
        }
    }
}

struct HomePageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.home, use: home)
    }

    @Sendable
    func home(req: Request) async throws -> Response {
        let today = req.today
        let campaign = try await CampaignQueries.cached(code: nil, today: today, cache: req.application.readCache, on: req.db)
        var model = try await req.cachedRead(.home(campaign: try campaign.requireID())) { try await HomePage.Model.query(campaign: campaign, on: req.db) }
        if let unitParam = HomePage.dashboardUnit(req.principal) {
            guard let definition = campaign.definition else { throw AppError.server }
            let unit = try await RollupService.resolveUnit(unitParam, actor: try req.actor(), on: req.db)
            let week = definition.briefingWeek(today: today)
            model.dashboard = try await RollupService.headline(campaign: campaign, unit: unit, week: week, today: today, cache: req.application.ledgerCache,
                                                                  on: req.db)
            model.dashboardUnit = unitParam
        }
        model.leadsToFieldApp = req.principal?.primary?.role == .teamLeader
        model.noCampaignRunning = !(campaign.definition?.takesEntries(on: today) ?? false)
        if let principal = req.principal, let definition = campaign.definition {
            let week = definition.briefingWeek(today: today)
            // Four to six counts per view: reused for the read cache's moment, per person (tasks follow their roles).
            let label = definition.label(week), db = req.db
            model.tasks = try await req.cachedRead(.homeTasks(campaign: try campaign.requireID(), week: week.start, today: today, user: principal.userID)) {
                try await HomePage.nextTasks(principal, campaign: campaign, week: week, label: label, today: today, on: db)
            }
        }
        let final = model
        return req.page { HomePage.render(final, context: $0) }
    }
}
