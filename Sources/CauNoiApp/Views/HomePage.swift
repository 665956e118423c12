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
        return Layout.page(title: "Trang chủ", section: .home, context: context, body: """
        <h1>Cầu Nối Số</h1>
        <p>\(m.campaignName)<br><span class="muted">\(m.campaignRange)</span></p>
        <div class="stats">\(cards)</div>
        <form class="search" method="get" action="\(SiteRoute.units().path)" role="search">
        <input type="search" name="q" placeholder="Tìm tỉnh, xã, phường… (gõ có dấu hoặc không dấu)" aria-label="Tìm đơn vị hành chính">
        <button type="submit">Tìm</button>
        </form>
        \(m.dashboard.map { dashboard($0, unit: m.dashboardUnit ?? "VN") } ?? .empty)
        \(context.userName == nil
            ? "<p><a class=\"button\" href=\"\(SiteRoute.login().path)\">Đăng nhập để làm việc</a></p>" as HTML
            : m.leadsToFieldApp
            ? "<p><a class=\"button\" href=\"\(SiteRoute.fieldApp.path)\">Mở ứng dụng ghi nhận hỗ trợ</a> <a class=\"button\" href=\"\(SiteRoute.teams().path)\">Đội hình</a></p>"
            : "<p><a class=\"button\" href=\"\(SiteRoute.teams().path)\">Đội hình</a> <a class=\"button\" href=\"\(SiteRoute.teamNew().path)\">Thêm đội hình</a></p>")
        """)
    }
}

extension HomePage {
    static func dashboard(_ r: RollupService.Headline, unit: String) -> HTML {
        let f = r.current
        let change = r.current.supports - r.previous.supports
        let trend: HTML = change == 0 ? "" : " (\(change > 0 ? "+" : "−")\(VietnameseNumber.grouped(abs(change))) so với tuần trước)"
        return """
        <h2>\(r.weekLabel) — \(r.unit.name)</h2>
        <p class="summary">\(r.summary)</p>
        <div class="stats">
        <div class="stat"><b>\(VietnameseNumber.grouped(f.teamsMaintained))</b><span>đội hình duy trì</span></div>
        <div class="stat"><b>\(VietnameseNumber.grouped(f.volunteersActive))</b><span>TNV hoạt động</span></div>
        <div class="stat"><b>\(VietnameseNumber.grouped(f.supports))</b><span>lượt hỗ trợ\(trend)</span></div>
        <div class="stat"><b>\(f.trainingCompliance.map { VietnameseNumber.percent($0) } ?? "—")</b><span>hoàn thành tập huấn</span></div>
        </div>
        <p><a class="button" href="\(SiteRoute.briefing(campaign: r.campaign, week: r.week.key, unit: unit).path)">Mở báo cáo giao ban</a></p>
        """
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
        let final = model
        return req.page { HomePage.render(final, context: $0) }
    }
}
