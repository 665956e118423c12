import CauNoiCore
import Fluent
import Vapor

/// The weekly briefing pack (giao ban): printable on A4, charts drawn on the server as SVG.
enum BriefingPage {
    enum Measure: String, CaseIterable, Sendable {
        case supports, volunteers, teams, coverage, onTime = "on_time"

        var vietnamese: String {
            switch self {
            case .supports: "Lượt hỗ trợ"
            case .volunteers: "Tình nguyện viên hoạt động"
            case .teams: "Đội hình duy trì"
            case .coverage: "Tỷ lệ xã có hoạt động"
            case .onTime: "Tỷ lệ báo cáo đúng hạn"
            }
        }

        func value(_ f: RollupReport.Figures, completeness: CompletenessQueries.Row?) -> Double? {
            switch self {
            case .supports: Double(f.figures.supports)
            case .volunteers: Double(f.figures.volunteersActive)
            case .teams: Double(f.figures.teamsMaintained)
            case .coverage: f.coverage
            case .onTime: completeness.flatMap { $0.expected > 0 ? Double($0.onTime) / Double($0.expected) : nil }
            }
        }

        var isRate: Bool { self == .coverage || self == .onTime }
    }

    struct Model: Sendable {
        var report: RollupReport
        var campaign: CampaignDefinition
        var week: ReportingWeek
        var unitParam: String
        var measure: Measure
        var sort: Measure
        var weekly: [(week: ReportingWeek, supports: Int)]
        var completeness: CompletenessQueries.Result?
        var difficulties: [DifficultyDTO]
        var practices: [(commune: String, text: String, reportID: UUID?, practiceID: UUID?)]
        var categories: [SupportCategory]
        /// Communes of the open difficulties, by name.
        var communeNames: [String: String] = [:]
        /// Other campaigns running in the person's area, as links to their briefing.
        var otherCampaigns: [EntryListPage.Option] = []
        /// Reinforcements accepted and equipment pledged, delivered, put in use during the week, by province.
        var forces: [ForcesRow] = []
        /// Good practices the centre recommended, or that places adopted, during the week.
        var spread: [PracticeLine] = []
        /// The reader may write good practices up (a link beside each report's practice).
        var mayPromote = false
        /// Training coverage beside course compliance, and supervision, by unit.
        var quality: [QualityRow] = []

        static func query(campaign: Campaign, unitParam: String, week: ReportingWeek, measure: Measure, sort: Measure,
                          req: Request) async throws -> Model {
            guard let definition = campaign.definition else { throw AppError.server }
            let unit = try await RollupService.resolveUnit(unitParam, actor: try req.actor(), on: req.db)
            let report = try await RollupService.report(.init(campaign: campaign, unit: unit, range: week.range, week: week,
                                                                      today: req.today, cache: req.application.ledgerCache), on: req.db)
            let campaignID = try campaign.requireID()
            let province: String? = if case .province(let code) = unit { code } else { nil }
            let completeness: CompletenessQueries.Result? = switch unit {
            case .nation, .province: try await CompletenessQueries.week(week, campaign: campaign, provinceCode: province, on: req.db)
            default: nil
            }
            let now = req.application.appConfig.now()
            let showsProvinceItems = unit == .nation || province != nil
            let difficulties = showsProvinceItems
                ? try await BriefingQueries.openDifficulties(campaignID: campaignID, provinceCode: province, limit: 20, now: now, on: req.db) : []
            return Model(
                report: report, campaign: definition, week: week, unitParam: unitParam, measure: measure, sort: sort,
                weekly: try await BriefingQueries.weeklySupports(campaign: definition, campaignID: campaignID, unit: unit, last: week, on: req.db),
                completeness: completeness,
                difficulties: difficulties,
                practices: showsProvinceItems ? try await BriefingQueries.goodPractices(campaignID: campaignID, week: week, provinceCode: province, limit: 10, on: req.db) : [],
                categories: definition.categories,
                communeNames: try await OrgUnitQueries.names(Set(difficulties.map(\.communeCode)), on: req.db),
                forces: showsProvinceItems ? try await EquipmentQueries.briefing(week: week, province: province, on: req.db) : [],
                spread: showsProvinceItems ? try await PracticeQueries.briefing(week: week, province: province, on: req.db) : [],
                mayPromote: !(try req.actor().policy.areas(for: .writePractice).isEmpty),
                quality: try await QualityRow.rows(campaign: campaign, unit: unit, report: report, week: week, on: req.db))
        }
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let r = m.report
        let f = r.current.figures
        let number = m.campaign.number(of: m.week)
        let cards: [(String, String)] = [
            (VietnameseNumber.grouped(f.teamsMaintained), "đội hình duy trì"),
            (VietnameseNumber.grouped(f.volunteersActive), "tình nguyện viên hoạt động"),
            (VietnameseNumber.grouped(f.supports), "lượt hỗ trợ người dân"),
            ("\(VietnameseNumber.grouped(f.communesCovered))/\(VietnameseNumber.grouped(f.communesInScope))", "xã có hoạt động"),
            ("\(VietnameseNumber.grouped(f.borderIslandCovered))/\(VietnameseNumber.grouped(f.borderIslandInScope))", "xã biên giới, hải đảo có hoạt động"),
            (r.current.trainingCompliance.map { VietnameseNumber.percent($0) } ?? "—", "TNV hoàn thành khóa học bắt buộc"),
            (VietnameseNumber.approximate(r.cumulative.figures.supports), "lượt hỗ trợ từ đầu chiến dịch"),
        ]
        let statCards = cards.map { "<div class=\"stat\"><b>\($0.0)</b><span>\($0.1)</span></div>" as HTML }
        let categoryBars = m.categories.map { (label: $0.name, value: f.supportsByCategory[$0.code] ?? 0) }
        let weekly = m.weekly.map { (label: "T\(m.campaign.number(of: $0.week))", value: $0.supports) }
        return Layout.page(title: "Giao ban tuần \(number)", section: .briefing, context: context, body: """
        <h1>Giao ban — \(m.campaign.label(m.week)) — \(r.unit.name)</h1>
        <p class="muted">\(m.campaign.name)</p>
        \(Layout.otherCampaigns(m.otherCampaigns))
        \(navigation(m))
        <p class="summary">\(r.summary)</p>
        <div class="stats">\(statCards)</div>
        \(childTable(m))
        <div class="charts">
        \(HTML(unsafeMarkup: SVGChart.columns(title: "Lượt hỗ trợ theo tuần", items: weekly)))
        \(HTML(unsafeMarkup: SVGChart.bars(title: "Lượt hỗ trợ theo nội dung, tuần \(number)", items: categoryBars)))
        \(completenessChart(m))
        \(tileMap(m))
        </div>
        \(difficulties(m))
        \(practices(m))
        \(forces(m))
        \(quality(m))
        <p class="noprint"><a class="button" href="\(SiteRoute.rollupCSV(campaign: m.campaign.code, unit: m.unitParam, week: m.week.key).path)">Tải bảng số liệu (CSV)</a> <a class="button" href="\(SiteRoute.rollupXLSX(campaign: m.campaign.code, unit: m.unitParam, week: m.week.key).path)">Tải XLSX</a></p>
        """)
    }

    private static func navigation(_ m: Model) -> HTML {
        let link = { (week: ReportingWeek, label: String) -> HTML in
            "<a href=\"\(SiteRoute.briefing(campaign: m.campaign.code, week: week.key, unit: m.unitParam, measure: m.measure.rawValue, sort: m.sort.rawValue).path)\">\(label)</a>"
        }
        let measures = Measure.allCases.map { measure -> HTML in
            let current: HTML = measure == m.measure ? " aria-current=\"true\"" : ""
            return "<a href=\"\(SiteRoute.briefing(campaign: m.campaign.code, week: m.week.key, unit: m.unitParam, measure: measure.rawValue, sort: m.sort.rawValue).path)\"\(current)>\(measure.vietnamese)</a>"
        }
        return "<p class=\"noprint crumbs\">\(link(m.week.adding(weeks: -1), "‹ Tuần trước")) · \(link(m.week.adding(weeks: 1), "Tuần sau ›")) · Tô màu bản đồ theo: \(HTML.join(measures, separator: " · "))</p>"
    }

    private static func childTable(_ m: Model) -> HTML {
        guard !m.report.children.isEmpty else { return .empty }
        let completeness = Dictionary(uniqueKeysWithValues: (m.completeness?.rows ?? []).map { ($0.code, $0) })
        // Largest first; equal figures by name as people look for them (Hà Nội under H).
        let sorted = m.report.children.sorted {
            let a = m.sort.value($0.current, completeness: completeness[$0.unit.code]) ?? -1
            let b = m.sort.value($1.current, completeness: completeness[$1.unit.code]) ?? -1
            return a != b ? a > b : UnitNameMatcher.sortKey($0.unit.name) < UnitNameMatcher.sortKey($1.unit.name)
        }
        let header = Measure.allCases.map { measure -> HTML in
            let link = SiteRoute.briefing(campaign: m.campaign.code, week: m.week.key, unit: m.unitParam, measure: m.measure.rawValue, sort: measure.rawValue).path
            let mark: HTML = measure == m.sort ? " ▾" : ""
            return "<th class=\"num\"><a href=\"\(link)\">\(measure.vietnamese)</a>\(mark)</th>"
        }
        let rows = sorted.map { child -> HTML in
            let cells = Measure.allCases.map { measure -> HTML in
                let value = measure.value(child.current, completeness: completeness[child.unit.code])
                let text = value.map { measure.isRate ? VietnameseNumber.percent($0) : VietnameseNumber.grouped(Int($0)) } ?? "—"
                return "<td class=\"num\" data-label=\"\(measure.vietnamese)\">\(text)</td>"
            }
            let drill: HTML = child.unit.level == "team" ? "\(child.unit.name)"
                : "<a href=\"\(SiteRoute.briefing(campaign: m.campaign.code, week: m.week.key, unit: child.unit.code, measure: m.measure.rawValue, sort: m.sort.rawValue).path)\">\(child.unit.name)</a>"
            return "<tr><td>\(drill)</td>\(cells)</tr>"
        }
        return """
        <h2>Theo đơn vị</h2>
        <table class="wide sortable cards compact"><thead><tr><th>Đơn vị</th>\(header)</tr></thead><tbody>\(rows)</tbody></table>
        """
    }

    private static func completenessChart(_ m: Model) -> HTML {
        guard let c = m.completeness, !c.rows.isEmpty else { return .empty }
        let rows = c.rows.map { (label: $0.name, onTime: $0.onTime, late: $0.late, missing: $0.missing) }
        let total = c.total
        return """
        <p>Báo cáo tuần: \(VietnameseNumber.grouped(total.expected)) xã phải nộp, \(VietnameseNumber.grouped(total.onTime)) đúng hạn, \(VietnameseNumber.grouped(total.late)) muộn, \(VietnameseNumber.grouped(total.missing)) chưa nộp.</p>
        \(HTML(unsafeMarkup: SVGChart.completeness(title: "Tiến độ nộp báo cáo tuần \(m.campaign.number(of: m.week))", rows: rows)))
        """
    }

    private static func tileMap(_ m: Model) -> HTML {
        guard m.report.unit.level == OrgLevel.national.rawValue else { return .empty }
        let completeness = Dictionary(uniqueKeysWithValues: (m.completeness?.rows ?? []).map { ($0.code, $0) })
        var values: [String: Double] = [:]
        var names: [String: String] = [:]
        for child in m.report.children {
            names[child.unit.code] = child.unit.name
            if let v = m.measure.value(child.current, completeness: completeness[child.unit.code]) { values[child.unit.code] = v }
        }
        let svg = m.measure.isRate
            ? ProvinceTileMap.svg(title: "Bản đồ: \(m.measure.vietnamese)", values: values, names: names, legend: m.measure.vietnamese,
                                  domain: 0...1, formatValue: { VietnameseNumber.percent($0) })
            : ProvinceTileMap.svg(title: "Bản đồ: \(m.measure.vietnamese)", values: values, names: names, legend: m.measure.vietnamese,
                                  formatValue: { VietnameseNumber.grouped(Int($0)) })
        return HTML(unsafeMarkup: svg)
    }

    private static func difficulties(_ m: Model) -> HTML {
        guard !m.difficulties.isEmpty else { return "<h2>Khó khăn, vướng mắc</h2><p>Không có khó khăn nào đang mở.</p>" }
        let items = m.difficulties.map { d -> HTML in
            let help: HTML = d.reinforcementRequested ? " <b>Đề nghị tăng cường lực lượng.</b>" : .empty
            return "<li><b>\(d.categoryName)</b> (\(Severity(rawValue: d.severity)?.vietnamese ?? d.severity), \(d.statusName), \(d.ageDays) ngày) — \(m.communeNames[d.communeCode] ?? "xã \(d.communeCode)"): \(d.description)\(help)</li>"
        }
        return "<h2>Khó khăn, vướng mắc đang mở</h2><ul>\(items)</ul><p class=\"noprint\"><a href=\"\(SiteRoute.difficulties().path)\">Tiếp nhận, chuyển, giải quyết khó khăn</a></p>"
    }

    struct ForcesRow: Equatable, Sendable {
        var provinceName: String
        var movesAccepted = 0
        var pledged = 0
        var delivered = 0
        var inUse = 0
    }

    private static func forces(_ m: Model) -> HTML {
        guard !m.forces.isEmpty else { return .empty }
        let rows = m.forces.map {
            "<tr><td>\($0.provinceName)</td><td class=\"num\">\(VietnameseNumber.grouped($0.movesAccepted))</td><td class=\"num\">\(VietnameseNumber.grouped($0.pledged))</td><td class=\"num\">\(VietnameseNumber.grouped($0.delivered))</td><td class=\"num\">\(VietnameseNumber.grouped($0.inUse))</td></tr>" as HTML
        }
        return """
        <h2>Tăng cường lực lượng, thiết bị trong tuần</h2>
        <div class="table-wrap"><table><thead><tr><th>Tỉnh, thành phố</th><th>TNV nhận điều động</th><th>Thiết bị cam kết</th><th>Đã bàn giao</th><th>Đưa vào sử dụng</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        """
    }

    private static func quality(_ m: Model) -> HTML {
        guard !m.quality.isEmpty else { return .empty }
        let percent = { (x: Double?) in x.map { VietnameseNumber.percent($0) } ?? "—" }
        let rows = m.quality.map { r -> HTML in
            let weakest: HTML = r.weakestTopic.map { "\($0) (\(percent(r.weakestShare)))" } ?? "—"
            let breaches: HTML = r.breaches > 0 ? " <b>(\(r.breaches) vi phạm quy tắc)</b>" : .empty
            return """
            <tr><td>\(r.name)</td><td class="num" data-label="Hoàn thành khóa học">\(percent(r.courseCompliance))</td>\
            <td class="num" data-label="Đã dự tập huấn">\(percent(r.trainedAny))</td><td data-label="Chủ đề phủ thấp nhất">\(weakest)</td>\
            <td class="num" data-label="Lần giám sát trong tuần">\(VietnameseNumber.grouped(r.visits))</td>\
            <td class="num" data-label="Phát hiện đang mở">\(VietnameseNumber.grouped(r.openFindings))\(breaches)</td></tr>
            """
        }
        return """
        <h2>Tập huấn và giám sát</h2>
        <div class="table-wrap"><table class="wide cards compact"><thead><tr><th>Đơn vị</th><th class="num">TNV hoàn thành khóa học</th><th class="num">TNV đã dự tập huấn</th>\
        <th>Chủ đề phủ thấp nhất</th><th class="num">Lần giám sát trong tuần</th><th class="num">Phát hiện đang mở</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        <p class="noprint"><a href="\(SiteRoute.training(campaign: m.campaign.code, unit: m.unitParam).path)">Độ phủ tập huấn theo chủ đề</a> · <a href="\(SiteRoute.supervision().path)">Giám sát</a></p>
        """
    }

    struct PracticeLine: Equatable, Sendable {
        var id: UUID
        var title: String
        var what: String
    }

    private static func practices(_ m: Model) -> HTML {
        guard !m.practices.isEmpty || !m.spread.isEmpty else { return .empty }
        let items = m.practices.map { p -> HTML in
            let promote: HTML = if let practice = p.practiceID {
                " <a class=\"noprint\" href=\"\(SiteRoute.practice(practice).path)\">Đã ghi thành cách làm hay</a>"
            } else if m.mayPromote && p.reportID != nil {
                " <a class=\"noprint\" href=\"\(SiteRoute.practiceNew(report: p.reportID).path)\">Ghi thành cách làm hay</a>"
            } else { .empty }
            return "<li><b>\(p.commune)</b>: \(p.text)\(promote)</li>"
        }
        let spread = m.spread.map { "<li><a href=\"\(SiteRoute.practice($0.id).path)\">\($0.title)</a>: \($0.what)</li>" as HTML }
        return """
        <h2>Cách làm hay</h2>\(items.isEmpty ? HTML.empty : "<ul>\(items)</ul>")
        \(spread.isEmpty ? HTML.empty : "<h3>Được khuyến nghị, nhân rộng trong tuần</h3><ul>\(spread)</ul>")
        """
    }
}

struct BriefingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.briefingPage, use: page)
    }

    struct Parameters: Content {
        var chienDich: String?
        var tuan: String?
        var donVi: String?
        var toMau: String?
        var sapXep: String?
        enum CodingKeys: String, CodingKey { case chienDich = "chien-dich", tuan, donVi = "don-vi", toMau = "to-mau", sapXep = "sap-xep" }
    }

    @Sendable
    func page(req: Request) async throws -> Response {
        let actor = try req.actor()
        let p = try req.query.decode(Parameters.self)
        let campaign = try await CampaignQueries.byCode(p.chienDich, today: actor.today, on: req.db)
        guard let definition = campaign.definition else { throw AppError.server }
        let week = try p.tuan.nonEmpty.map { try WeeklyReportValidator.requireWeek($0, campaign: definition) }
            ?? definition.briefingWeek(today: actor.today)
        var model = try await BriefingPage.Model.query(
            // Without `don-vi`, the user's own area: a province officer opens their province, not the whole country.
            campaign: campaign, unitParam: p.donVi.nonEmpty ?? HomePage.dashboardUnit(req.principal) ?? OrgUnit.nationalCode,
            week: week,
            measure: p.toMau.flatMap(BriefingPage.Measure.init(rawValue:)) ?? .supports,
            sort: p.sapXep.flatMap(BriefingPage.Measure.init(rawValue:)) ?? .supports, req: req)
        model.otherCampaigns = try await CampaignQueries.othersRunning(besides: campaign.code, today: actor.today, policy: actor.policy, on: req.db)
            .map { .init(value: SiteRoute.briefing(campaign: $0.code).path, label: $0.name) }
        let final = model
        return req.page { BriefingPage.render(final, context: $0) }
    }
}
