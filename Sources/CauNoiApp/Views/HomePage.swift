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
        var volunteers: Int
        var entries: Int
        var supports: Int

        static func query(on db: any Database) async throws -> Model {
            let campaign = try await CampaignQueries.defaultCampaign(on: db)
            let totals = try await SupportEntryQueries.totals(on: db)
            let range = campaign.definition.map { "\($0.start.longVietnamese) – \($0.end.longVietnamese)" } ?? ""
            return Model(
                campaignName: campaign.name, campaignRange: range,
                provinces: try await OrgUnitQueries.count(level: .province, on: db),
                communes: try await OrgUnitQueries.count(level: .commune, on: db),
                teams: try await Team.query(on: db).count(),
                volunteers: try await Volunteer.query(on: db).count(),
                entries: totals.entries, supports: totals.supports)
        }
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let stats: [(Int, String)] = [
            (m.provinces, "tỉnh, thành phố"), (m.communes, "xã, phường, đặc khu"), (m.teams, "đội hình"),
            (m.volunteers, "tình nguyện viên"), (m.supports, "lượt hỗ trợ người dân"), (m.entries, "bản ghi hỗ trợ"),
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
        \(context.userName == nil
            ? "<p><a class=\"button\" href=\"\(SiteRoute.login().path)\">Đăng nhập để làm việc</a></p>" as HTML
            : "<p><a class=\"button\" href=\"\(SiteRoute.teams().path)\">Đội hình</a> <a class=\"button\" href=\"\(SiteRoute.teamNew.path)\">Thêm đội hình</a></p>")
        """)
    }
}

struct HomePageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
    }

    @Sendable
    func home(req: Request) async throws -> Response {
        let model = try await HomePage.Model.query(on: req.db)
        return req.page { HomePage.render(model, context: $0) }
    }
}
