import CauNoiCore
import Fluent
import SQLKit
import Vapor

/// The weekly reports of one campaign week in the user's area: who reported, on time or late, who is still
/// missing; approvers approve or reopen from here.
enum WeeklyReportListPage {
    struct Row: Equatable, Sendable {
        var id: UUID
        var commune: String
        var status: String
        var onTime: Bool
        var highlights: String
        var difficulties: Int
        var canApprove: Bool
        /// The commune may still change it (not approved, and the user reports for that commune).
        var canEdit = false
        var reopenReason: String?
        /// The commune's logged figures for the week, so an approver sees what the report stands on.
        var supports = 0
        var entries = 0
        var communeCode = ""
    }

    struct Missing: Equatable, Sendable {
        var name: String
        var hotline: String?
    }

    struct Model: Equatable, Sendable {
        var campaign: String
        var campaignName: String
        var week: String
        var weekLabel: String
        var weeks: [(value: String, label: String)]
        var rows: [Row]
        /// Communes expected to report that have not (province and central views).
        var missing: [Missing]?
        var canSubmit: Bool
        var notice: String?
        /// Other campaigns running in the person's area, as links to their reports.
        var otherCampaigns: [EntryListPage.Option] = []

        static func == (a: Model, b: Model) -> Bool {
            a.campaign == b.campaign && a.week == b.week && a.rows == b.rows && a.missing == b.missing && a.canSubmit == b.canSubmit
                && a.notice == b.notice && a.weeks.map(\.value) == b.weeks.map(\.value)
        }
    }

    static func statusName(_ raw: String) -> String {
        switch WeeklyReport.Status(rawValue: raw) {
        case .submitted: "Đã nộp, chờ duyệt"
        case .approved: "Đã duyệt"
        case .reopened: "Mở lại để sửa"
        case nil: raw
        }
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let notice: HTML = m.notice.map { "<div class=\"notice\" role=\"status\">\($0)</div>" } ?? .empty
        let picker = """
        <form method="get" action="\(SiteRoute.weeklyReports().path)" class="inline">
        <input type="hidden" name="chien-dich" value="\(m.campaign)">
        \(Layout.select("Tuần", name: "tuan", options: m.weeks, selected: m.week, error: nil))
        <button type="submit">Xem</button></form>
        """ as HTML
        let rows = m.rows.map { r -> HTML in
            let timing: HTML = r.onTime ? "đúng hạn" : "muộn"
            var actions: [HTML] = []
            if r.canApprove, r.status == WeeklyReport.Status.submitted.rawValue {
                actions.append("<form method=\"post\" action=\"\(SiteRoute.weeklyReportApprove(r.id).path)\">\(context.csrfField)<button type=\"submit\">Duyệt</button></form>")
            }
            if r.canApprove, r.status != WeeklyReport.Status.reopened.rawValue {
                // Sent back with what to fix: the commune reads it on this page.
                actions.append("""
                    <form method="post" action="\(SiteRoute.weeklyReportReopen(r.id).path)">\(context.csrfField)\
                    <input type="text" name="reason" required maxlength="500" placeholder="Lý do, cần sửa gì" aria-label="Lý do trả lại">\
                    <button type="submit">Trả lại để sửa</button></form>
                    """)
            }
            if r.canEdit { actions.append("<a href=\"\(SiteRoute.weeklyReportEdit(r.id).path)\">Sửa báo cáo</a>") }
            let reason: HTML = r.reopenReason.map { "<br><b>Lý do trả lại:</b> \($0)" } ?? .empty
            return """
            <tr><td data-label="Xã">\(r.commune)</td><td data-label="Trạng thái">\(statusName(r.status)) (\(timing))\(reason)</td>\
            <td data-label="Nội dung">\(r.highlights)\(r.difficulties > 0 ? " — \(r.difficulties) khó khăn" : "")</td>\
            <td data-label="Số liệu ghi nhận" class="num">\(VietnameseNumber.grouped(r.supports)) lượt, \(VietnameseNumber.grouped(r.entries)) bản ghi\
            <br><a href="\(SiteRoute.briefing(campaign: m.campaign, week: m.week, unit: r.communeCode).path)">Xem số liệu</a></td><td class="actions">\(actions)</td></tr>
            """
        }
        let table: HTML = m.rows.isEmpty ? "<p>Chưa có báo cáo nào cho tuần này.</p>" : """
        <table class="wide cards"><thead><tr><th>Xã</th><th>Trạng thái</th><th>Nội dung</th><th class="num">Số liệu ghi nhận</th><th></th></tr></thead><tbody>\(rows)</tbody></table>
        """
        let missing: HTML = m.missing.map { communes in
            guard !communes.isEmpty else { return "<p>Mọi xã phải nộp đã nộp báo cáo.</p>" }
            let items = communes.map { c -> HTML in
                "<li>\(c.name)\(c.hotline.map { " — <a href=\"tel:\($0)\">\($0)</a>" as HTML } ?? .empty)</li>"
            }
            return "<h2>Chưa nộp (\(VietnameseNumber.grouped(communes.count)) xã)</h2><ul class=\"missing\">\(items)</ul>"
        } ?? .empty
        let submit: HTML = m.canSubmit ? "<p><a class=\"button\" href=\"\(SiteRoute.weeklyReportNew(campaign: m.campaign, week: m.week).path)\">Nộp báo cáo tuần</a></p>" : .empty
        return Layout.page(title: "Báo cáo tuần", section: .reports, context: context, body: """
        <h1>Báo cáo tuần — \(m.weekLabel)</h1>
        <p class="muted">\(m.campaignName)</p>
        \(Layout.otherCampaigns(m.otherCampaigns))
        \(notice)\(picker)\(submit)
        \(table)
        \(missing)
        <p><a href="\(SiteRoute.difficulties().path)">Khó khăn, vướng mắc của các xã</a></p>
        """)
    }
}

/// A commune's weekly report: what went well, proposals, a good practice and one difficulty.
enum WeeklyReportFormPage {
    struct Model: Equatable, Sendable {
        var campaign: String
        var campaignName: String
        var communes: [(value: String, label: String)]
        var weeks: [(value: String, label: String)]
        var form: WeeklyReportForm
        var errors: [String: String] = [:]

        static func == (a: Model, b: Model) -> Bool {
            a.campaign == b.campaign && a.form == b.form && a.errors == b.errors
                && a.communes.map(\.value) == b.communes.map(\.value) && a.weeks.map(\.value) == b.weeks.map(\.value)
        }
    }

    /// One difficulty to add: the same fields on the new report and on the edit form (a report sent back may add one).
    static func difficultyFields(_ f: WeeklyReportForm, _ e: [String: String], legend: String) -> HTML {
        let categories = DifficultyCategory.allCases.map { (value: $0.rawValue, label: $0.vietnamese) }
        let severities = Severity.allCases.map { (value: $0.rawValue, label: $0.vietnamese) }
        let error: HTML = e["difficulties[0].description"].map { "<p class=\"error\">\($0)</p>" } ?? .empty
        return """
        <fieldset class="field"><legend>\(legend)</legend>
        \(Layout.select("Loại", name: "difficulty_category", options: categories, selected: f.difficultyCategory, error: e["difficulties[0].category"], includeBlank: true))
        \(Layout.select("Mức độ", name: "difficulty_severity", options: severities, selected: f.difficultySeverity ?? Severity.medium.rawValue, error: e["difficulties[0].severity"]))
        <label class="field"><span>Mô tả</span><textarea name="difficulty_description" rows="4">\(f.difficultyDescription ?? "")</textarea>\(error)</label>
        <label class="check"><input type="checkbox" name="reinforcement" value="1"\(f.reinforcement != nil ? " checked" : "" as HTML)> Đề nghị tăng cường lực lượng</label>
        </fieldset>
        """
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let f = m.form, e = m.errors
        func area(_ label: String, _ name: String, _ value: String?, required: Bool = false) -> HTML {
            let error: HTML = e[name].map { "<p class=\"error\">\($0)</p>" } ?? .empty
            return "<label class=\"field\"><span>\(label)</span><textarea name=\"\(name)\" rows=\"4\"\(required ? " required" : "" as HTML)>\(value ?? "")</textarea>\(error)</label>"
        }
        return Layout.page(title: "Nộp báo cáo tuần", section: .reports, context: context, body: """
        <h1>Nộp báo cáo tuần</h1>
        <p class="muted">\(m.campaignName)</p>
        \(Layout.errorSummary(e))
        <form method="post" action="\(SiteRoute.weeklyReportNew(campaign: m.campaign, week: nil).path)">\(context.csrfField)
        <input type="hidden" name="campaign" value="\(m.campaign)">
        \(Layout.select("Xã, phường", name: "commune_code", options: m.communes, selected: f.communeCode, error: e["commune_code"]))
        \(Layout.select("Tuần báo cáo", name: "week", options: m.weeks, selected: f.week, error: e["week"]))
        \(area("Kết quả nổi bật", "highlights", f.highlights, required: true))
        \(area("Đề xuất, kiến nghị", "proposals", f.proposals))
        \(area("Cách làm hay", "good_practice", f.goodPractice))
        \(difficultyFields(f, e, legend: "Khó khăn, vướng mắc (nếu có)"))
        <p class="hint">Không ghi số căn cước, số điện thoại hay họ tên người dân được hỗ trợ.</p>
        <button type="submit">Nộp báo cáo</button>
        </form>
        """)
    }
}

/// A submitted report's text, changed by its commune until the province approves it; one the province sent back
/// shows why, and saving it submits it again.
enum WeeklyReportEditPage {
    struct Model: Equatable, Sendable {
        var id: UUID
        var commune: String
        var weekLabel: String
        var reopenReason: String?
        var form: WeeklyReportForm
        var errors: [String: String] = [:]
        /// The difficulties already reported, as the commune wrote them.
        var difficulties: [String] = []
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let f = m.form, e = m.errors
        let reported: HTML = m.difficulties.isEmpty ? .empty
            : "<h2>Khó khăn đã báo</h2><ul>\(m.difficulties.map { "<li>\($0)</li>" as HTML })</ul>"
        func area(_ label: String, _ name: String, _ value: String?, required: Bool = false) -> HTML {
            let error: HTML = e[name].map { "<p class=\"error\">\($0)</p>" } ?? .empty
            return "<label class=\"field\"><span>\(label)</span><textarea name=\"\(name)\" rows=\"4\"\(required ? " required" : "" as HTML)>\(value ?? "")</textarea>\(error)</label>"
        }
        let reason: HTML = m.reopenReason.map { "<div class=\"alert\" role=\"alert\"><b>Tỉnh trả lại để sửa:</b> \($0)</div>" } ?? .empty
        return Layout.page(title: "Sửa báo cáo tuần", section: .reports, context: context, body: """
        <h1>Sửa báo cáo tuần</h1>
        <p class="muted">\(m.commune) — \(m.weekLabel)</p>
        \(reason)\(Layout.errorSummary(e))
        <form method="post" action="\(SiteRoute.weeklyReportEdit(m.id).path)">\(context.csrfField)
        \(area("Kết quả nổi bật", "highlights", f.highlights, required: true))
        \(area("Đề xuất, kiến nghị", "proposals", f.proposals))
        \(area("Cách làm hay", "good_practice", f.goodPractice))
        \(reported)
        \(WeeklyReportFormPage.difficultyFields(f, e, legend: "Thêm khó khăn, vướng mắc (nếu có)"))
        <button type="submit">\(m.reopenReason == nil ? "Lưu" : "Lưu và nộp lại")</button>
        </form>
        """)
    }
}

/// What the report form posts.
struct WeeklyReportForm: Content, Equatable {
    var campaign: String?
    var communeCode: String?
    var week: String?
    var highlights: String?
    var proposals: String?
    var goodPractice: String?
    var difficultyCategory: String?
    var difficultySeverity: String?
    var difficultyDescription: String?
    var reinforcement: String?

    enum CodingKeys: String, CodingKey {
        case campaign, communeCode = "commune_code", week, highlights, proposals, goodPractice = "good_practice"
        case difficultyCategory = "difficulty_category", difficultySeverity = "difficulty_severity"
        case difficultyDescription = "difficulty_description", reinforcement
    }

    init() {}

    var draft: WeeklyReportDraft {
        var d = WeeklyReportDraft()
        d.campaign = campaign
        d.communeCode = communeCode
        d.week = week
        d.highlights = highlights
        d.proposals = proposals.nonEmpty
        d.goodPractice = goodPractice.nonEmpty
        // One difficulty, when any of its fields is filled in (the validator then names what is missing).
        if difficultyCategory.nonEmpty != nil || difficultyDescription.nonEmpty != nil {
            d.difficulties = [DifficultyDraft(category: difficultyCategory.nonEmpty, severity: difficultySeverity.nonEmpty,
                                              description: difficultyDescription, reinforcementRequested: reinforcement != nil)]
        }
        return d
    }
}

struct WeeklyReportPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.weeklyReportsPage, use: list)
        routes.on(.weeklyReportNewPage, use: newForm)
        routes.on(.weeklyReportNewSave, use: create)
        routes.on(.weeklyReportApproveSubmit, use: approve)
        routes.on(.weeklyReportReopenSubmit, use: reopen)
        routes.on(.weeklyReportEditPage, use: editForm)
        routes.on(.weeklyReportEditSave, use: saveEdit)
    }

    struct Parameters: Content {
        var chienDich: String?
        var tuan: String?
        var daLuu: String?
        enum CodingKeys: String, CodingKey { case chienDich = "chien-dich", tuan, daLuu = "da-luu" }
    }

    /// The campaign and week a page means: given, or the campaign running today and its last finished week.
    private func campaignWeek(_ p: Parameters, actor: Actor, on db: any Database) async throws -> (Campaign, CampaignDefinition, ReportingWeek) {
        let campaign = try await CampaignQueries.byCode(p.chienDich, today: actor.today, on: db)
        guard let definition = campaign.definition else { throw AppError.server }
        let week = try p.tuan.nonEmpty.map { try WeeklyReportValidator.requireWeek($0, campaign: definition) }
            ?? definition.briefingWeek(today: actor.today)
        return (campaign, definition, week)
    }

    private func weekOptions(_ d: CampaignDefinition, today: LocalDate) -> [(value: String, label: String)] {
        d.weeks(through: today).filter { $0.start <= today }.reversed().map { (value: $0.key, label: d.label($0)) }
    }

    @Sendable
    func list(req: Request) async throws -> Response {
        let actor = try req.actor()
        let scope = try await req.scope(for: .readEntries)
        let p = try req.query.decode(Parameters.self)
        let (campaign, definition, week) = try await campaignWeek(p, actor: actor, on: req.db)
        let query = WeeklyReport.query(on: req.db).filter(\.$campaign.$id == (try campaign.requireID())).filter(\.$week == week.key)
        let reports = scope.restrict(query, .init(province: \.$provinceCode, commune: \.$communeCode))
            ? try await query.sort(\.$communeCode).limit(2_000).all() : []
        let ids = try reports.map { try $0.requireID() }
        var difficulties: [UUID: Int] = [:]
        if !ids.isEmpty {
            for d in try await Difficulty.query(on: req.db).filter(\.$report.$id ~~ ids).all() { difficulties[d.$report.id, default: 0] += 1 }
        }
        let names = try await OrgUnitQueries.names(Set(reports.map(\.communeCode)), on: req.db)
        let logged = try await Self.logged(campaignID: try campaign.requireID(), week: week, communes: reports.map(\.communeCode), on: req.db)
        let rows = try reports.map { r in
            WeeklyReportListPage.Row(id: try r.requireID(), commune: names[r.communeCode] ?? r.communeCode, status: r.status,
                                     onTime: r.onTime, highlights: r.highlights, difficulties: difficulties[try r.requireID()] ?? 0,
                                     canApprove: actor.policy.allowsEverywhere(.approveReport, on: WeeklyReports.place(r)),
                                     canEdit: r.status != WeeklyReport.Status.approved.rawValue
                                         && actor.policy.allowsEverywhere(.submitReport, on: WeeklyReports.place(r)),
                                     reopenReason: r.status == WeeklyReport.Status.reopened.rawValue ? r.reopenReason : nil,
                                     supports: logged[r.communeCode]?.supports ?? 0, entries: logged[r.communeCode]?.entries ?? 0,
                                     communeCode: r.communeCode)
        }
        // Who is missing, with the commune's public hotline to call: the whole country for the centre, one province for its officers.
        var missing: [WeeklyReportListPage.Missing]?
        if scope.everything || (scope.provinces.count == 1 && scope.communes.isEmpty) {
            let province = scope.everything ? nil : scope.provinces.first
            let units = try await CompletenessQueries.week(week, campaign: campaign, provinceCode: province, on: req.db).total.missingCommunes
            let hotlines = try await OrgUnitQueries.hotlines(Set(units.map(\.code)), on: req.db)
            missing = units.map { .init(name: $0.name, hotline: hotlines[$0.code]) }
        }
        let model = WeeklyReportListPage.Model(
            campaign: definition.code, campaignName: definition.name, week: week.key, weekLabel: definition.label(week),
            weeks: weekOptions(definition, today: actor.today), rows: rows, missing: missing,
            canSubmit: Self.maySubmitAnother(actor, reported: Set(reports.map(\.communeCode))),
            notice: p.daLuu.map { $0 == "duyet" ? "Đã duyệt báo cáo; tuần của xã đã khóa." : $0 == "tra-lai" ? "Đã trả lại báo cáo để xã sửa; xã thấy lý do ở trang chủ." : "Đã lưu báo cáo." })
        var withOthers = model
        withOthers.otherCampaigns = try await CampaignQueries.othersRunning(besides: definition.code, today: actor.today, policy: actor.policy, on: req.db)
            .map { .init(value: SiteRoute.weeklyReports(campaign: $0.code).path, label: $0.name) }
        let final = withOthers
        return req.page { WeeklyReportListPage.render(final, context: $0) }
    }

    /// Supports and entries logged in each commune during the week (current versions), in one grouped read.
    static func logged(campaignID: UUID, week: ReportingWeek, communes: [String],
                       on db: any Database) async throws -> [String: (supports: Int, entries: Int)] {
        var out: [String: (supports: Int, entries: Int)] = [:]
        for chunk in communes.chunked(into: 500) where !chunk.isEmpty {
            for row in try await db.sql.raw("""
                SELECT commune_code AS c, CAST(COALESCE(SUM(total), 0) AS BIGINT) AS s, COUNT(*) AS n FROM support_entries
                WHERE campaign_id = \(bind: campaignID) AND is_current = \(bind: true)
                  AND entry_date >= \(bind: week.start.iso) AND entry_date <= \(bind: week.end.iso) AND commune_code IN (\(binds: Array(chunk)))
                GROUP BY commune_code
                """).all() {
                out[try row.decode(column: "c", as: String.self)] = (try row.decode(column: "s", as: Int.self), try row.decode(column: "n", as: Int.self))
            }
        }
        return out
    }

    /// A commune officer whose commune has reported this week edits that report (its row says how) instead of
    /// being offered a second one; officers above communes may still report for the communes left.
    static func maySubmitAnother(_ actor: Actor, reported: Set<String>) -> Bool {
        let scope = ScopeFilter.from(actor.policy, .submitReport)
        if scope.isEmpty { return false }
        if !scope.everything, scope.provinces.isEmpty, !scope.communes.isEmpty { return !scope.communes.isSubset(of: reported) }
        return true
    }

    /// Communes the user may report for: their own, or a province's (the centre picks among all, by province).
    private func communeOptions(_ actor: Actor, on db: any Database) async throws -> [(value: String, label: String)] {
        let scope = try await Access.scope(for: .submitReport, actor: actor, on: db)
        let query = OrgUnit.query(on: db).filter(\.$level == OrgLevel.commune.rawValue)
        if !scope.everything {
            let provinces = Array(scope.provinces), communes = Array(scope.communes)
            guard !provinces.isEmpty || !communes.isEmpty else { return [] }
            query.group(.or) { group in
                if !provinces.isEmpty { group.filter(\.$parentCode ~~ provinces) }
                if !communes.isEmpty { group.filter(\.$id ~~ communes) }
            }
        }
        return try await query.limit(4_000).all().sorted { UnitNameMatcher.sortKey($0.name) < UnitNameMatcher.sortKey($1.name) }
            .compactMap { u in u.id.map { (value: $0, label: u.name) } }
    }

    @Sendable
    func newForm(req: Request) async throws -> Response {
        let actor = try req.actor()
        _ = try await Access.scope(for: .submitReport, actor: actor, on: req.db)
        let p = try req.query.decode(Parameters.self)
        let (_, definition, week) = try await campaignWeek(p, actor: actor, on: req.db)
        var form = WeeklyReportForm()
        form.week = week.key
        let model = WeeklyReportFormPage.Model(campaign: definition.code, campaignName: definition.name,
                                               communes: try await communeOptions(actor, on: req.db),
                                               weeks: weekOptions(definition, today: actor.today), form: form)
        return req.page { WeeklyReportFormPage.render(model, context: $0) }
    }

    /// Errors re-render the form with what was typed.
    @Sendable
    func create(req: Request) async throws -> Response {
        let actor = try req.actor()
        let form = try req.content.decode(WeeklyReportForm.self)
        var errors: [FieldError] = []
        switch try await formOutcome({ try await SubmitWeeklyReport.run(form.draft, actor: actor, on: req.db) }) {
        case .success(let report): return try await saved(report, req)
        case .failure(let failure): errors = failure.errors
        }
        let campaign = try await CampaignQueries.byCode(form.campaign, today: actor.today, on: req.db)
        guard let definition = campaign.definition else { throw AppError.server }
        let model = WeeklyReportFormPage.Model(campaign: definition.code, campaignName: definition.name,
                                               communes: try await communeOptions(actor, on: req.db),
                                               weeks: weekOptions(definition, today: actor.today), form: form, errors: errors.byField)
        return req.page({ WeeklyReportFormPage.render(model, context: $0) }, status: .unprocessableEntity)
    }

    private func editModel(_ id: UUID, form: WeeklyReportForm?, errors: [String: String], actor: Actor,
                           on db: any Database) async throws -> WeeklyReportEditPage.Model {
        let report = try await WeeklyReports.require(id, on: db)
        try await Access.require(.readEntries, on: WeeklyReports.place(report), .weeklyReport, id: id.uuidString.lowercased(), actor: actor, on: db)
        guard let definition = try await Campaign.find(report.$campaign.id, on: db)?.definition else { throw AppError.server }
        let week = definition.week(containing: LocalDate(iso: report.week) ?? definition.start)
        var filled = WeeklyReportForm()
        filled.highlights = report.highlights
        filled.proposals = report.proposals
        filled.goodPractice = report.goodPractice
        let names = try await OrgUnitQueries.names([report.communeCode], on: db)
        let reported = try await Difficulty.query(on: db).filter(\.$report.$id == id).sort(\.$createdAt).all().map { d in
            "\(DifficultyCategory(rawValue: d.category)?.vietnamese ?? d.category) (\(Severity(rawValue: d.severity)?.vietnamese ?? d.severity)): \(d.description)"
        }
        return WeeklyReportEditPage.Model(id: id, commune: names[report.communeCode] ?? report.communeCode, weekLabel: definition.label(week),
                                          reopenReason: report.status == WeeklyReport.Status.reopened.rawValue ? report.reopenReason : nil,
                                          form: form ?? filled, errors: errors, difficulties: reported)
    }

    @Sendable
    func editForm(req: Request) async throws -> Response {
        let actor = try req.actor()
        let model = try await editModel(try req.uuidParameter("id"), form: nil, errors: [:], actor: actor, on: req.db)
        return req.page { WeeklyReportEditPage.render(model, context: $0) }
    }

    /// Errors re-render the form with what was typed; an approved report is refused by name.
    @Sendable
    func saveEdit(req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter("id")
        let form = try req.content.decode(WeeklyReportForm.self)
        var draft = WeeklyReportDraft()
        draft.highlights = form.highlights
        draft.proposals = form.proposals.nonEmpty
        draft.goodPractice = form.goodPractice.nonEmpty
        draft.difficulties = form.draft.difficulties   // a report sent back may add what the province asked about
        let errors: [FieldError]
        switch try await formOutcome({ try await EditWeeklyReport.run(id: id, draft, actor: actor, on: req.db) }) {
        case .success(let report): return try await saved(report, req)
        case .failure(let failure): errors = failure.errors
        }
        let model = try await editModel(id, form: form, errors: errors.byField, actor: actor, on: req.db)
        return req.page({ WeeklyReportEditPage.render(model, context: $0) }, status: .unprocessableEntity)
    }

    @Sendable
    func approve(req: Request) async throws -> Response {
        try await decide(req, approved: true)
    }

    @Sendable
    func reopen(req: Request) async throws -> Response {
        try await decide(req, approved: false)
    }

    struct ReopenForm: Content {
        var reason: String?
    }

    /// Back to the report's week, saying it was saved.
    private func saved(_ report: WeeklyReport, _ req: Request, what: String = "1") async throws -> Response {
        let campaign = try await Campaign.find(report.$campaign.id, on: req.db)
        return req.redirect(to: SiteRoute.weeklyReports(campaign: campaign?.code, week: report.week, saved: what).path, redirectType: .normal)
    }

    private func decide(_ req: Request, approved: Bool) async throws -> Response {
        let actor = try req.actor()
        var reason: String?
        if !approved {
            reason = try req.content.decode(ReopenForm.self).reason?.trimmingCharacters(in: .whitespacesAndNewlines)
            // The page asks why, so the commune knows what to fix.
            if reason?.isEmpty ?? true {
                throw AppError.validation([FieldError(field: "reason", message: "Ghi lý do trả lại để xã biết cần sửa gì.",
                                                      messageEN: "Say why the report is sent back.")])
            }
        }
        return try await saved(try await ApproveWeek.run(id: try req.uuidParameter("id"), approved: approved, reason: reason, actor: actor, on: req.db), req,
                               what: approved ? "duyet" : "tra-lai")
    }
}
