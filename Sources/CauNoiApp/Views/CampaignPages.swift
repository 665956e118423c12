import CauNoiCore
import Fluent
import Vapor

/// The campaigns, newest first: period, status, reporting week; central admins create and edit them.
enum CampaignListPage {
    struct Model: Equatable, Sendable {
        var campaigns: [CampaignDTO]
        var canManage: Bool
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let rows = m.campaigns.map { c -> HTML in
            let end = c.endDate.flatMap(LocalDate.init(iso:))?.longVietnamese ?? "không thời hạn"
            let period = "\(LocalDate(iso: c.startDate)?.longVietnamese ?? c.startDate) – \(end)"
            var status = CampaignStatus(rawValue: c.status)?.vietnamese ?? c.status
            if c.status == CampaignStatus.active.rawValue, !c.open {
                status += c.endDate.map { c.currentWeek.start > $0 } == true ? " (đã hết thời gian)" : " (chưa bắt đầu)"
            }
            let week: HTML = c.open ? "<br><small>\(c.currentWeek.label)</small>" : .empty
            let scope = c.provinces.map { "\($0.count) tỉnh" } ?? "Cả nước"
            let name: HTML = m.canManage ? "<a href=\"\(SiteRoute.campaign(c.code).path)\">\(c.name)</a>" : "\(c.name)"
            return """
            <tr><td>\(name)<br><small>\(c.code)</small></td><td>\(period)</td><td>\(status)</td><td>\(scope)</td>\
            <td>\(Weekday.vietnamese(c.weekStartsOn)) – \(Weekday.vietnamese(Weekday.previous(c.weekStartsOn)))\(week)</td></tr>
            """
        }
        let create: HTML = m.canManage ? "<p><a class=\"button\" href=\"\(SiteRoute.campaignNew.path)\">Tạo chiến dịch</a></p>" : .empty
        let table: HTML = m.campaigns.isEmpty ? "<p>Chưa có chiến dịch nào.</p>" : """
        <table class="wide"><thead><tr><th>Chiến dịch</th><th>Thời gian</th><th>Trạng thái</th><th>Phạm vi</th><th>Tuần báo cáo</th></tr></thead>
        <tbody>\(rows)</tbody></table>
        """
        return Layout.page(title: "Chiến dịch", section: .campaigns, context: context, body: """
        <h1>Chiến dịch</h1>
        \(create)
        \(table)
        """)
    }
}

/// A campaign's form. Categories and courses are one per line, "mã | tên", with "| ngừng" for a retired category.
enum CampaignFormPage {
    struct Model: Equatable, Sendable {
        var code: String?
        var form: CampaignForm
        var provinces: [(value: String, label: String)]
        var errors: [String: String] = [:]
        var saved = false

        static func == (a: Model, b: Model) -> Bool {
            a.code == b.code && a.form == b.form && a.errors == b.errors && a.saved == b.saved
                && a.provinces.map(\.value) == b.provinces.map(\.value) && a.provinces.map(\.label) == b.provinces.map(\.label)
        }
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let f = m.form, e = m.errors
        let title = m.code == nil ? "Tạo chiến dịch" : f.name ?? "Chiến dịch"
        let action = m.code.map { SiteRoute.campaign($0).path } ?? SiteRoute.campaignNew.path
        let days = Weekday.range.map { (value: String($0), label: Weekday.vietnamese($0)) }
        let statuses = CampaignStatus.allCases.map { (value: $0.rawValue, label: $0.vietnamese) }
        let saved: HTML = m.saved ? "<div class=\"notice\" role=\"status\">Đã lưu.</div>" : .empty
        let codeField: HTML = m.code == nil
            ? Layout.field("Mã chiến dịch", name: "code", value: f.code, error: e["code"], required: true,
                           hint: "Chữ thường không dấu, số và dấu gạch ngang, ví dụ he-2026. Không đổi được sau khi tạo.")
            : "<p><b>Mã:</b> \(m.code ?? "")</p><input type=\"hidden\" name=\"code\" value=\"\(m.code ?? "")\">"
        return Layout.page(title: title, section: .campaigns, context: context, body: """
        <h1>\(title)</h1>
        \(saved)\(Layout.errorSummary(e))
        <form method="post" action="\(action)">\(context.csrfField)
        \(codeField)
        \(Layout.field("Tên chiến dịch", name: "name", value: f.name, error: e["name"], required: true))
        \(Layout.field("Ngày bắt đầu", name: "start_date", value: f.startDate, error: e["start_date"], type: "date", required: true))
        \(Layout.field("Ngày kết thúc", name: "end_date", value: f.endDate, error: e["end_date"], type: "date", hint: "Để trống nếu là chương trình thường xuyên, không thời hạn."))
        \(Layout.select("Trạng thái", name: "status", options: statuses, selected: f.status ?? CampaignStatus.active.rawValue, error: e["status"]))
        \(Layout.select("Tuần báo cáo bắt đầu từ", name: "week_starts_on", options: days, selected: f.weekStartsOn ?? "4", error: e["week_starts_on"]))
        \(Layout.select("Hạn nộp báo cáo tuần: thứ", name: "deadline_weekday", options: days, selected: f.deadlineWeekday ?? "4", error: e["report_deadline.weekday"]))
        \(Layout.field("Hạn nộp: giờ (giờ Hà Nội)", name: "deadline_time", value: f.deadlineTime ?? "20:00", error: e["report_deadline.hour"] ?? e["report_deadline.minute"] ?? e["deadline_time"], type: "time", hint: "Ngày đầu tiên là thứ đã chọn kể từ ngày cuối tuần báo cáo."))
        \(Layout.select("Ngày giao ban", name: "briefing_weekday", options: days, selected: f.briefingWeekday ?? "5", error: e["briefing_weekday"]))
        \(Layout.field("Giữ thông tin liên hệ của đề nghị hỗ trợ tại nhà (ngày sau khi đóng)", name: "request_retention_days",
                       value: f.requestRetentionDays ?? String(CampaignDefinition.defaultRequestRetentionDays), error: e["request_retention_days"],
                       type: "number", hint: "Từ 1 đến 365. Hết hạn, tên, số điện thoại và địa chỉ người dân bị xóa; số liệu vẫn giữ.",
                       attributes: " min=\"1\" max=\"365\" inputmode=\"numeric\""))
        <label class="field"><span>Danh mục hỗ trợ (mỗi dòng: mã | tên; thêm "| ngừng" để ngừng dùng)</span>
        <textarea name="categories" rows="12" required\(e["categories"] == nil ? "" : " aria-invalid=\"true\"" as HTML)>\(f.categories ?? "")</textarea>\(errorText(e, prefix: "categories"))</label>
        <label class="field"><span>Khóa học bắt buộc (mỗi dòng: mã | tên)</span>
        <textarea name="required_courses" rows="3">\(f.requiredCourses ?? "")</textarea>\(errorText(e, prefix: "required_courses"))</label>
        \(Layout.checkboxes("Phạm vi (không chọn tỉnh nào: cả nước)", name: "provinces", options: m.provinces, checked: Set(f.provinces ?? []), error: errorString(e, prefix: "provinces")))
        <button type="submit">Lưu</button>
        </form>
        """)
    }

    private static func errorString(_ e: [String: String], prefix: String) -> String? {
        let messages = e.filter { $0.key == prefix || $0.key.hasPrefix(prefix + "[") }.sorted { $0.key < $1.key }.map(\.value)
        return messages.isEmpty ? nil : messages.joined(separator: " ")
    }

    private static func errorText(_ e: [String: String], prefix: String) -> HTML {
        errorString(e, prefix: prefix).map { "<p class=\"error\">\($0)</p>" } ?? .empty
    }
}

/// What the campaign form posts; turned into a `CampaignDraft` (lines into categories and courses).
struct CampaignForm: Content, Equatable {
    var code: String?
    var name: String?
    var startDate: String?
    var endDate: String?
    var status: String?
    var weekStartsOn: String?
    var deadlineWeekday: String?
    var deadlineTime: String?
    var briefingWeekday: String?
    var categories: String?
    var requiredCourses: String?
    var provinces: [String]?
    var requestRetentionDays: String?

    enum CodingKeys: String, CodingKey {
        case code, name, startDate = "start_date", endDate = "end_date", status, weekStartsOn = "week_starts_on"
        case deadlineWeekday = "deadline_weekday", deadlineTime = "deadline_time", briefingWeekday = "briefing_weekday"
        case categories, requiredCourses = "required_courses", provinces, requestRetentionDays = "request_retention_days"
    }

    init() {}

    init(_ d: CampaignDefinition) {
        code = d.code
        name = d.name
        startDate = d.start.iso
        endDate = d.end?.iso
        status = d.status.rawValue
        weekStartsOn = String(d.weekStartsOn)
        deadlineWeekday = String(d.reportDeadline.weekday)
        deadlineTime = d.reportDeadline.time
        briefingWeekday = String(d.briefingWeekday)
        categories = d.categories.map { "\($0.code) | \($0.name)\($0.retired ? " | ngừng" : "")" }.joined(separator: "\n")
        requiredCourses = d.requiredCourses.map { "\($0.code) | \($0.name)" }.joined(separator: "\n")
        provinces = d.provinces
        requestRetentionDays = String(d.requestRetentionDays)
    }

    /// A new campaign starts from the latest one's categories and courses, today, Thursday weeks.
    static func startingFrom(_ latest: CampaignDefinition?, today: LocalDate) -> CampaignForm {
        var form = latest.map(CampaignForm.init) ?? CampaignForm()
        form.code = nil
        form.name = nil
        form.startDate = today.iso
        form.endDate = nil
        form.status = CampaignStatus.active.rawValue
        form.provinces = nil
        if latest == nil { form.weekStartsOn = "4"; form.deadlineWeekday = "4"; form.deadlineTime = "20:00"; form.briefingWeekday = "5" }
        return form
    }

    func draft() -> (CampaignDraft, [FieldError]) {
        var d = CampaignDraft()
        var errors: [FieldError] = []
        d.code = code
        d.name = name
        d.startDate = startDate.nonEmpty
        d.endDate = endDate.nonEmpty
        d.status = status.nonEmpty
        // Something that is not a number reads as 0, which the rules refuse by name (never a silent default).
        d.weekStartsOn = weekStartsOn.nonEmpty.map { Int($0) ?? 0 }
        d.briefingWeekday = briefingWeekday.nonEmpty.map { Int($0) ?? 0 }
        let time = (deadlineTime.nonEmpty ?? "20:00").split(separator: ":").compactMap { Int($0) }
        if time.count < 2 {
            errors.append(FieldError(field: "deadline_time", message: "Giờ phải có dạng 20:00.", messageEN: "Time must look like 20:00."))
        }
        d.reportDeadline = ReportDeadline(weekday: deadlineWeekday.nonEmpty.flatMap { Int($0) } ?? 0, hour: time.first ?? 20,
                                          minute: time.count > 1 ? time[1] : 0)
        d.categories = Self.lines(categories).map { parts in
            CampaignDraft.Category(code: parts.first, name: parts.count > 1 ? parts[1] : nil,
                                   retired: parts.count > 2 ? VietnameseText.fold(parts[2]).hasPrefix("ngung") : false)
        }
        d.requiredCourses = Self.lines(requiredCourses).map { parts in
            CampaignDraft.CourseDraft(code: parts.first, name: parts.count > 1 ? parts[1] : nil)
        }
        let chosen = (provinces ?? []).filter { !$0.isEmpty }
        d.provinces = chosen.isEmpty ? nil : chosen
        d.requestRetentionDays = requestRetentionDays.nonEmpty.map { Int($0) ?? 0 }
        return (d, errors)
    }

    /// Non-empty lines split at "|", each part trimmed.
    private static func lines(_ text: String?) -> [[String]] {
        (text ?? "").split(whereSeparator: \.isNewline).map { line in
            line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        }.filter { !($0.first ?? "").isEmpty || $0.count > 1 }
    }
}

struct CampaignPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.campaignsPage, use: list)
        routes.on(.campaignNewPage, use: newForm)
        routes.on(.campaignNewSave, use: create)
        routes.on(.campaignPage, use: show)
        routes.on(.campaignPageSave, use: update)
    }

    @Sendable
    func list(req: Request) async throws -> Response {
        let actor = try req.actor()
        let campaigns = try await CampaignQueries.all(on: req.db).compactMap(\.definition).map { CampaignDTO($0, today: actor.today) }
        let model = CampaignListPage.Model(campaigns: campaigns, canManage: actor.policy.allows(.manageCampaigns, on: RecordPlace(provinceCode: nil)))
        return req.page { CampaignListPage.render(model, context: $0) }
    }

    @Sendable
    func newForm(req: Request) async throws -> Response {
        let actor = try req.actor()
        try await Access.require(.manageCampaigns, on: RecordPlace(provinceCode: nil), .campaign, id: nil, deny: .forbid, actor: actor, on: req.db)
        let latest = try await CampaignQueries.all(on: req.db).first?.definition
        let model = CampaignFormPage.Model(code: nil, form: .startingFrom(latest, today: actor.today), provinces: try await provinceOptions(req.db))
        return req.page { CampaignFormPage.render(model, context: $0) }
    }

    @Sendable
    func show(req: Request) async throws -> Response {
        let actor = try req.actor()
        let code = req.parameters.get("code") ?? ""
        try await Access.require(.manageCampaigns, on: RecordPlace(provinceCode: nil), .campaign, id: code, deny: .forbid, actor: actor, on: req.db)
        guard let definition = try await CampaignQueries.require(code, on: req.db).definition else { throw AppError.server }
        let model = CampaignFormPage.Model(code: code, form: CampaignForm(definition), provinces: try await provinceOptions(req.db),
                                           saved: (try? req.query.get(String.self, at: "da-luu")) != nil)
        return req.page { CampaignFormPage.render(model, context: $0) }
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        try await save(req: req, code: nil)
    }

    @Sendable
    func update(req: Request) async throws -> Response {
        try await save(req: req, code: req.parameters.get("code") ?? "")
    }

    /// Errors re-render the form with what the admin typed, so nothing is lost.
    private func save(req: Request, code: String?) async throws -> Response {
        let actor = try req.actor()
        let form = try req.content.decode(CampaignForm.self)
        let (draft, formErrors) = form.draft()
        var errors = formErrors
        if formErrors.isEmpty {
            do {
                let campaign = if let code {
                    try await SaveCampaign.update(code: code, draft, actor: actor, on: req.db)
                } else {
                    try await SaveCampaign.create(draft, actor: actor, on: req.db)
                }
                return req.redirect(to: SiteRoute.campaign(campaign.code).path + "?da-luu=1", redirectType: .normal)
            } catch let failure as ValidationFailure {
                errors += failure.errors
            } catch let error as AppError where !error.fields.isEmpty {
                errors += error.fields
            }
        }
        let model = CampaignFormPage.Model(code: code, form: form, provinces: try await provinceOptions(req.db), errors: errors.byField)
        return req.page({ CampaignFormPage.render(model, context: $0) }, status: .unprocessableEntity)
    }

    private func provinceOptions(_ db: any Database) async throws -> [(value: String, label: String)] {
        try await OrgUnit.query(on: db).filter(\.$level == OrgLevel.province.rawValue).all()
            .sorted { UnitNameMatcher.sortKey($0.name) < UnitNameMatcher.sortKey($1.name) }
            .compactMap { u in u.id.map { (value: $0, label: u.name) } }
    }
}
