import CauNoiCore
import Fluent
import Vapor

enum VolunteerListPage {
    struct Model: Equatable, Sendable {
        var commune: OrgUnitDTO?
        var query: String?
        var items: [VolunteerSummaryDTO]
        var total: Int
        /// The person's own area when no commune is chosen ("Thành phố Hà Nội"); nil for the whole country.
        var area: String? = nil
        /// Whether the person may download the list with phones (province and commune officers, the centre).
        var mayExport = false

        static func query(commune: String?, text: String?, scope: ScopeFilter, policy: AccessPolicy, on db: any Database) async throws -> Model {
            let unit = try await commune.asyncMap { try await OrgUnitQueries.require($0, on: db) }
            let result = try await VolunteerQueries.list(.init(commune: commune, text: text, per: 200), scope: scope, on: db)
            let items = result.items.map { VolunteerSummaryDTO($0, showPhone: policy.allows(.readPersonalFields, on: Places.home(of: $0))) }
            return Model(commune: unit.map(OrgUnitDTO.init), query: text, items: items, total: result.total,
                         area: try await areaName(scope, on: db), mayExport: !ScopeFilter.from(policy, .exportPersonalData).isEmpty)
        }

        /// A list without a commune covers the person's area, which is named, not "the whole country".
        static func areaName(_ scope: ScopeFilter, on db: any Database) async throws -> String? {
            if scope.everything { return nil }
            let codes = Array(scope.provinces) + Array(scope.communes)
            let units = try await OrgUnit.query(on: db).filter(\.$id ~~ codes).all()
            if units.count == 1, let only = units.first { return only.name }
            return units.isEmpty ? "trong phạm vi của bạn" : units.map(\.name).sorted().joined(separator: ", ")
        }
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let rows = m.items.map { v -> HTML in
            let force = ForceType(rawValue: v.forceType)?.vietnamese ?? v.forceType
            let status = VolunteerStatus(rawValue: v.status)?.vietnamese ?? v.status
            return "<tr><td><a href=\"\(SiteRoute.volunteer(v.id).path)\">\(v.fullName)</a></td><td>\(v.phoneMasked ?? "—")</td><td>\(force)</td><td>\(status)</td></tr>"
        }
        let scope: HTML = m.commune.map { "tại <a href=\"\(SiteRoute.unit($0.code).path)\">\($0.name)</a>" }
            ?? m.area.map { $0.hasPrefix("trong") ? "\($0)" : "tại \($0)" } ?? "toàn quốc"
        let more: HTML = m.total > m.items.count ? "<p class=\"muted\">Hiển thị \(VietnameseNumber.grouped(m.items.count)) / \(VietnameseNumber.grouped(m.total)). Hãy lọc theo xã hoặc tên.</p>" : .empty
        return Layout.page(title: "Tình nguyện viên", section: .volunteers, context: context, body: """
        <h1>Tình nguyện viên \(scope)</h1>
        <form class="search" method="get" action="\(SiteRoute.volunteers().path)" role="search">
        <input type="hidden" name="xa" value="\(m.commune?.code ?? "")">
        <input type="search" name="q" value="\(m.query ?? "")" placeholder="Tìm theo tên" aria-label="Tìm theo tên">
        <button type="submit">Tìm</button>
        </form>
        <p><a class="button" href="\(SiteRoute.volunteerNew(commune: m.commune?.code).path)">Thêm tình nguyện viên</a> \
        <a href="\(SiteRoute.volunteerImport.path)">Nhập danh sách từ tệp XLSX/CSV</a> · \
        <a href="\(SiteRoute.courseImport.path)">Nhập kết quả khóa học</a>\(m.mayExport ? " · <a href=\"\(SiteRoute.volunteerExport(commune: m.commune?.code).path)\">Tải danh sách (XLSX)</a>" as HTML : .empty)</p>
        <p>\(VietnameseNumber.grouped(m.total)) tình nguyện viên</p>
        <table class="wide"><thead><tr><th>Họ tên</th><th>Điện thoại</th><th>Lực lượng</th><th>Trạng thái</th></tr></thead><tbody>\(rows)</tbody></table>
        \(more)
        """)
    }
}

/// The create/edit form; the same view shows stored values or what the user just typed, with errors.
enum VolunteerFormPage {
    struct Model: Equatable, Sendable {
        var id: UUID?
        var form: VolunteerForm
        var errors: [String: String] = [:]
        var courses: [CourseCompletionDTO] = []
        /// Every course any campaign requires, to name completions and offer them in the form.
        var knownCourses: [Course] = []
        var courseErrors: [String: String] = [:]
        var courseForm = CourseForm()
        var competency: CompetencySection?
        var saved = false
        /// Team leaders see their members' details but cannot change them.
        var readOnly = false
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let f = m.form
        let e = m.errors
        if m.readOnly { return readOnly(m, context: context) }
        let title = m.id == nil ? "Thêm tình nguyện viên" : f.fullName ?? "Tình nguyện viên"
        let action = m.id.map { SiteRoute.volunteer($0).path } ?? SiteRoute.volunteerNew().path
        let options = { (cases: [(String, String)]) in cases.map { (value: $0.0, label: $0.1) } }
        let saved: HTML = m.saved ? "<div class=\"notice\" role=\"status\">Đã lưu.</div>" : .empty
        let courseList: HTML = m.id.map { courseSection($0, m, context: context) } ?? .empty
        return Layout.page(title: title, section: .volunteers, context: context, body: """
        <h1>\(title)</h1>
        \(saved)\(Layout.errorSummary(e))
        <form method="post" action="\(action)">\(context.csrfField)
        \(Layout.field("Họ và tên", name: "full_name", value: f.fullName, error: e["full_name"], required: true))
        \(Layout.field("Số điện thoại di động", name: "phone", value: f.phone, error: e["phone"], type: "tel", required: true, hint: "Chỉ cán bộ quản lý và chính tình nguyện viên được xem."))
        \(Layout.field("Năm sinh", name: "birth_year", value: f.birthYear, error: e["birth_year"], type: "number", attributes: " inputmode=\"numeric\""))
        \(Layout.select("Giới tính", name: "gender", options: options(Gender.allCases.map { ($0.rawValue, $0.vietnamese) }), selected: f.gender, error: e["gender"], includeBlank: true))
        \(Layout.field("Xã, phường nơi cư trú", name: "home_commune_code", value: UnitPicker.shown(f.homeCommuneCode), error: e["home_commune_code"], required: true, hint: "Gõ tên, có dấu hoặc không (thêm tên tỉnh nếu trùng; tên trước 2025 cũng được), hoặc mã 5 chữ số."))
        \(Layout.field("Trường học / nơi làm việc", name: "affiliation", value: f.affiliation, error: e["affiliation"]))
        \(Layout.select("Lực lượng", name: "force_type", options: options(ForceType.allCases.map { ($0.rawValue, $0.vietnamese) }), selected: f.forceType, error: e["force_type"], includeBlank: true))
        \(Layout.select("Kỹ năng công nghệ", name: "tech_skill", options: options(SkillLevel.allCases.map { ($0.rawValue, $0.vietnamese) }), selected: f.techSkill, error: e["tech_skill"]))
        \(Layout.select("Kỹ năng giao tiếp", name: "communication_skill", options: options(SkillLevel.allCases.map { ($0.rawValue, $0.vietnamese) }), selected: f.communicationSkill, error: e["communication_skill"]))
        \(Layout.checkboxes("Ngôn ngữ sử dụng được", name: "languages", options: options(Language.allCases.map { ($0.rawValue, $0.vietnamese) }), checked: Set(f.languages ?? []), error: e["languages"]))
        <fieldset class="field"><legend>Khác</legend><div class="checks">
        <label class="check"><input type="checkbox" name="union_member" value="1"\(f.unionMember != nil ? " checked" : "" as HTML)> Đoàn viên</label>
        <label class="check"><input type="checkbox" name="has_motorbike" value="1"\(f.hasMotorbike != nil ? " checked" : "" as HTML)> Có xe máy</label>
        </div></fieldset>
        \(Layout.field("Ngày đồng ý xử lý dữ liệu cá nhân", name: "consent_date", value: f.consentDate, error: e["consent_date"], type: "date", required: true, hint: "Bắt buộc theo Nghị định 13/2023/NĐ-CP."))
        \(Layout.select("Trạng thái", name: "status", options: options(VolunteerStatus.allCases.map { ($0.rawValue, $0.vietnamese) }), selected: f.status ?? VolunteerStatus.active.rawValue, error: e["status"]))
        <button type="submit">Lưu</button>
        </form>
        \(courseList)
        \(m.competency.map { $0.render(volunteerID: m.id, context: context) } ?? .empty)
        """)
    }
}

struct CourseForm: Content, Equatable, Sendable {
    var courseCode: String?
    var completedOn: String?
    var certificateNo: String?
    enum CodingKeys: String, CodingKey { case courseCode = "course_code", completedOn = "completed_on", certificateNo = "certificate_no" }
}

extension VolunteerFormPage {
    /// Completed courses by name, and a form to record one (a completion of the same course replaces the earlier one).
    static func courseSection(_ id: UUID, _ m: Model, context: PageContext) -> HTML {
        let names = Dictionary(m.knownCourses.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let done = m.courses.map { c -> HTML in
            "<li>\(names[c.courseCode] ?? c.courseCode) — \(LocalDate(iso: c.completedOn)?.longVietnamese ?? c.completedOn)\(c.certificateNo.map { " (chứng chỉ \($0))" } ?? "")</li>"
        }
        let list: HTML = done.isEmpty ? "<p>Chưa ghi nhận khóa học nào.</p>" : "<ul>\(done)</ul>"
        let e = m.courseErrors, f = m.courseForm
        let form: HTML = m.knownCourses.isEmpty ? .empty : """
            <form method="post" action="\(SiteRoute.volunteerCourse(id).path)">\(context.csrfField)
            \(Layout.select("Ghi nhận hoàn thành khóa học", name: "course_code", options: m.knownCourses.map { (value: $0.code, label: $0.name) },
                            selected: f.courseCode, error: e["course_code"]))
            \(Layout.field("Ngày hoàn thành", name: "completed_on", value: f.completedOn, error: e["completed_on"], type: "date", required: true))
            \(Layout.field("Số chứng chỉ (nếu có)", name: "certificate_no", value: f.certificateNo, error: e["certificate_no"]))
            <button type="submit">Ghi nhận</button>
            </form>
            """
        return "<h2>Khóa học</h2>\(list)\(form)"
    }

    static func readOnly(_ m: Model, context: PageContext) -> HTML {
        let f = m.form
        let languages = (f.languages ?? []).compactMap { Language(rawValue: $0)?.vietnamese }.joined(separator: ", ")
        let names = Dictionary(m.knownCourses.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let courses = m.courses.map { c -> HTML in "<li>\(names[c.courseCode] ?? c.courseCode) — \(LocalDate(iso: c.completedOn)?.longVietnamese ?? c.completedOn)</li>" }
        return Layout.page(title: f.fullName ?? "Tình nguyện viên", section: .volunteers, context: context, body: """
        <h1>\(f.fullName ?? "")</h1>
        <dl class="facts">
        <dt>Xã nơi cư trú</dt><dd><a href="\(SiteRoute.unit(f.homeCommuneCode ?? "").path)">\(UnitPicker.label(f.homeCommuneCode) ?? "")</a></dd>
        \(f.phone.map { "<dt>Điện thoại</dt><dd>\($0)</dd>" as HTML } ?? .empty)
        <dt>Lực lượng</dt><dd>\(f.forceType.flatMap { ForceType(rawValue: $0)?.vietnamese } ?? "")</dd>
        <dt>Ngôn ngữ</dt><dd>\(languages)</dd>
        <dt>Trạng thái</dt><dd>\(f.status.flatMap { VolunteerStatus(rawValue: $0)?.vietnamese } ?? "")</dd>
        </dl>
        <h2>Khóa học đã hoàn thành</h2>\(courses.isEmpty ? "<p>Chưa có khóa học nào.</p>" as HTML : "<ul>\(courses)</ul>")
        \(m.competency.map { $0.render(volunteerID: m.id, context: context) } ?? .empty)
        """)
    }
}

/// A volunteer as an HTML form posts it: every value is text; unticked boxes are absent.
struct VolunteerForm: Content, Equatable {
    var fullName: String?
    var phone: String?
    var birthYear: String?
    var gender: String?
    var unionMember: String?
    var affiliation: String?
    var homeCommuneCode: String?
    var forceType: String?
    var techSkill: String?
    var communicationSkill: String?
    var languages: [String]?
    var hasMotorbike: String?
    var consentDate: String?
    var status: String?

    enum CodingKeys: String, CodingKey {
        case fullName = "full_name", phone, birthYear = "birth_year", gender, unionMember = "union_member"
        case affiliation, homeCommuneCode = "home_commune_code", forceType = "force_type"
        case techSkill = "tech_skill", communicationSkill = "communication_skill", languages
        case hasMotorbike = "has_motorbike", consentDate = "consent_date", status
    }

    /// Converts to the API draft; a birth year that is not a number becomes a field error.
    func draft() -> (VolunteerDraft, [FieldError]) {
        var d = VolunteerDraft()
        var errors: [FieldError] = []
        d.fullName = fullName
        d.phone = phone
        if let raw = birthYear.nonEmpty {
            if let year = Int(raw) { d.birthYear = year } else {
                errors.append(FieldError(field: "birth_year", message: "Năm sinh phải là số, ví dụ 2003.", messageEN: "Birth year must be a number."))
            }
        }
        d.gender = gender.nonEmpty
        d.unionMember = unionMember != nil
        d.affiliation = affiliation
        d.homeCommuneCode = homeCommuneCode
        d.forceType = forceType.nonEmpty
        d.techSkill = techSkill.nonEmpty
        d.communicationSkill = communicationSkill.nonEmpty
        d.languages = languages ?? []
        d.hasMotorbike = hasMotorbike != nil
        d.consentDate = consentDate.nonEmpty
        d.status = status.nonEmpty
        return (d, errors)
    }

    init() {}

    init(_ v: VolunteerDTO) {
        fullName = v.fullName
        phone = v.phone
        birthYear = v.birthYear.map(String.init)
        gender = v.gender
        unionMember = v.unionMember ? "1" : nil
        affiliation = v.affiliation
        homeCommuneCode = v.homeCommuneCode
        forceType = v.forceType
        techSkill = v.techSkill
        communicationSkill = v.communicationSkill
        languages = v.languages
        hasMotorbike = v.hasMotorbike ? "1" : nil
        consentDate = v.consentDate
        status = v.status
    }
}

struct VolunteerPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.volunteersPage, use: list)
        routes.on(.volunteerNewPage, use: newForm)
        routes.on(.volunteerNewSave, use: create)
        routes.on(.volunteerPage, use: show)
        routes.on(.volunteerPageSave, use: update)
        routes.on(.volunteerCourseSave, use: recordCourse)
    }

    struct ListParameters: Content { var xa: String?; var q: String? }

    @Sendable
    func list(req: Request) async throws -> Response {
        let p = try req.query.decode(ListParameters.self)
        let scope = try await req.scope(for: .readPeople)
        let model = try await VolunteerListPage.Model.query(commune: p.xa.nonEmpty, text: p.q.nonEmpty, scope: scope,
                                                            policy: req.policy, on: req.db)
        return req.page({ VolunteerListPage.render(model, context: $0) }, personalData: true)
    }

    @Sendable
    func newForm(req: Request) async throws -> Response {
        _ = try await req.scope(for: .writeVolunteer)
        var form = VolunteerForm()
        form.homeCommuneCode = try req.query.decode(ListParameters.self).xa.nonEmpty
        form.consentDate = req.today.iso
        let model = VolunteerFormPage.Model(id: nil, form: form)
        return req.page { VolunteerFormPage.render(model, context: $0) }
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        _ = try await req.scope(for: .writeVolunteer)
        return try await save(req: req, id: nil)
    }

    @Sendable
    func show(req: Request) async throws -> Response {
        try await Self.showPage(req: req, id: try req.uuidParameter("id"))
    }

    /// The volunteer's page; with an assessment form that could not be saved, shown again as typed with its errors.
    static func showPage(req: Request, id: UUID, assessment: AssessmentForm? = nil, assessmentErrors: [String: String] = [:],
                         status: HTTPResponseStatus = .ok) async throws -> Response {
        let volunteer = try await VolunteerQueries.require(id, on: req.db)
        let place = try await Places.volunteer(volunteer, on: req.db)
        try await req.authorize(.readPeople, on: place, object: .volunteer, id: id.uuidString.lowercased())
        var dto = VolunteerDTO(volunteer, courses: try await VolunteerQueries.courses(of: id, on: req.db))
        if !req.policy.allows(.readPersonalFields, on: place) { dto = dto.withoutPersonalFields() }
        var model = VolunteerFormPage.Model(
            id: id, form: VolunteerForm(dto), courses: dto.courses,
            saved: (try? req.query.get(String.self, at: "da-luu")) != nil,
            readOnly: !req.policy.allows(.writeVolunteer, on: Places.home(of: volunteer)))
        model.knownCourses = try await CampaignQueries.knownCourses(on: req.db)
        model.courseForm.completedOn = req.today.iso
        model.competency = try await CompetencySection.load(volunteer, place: place, form: assessment, errors: assessmentErrors,
                                                            saved: (try? req.query.get(String.self, at: "da-danh-gia")) != nil,
                                                            actor: try req.actor(), on: req.db)
        let final = model
        return req.page({ VolunteerFormPage.render(final, context: $0) }, status: status, personalData: true)
    }

    /// A course completion from the volunteer's page; errors show on the page with what was typed.
    @Sendable
    func recordCourse(req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter("id")
        let form = try req.content.decode(CourseForm.self)
        let draft = CourseCompletionDraft(courseCode: form.courseCode, completedOn: form.completedOn,
                                          certificateNo: form.certificateNo.flatMap { $0.isEmpty ? nil : $0 }, source: "web")
        let errors: [FieldError]
        switch try await formOutcome({ try await RecordCourse.run(volunteerID: id, draft, actor: actor, on: req.db) }) {
        case .success: return req.redirect(to: SiteRoute.volunteer(id).path + "?da-luu=1", redirectType: .normal)
        case .failure(let failure): errors = failure.errors
        }
        let volunteer = try await VolunteerQueries.require(id, on: req.db)
        let dto = VolunteerDTO(volunteer, courses: try await VolunteerQueries.courses(of: id, on: req.db))
        var model = VolunteerFormPage.Model(id: id, form: VolunteerForm(dto), courses: dto.courses)
        model.knownCourses = try await CampaignQueries.knownCourses(on: req.db)
        model.courseForm = form
        model.courseErrors = errors.byField
        let final = model
        return req.page({ VolunteerFormPage.render(final, context: $0) }, status: .unprocessableEntity, personalData: true)
    }

    @Sendable
    func update(req: Request) async throws -> Response {
        try await save(req: req, id: try req.uuidParameter("id"))
    }

    /// Validation errors re-render the form with what the user typed, so nothing is lost.
    private func save(req: Request, id: UUID?) async throws -> Response {
        let actor = try req.actor()
        if let id { _ = try await SaveVolunteer.requireWritable(id, actor: actor, on: req.db) }
        let form = try req.content.decode(VolunteerForm.self)
        // The commune may be typed by name; the form is shown again as typed.
        var resolved = form
        var picked: [FieldError] = []
        switch UnitPicker.commune(form.homeCommuneCode, area: ScopeFilter.from(actor.policy, .writeVolunteer), field: "home_commune_code") {
        case .success(let code): resolved.homeCommuneCode = code
        case .failure(let error): picked.append(error)
        }
        var (draft, formErrors) = resolved.draft()
        formErrors += picked
        var errors = formErrors
        if formErrors.isEmpty {
            do {
                let volunteer = try await SaveVolunteer.run(draft, id: id, actor: actor, on: req.db)
                return req.redirect(to: SiteRoute.volunteer(try volunteer.requireID()).path + "?da-luu=1", redirectType: .normal)
            } catch let failure as ValidationFailure {
                errors += failure.errors
            } catch let error as AppError where !error.fields.isEmpty {
                errors += error.fields
            }
        } else if case .failure(let failure) = VolunteerValidator.validate(draft, today: actor.today) {
            // The form's own errors (a year that is not a number …) and the rest, in one pass.
            errors += failure.errors
        }
        let model = VolunteerFormPage.Model(id: id, form: form, errors: errors.byField)
        return req.page({ VolunteerFormPage.render(model, context: $0) }, status: .unprocessableEntity, personalData: true)
    }
}

extension Response {
    /// Pages that show personal data must not be kept by shared caches or the back-forward cache.
    func noStore() -> Response {
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return self
    }
}
