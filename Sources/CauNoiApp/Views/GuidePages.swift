import CauNoiCore
import Fluent
import Vapor

/// "Thủ tục cần gì?": citizens and volunteers search the curated guides; each answer is a guide, with its source and
/// the day it was last checked, and nothing else.
enum GuideSearchPage {
    struct Result: Equatable, Sendable {
        var id: UUID
        var title: String
        var office: String?
        var checkedOn: LocalDate
        var provinceName: String?
    }

    struct Model: Equatable, Sendable {
        var query: String?
        var results: [Result]
        var total: Int
        var mayAdd = false
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let items = m.results.map { r -> HTML in
            let place: HTML = r.provinceName.map { " · riêng \($0)" } ?? .empty
            return "<li><a href=\"\(SiteRoute.guide(r.id).path)\">\(r.title)</a><br><span class=\"muted\">\(r.office ?? "")\(place) · kiểm tra ngày \(r.checkedOn.longVietnamese)</span></li>"
        }
        let list: HTML
        if let q = m.query {
            list = m.results.isEmpty ? "<p class=\"alert\" role=\"alert\">Chưa có hướng dẫn nào cho “\(q)”. Hãy thử từ khác, hoặc hỏi tại Trung tâm phục vụ hành chính công.</p>"
                : "<h2>Hướng dẫn phù hợp với “\(q)”</h2><ul class=\"places\">\(items)</ul>"
        } else {
            list = m.results.isEmpty ? "<p>Chưa có hướng dẫn nào.</p>" : "<h2>Các hướng dẫn (\(VietnameseNumber.grouped(m.total)))</h2><ul class=\"places\">\(items)</ul>"
        }
        let admin: HTML = m.mayAdd ? "<p><a class=\"button\" href=\"\(SiteRoute.guideNew.path)\">Thêm hướng dẫn</a> <a href=\"\(SiteRoute.guideImport.path)\">Nhập từ tệp XLSX/CSV</a></p>" : .empty
        return Layout.page(title: "Thủ tục cần gì?", section: .guides, context: context, body: """
        <h1>Thủ tục cần gì?</h1>
        <p class="lead">Tìm thủ tục để biết cần mang giấy tờ gì, làm ở đâu, mất bao lâu. Mỗi hướng dẫn ghi nguồn chính thức và ngày kiểm tra gần nhất.</p>
        <form class="search big" method="get" action="\(SiteRoute.guides().path)" role="search">
        <label for="gq">Tên thủ tục (gõ có dấu hoặc không)</label>
        <input id="gq" type="search" name="q" value="\(m.query ?? "")" placeholder="Ví dụ: dang ky khai sinh" autocomplete="off">
        <button type="submit">Tìm</button>
        </form>
        \(list)
        \(admin)
        """)
    }
}

/// One guide as a one-page card (printable): what to bring first, then the steps, the fee, the time, the legal basis,
/// the official source and the day it was checked.
enum GuidePage {
    struct Version: Equatable, Sendable {
        var version: Int
        var at: String
        var by: String?
    }

    struct Model: Equatable, Sendable {
        var id: UUID
        var guide: ProcedureGuide
        var provinceName: String?
        var version: Int
        var mayEdit = false
        var history: [Version] = []
        var saved = false
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let g = m.guide
        let documents = g.documents.map { "<li>\($0)</li>" as HTML }
        let steps: HTML = g.steps.isEmpty ? .empty : "<h2>Các bước</h2><ol>\(g.steps.map { "<li>\($0)</li>" as HTML })</ol>"
        var facts: [HTML] = []
        if let office = g.office { facts.append("<dt>Nơi làm</dt><dd>\(office)</dd>") }
        if let fee = g.fee { facts.append("<dt>Lệ phí</dt><dd>\(fee)</dd>") }
        if let duration = g.duration { facts.append("<dt>Thời gian</dt><dd>\(duration)</dd>") }
        if let legal = g.legalBasis { facts.append("<dt>Căn cứ pháp lý</dt><dd>\(legal)</dd>") }
        if let province = m.provinceName { facts.append("<dt>Áp dụng</dt><dd>\(province)</dd>") }
        let saved: HTML = m.saved ? "<div class=\"notice\" role=\"status\">Đã lưu (phiên bản \(m.version)).</div>" : .empty
        let edit: HTML = m.mayEdit ? "<p class=\"noprint\"><a class=\"button\" href=\"\(SiteRoute.guideEdit(m.id).path)\">Sửa hướng dẫn</a></p>" : .empty
        let history: HTML = m.history.isEmpty || !m.mayEdit ? .empty : """
            <details class="noprint"><summary>Lịch sử sửa (\(m.history.count) phiên bản trước)</summary><ul>\
            \(m.history.map { "<li>Phiên bản \($0.version): thay lúc \($0.at)\($0.by.map { " bởi \($0)" } ?? "")</li>" as HTML })</ul></details>
            """
        return Layout.page(title: g.title, section: .guides, context: context, body: """
        <p class="crumbs noprint"><a href="\(SiteRoute.guides().path)">Thủ tục cần gì?</a></p>
        \(saved)
        <article class="guide">
        <h1>\(g.title)</h1>
        <h2>Cần mang theo</h2>
        <ul class="bring">\(documents)</ul>
        \(steps)
        \(facts.isEmpty ? .empty : "<dl class=\"facts\">\(facts)</dl>" as HTML)
        <p class="source">Nguồn: <a href="\(g.sourceURL)" rel="noopener noreferrer">\(g.sourceURL)</a><br>Kiểm tra lần cuối: <b>\(g.checkedOn.longVietnamese)</b>. \
        Quy định có thể thay đổi: hãy hỏi lại cán bộ tại Trung tâm phục vụ hành chính công.</p>
        </article>
        \(edit)
        \(history)
        """)
    }
}

/// The create/edit form, with what was typed and its errors.
enum GuideFormPage {
    struct Model: Equatable, Sendable {
        var id: UUID?
        var form: ProcedureGuideDraft
        var provinces: [(value: String, label: String)]
        var errors: [String: String] = [:]

        static func == (a: Model, b: Model) -> Bool { a.id == b.id && a.form == b.form && a.errors == b.errors }
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let f = m.form, e = m.errors
        let action = m.id.map { SiteRoute.guideEdit($0).path } ?? SiteRoute.guideNew.path
        let scope = [(value: "", label: "Cả nước")] + m.provinces
        return Layout.page(title: m.id == nil ? "Thêm hướng dẫn thủ tục" : "Sửa hướng dẫn thủ tục", section: .guides, context: context, body: """
        <h1>\(m.id == nil ? "Thêm hướng dẫn thủ tục" : "Sửa hướng dẫn thủ tục")</h1>
        <p class="hint">Chỉ ghi những gì có trong nguồn chính thức; mỗi lần sửa được lưu lại phiên bản cũ.</p>
        \(Layout.errorSummary(e))
        <form method="post" action="\(action)">\(context.csrfField)
        \(Layout.field("Tên thủ tục", name: "title", value: f.title, error: e["title"], required: true))
        \(Layout.field("Nơi làm (cơ quan)", name: "office", value: f.office, error: e["office"]))
        \(Layout.textarea("Giấy tờ cần mang (mỗi dòng một thứ)", name: "documents", value: f.documents, error: e["documents"], rows: 5, required: true))
        \(Layout.textarea("Các bước (mỗi dòng một bước)", name: "steps", value: f.steps, error: e["steps"], rows: 5))
        \(Layout.field("Lệ phí", name: "fee", value: f.fee, error: e["fee"]))
        \(Layout.field("Thời gian giải quyết", name: "duration", value: f.duration, error: e["duration"]))
        \(Layout.textarea("Căn cứ pháp lý", name: "legal_basis", value: f.legalBasis, error: e["legal_basis"], rows: 2))
        \(Layout.field("Nguồn chính thức (đường dẫn)", name: "source_url", value: f.sourceURL, error: e["source_url"], type: "url", required: true))
        \(Layout.field("Ngày kiểm tra với nguồn", name: "checked_on", value: f.checkedOn, error: e["checked_on"], type: "date", required: true))
        \(Layout.select("Áp dụng", name: "province_code", options: scope, selected: f.provinceCode ?? "", error: e["province_code"]))
        <button type="submit">Lưu</button>
        </form>
        """)
    }
}

struct GuideController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.guidesPage, use: search)
        routes.on(.guidePage, use: show)
        routes.on(.guideNewPage, use: newForm)
        routes.on(.guideNewSave, use: create)
        routes.on(.guideEditPage, use: editForm)
        routes.on(.guideEditSave, use: update)
        routes.on(.apiGuides, use: all)
    }

    struct Query: Content {
        var q: String?
        var daLuu: String?
        enum CodingKeys: String, CodingKey { case q, daLuu = "da-luu" }
    }

    @Sendable
    func search(req: Request) async throws -> Response {
        let q = (try req.query.decode(Query.self).q?.trimmingCharacters(in: .whitespacesAndNewlines)).flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
        let library = try await GuideQueries.library(on: req.db, cache: req.application.readCache, holder: req.application.guideLibrary)
        let found = q.map { library.find($0) } ?? Array(library.items.prefix(100))
        let directory = UnitDirectoryResource.directory
        let model = GuideSearchPage.Model(
            query: q, results: found.map { .init(id: $0.id, title: $0.guide.title, office: $0.guide.office, checkedOn: $0.guide.checkedOn,
                                                 provinceName: $0.guide.provinceCode.flatMap { directory.label(code: $0) }) },
            total: library.items.count, mayAdd: !req.policy.areas(for: .editUnit).isEmpty || req.policy.allows(.manageCampaigns, on: RecordPlace(provinceCode: nil)))
        return req.page { GuideSearchPage.render(model, context: $0) }
    }

    @Sendable
    func show(req: Request) async throws -> Response {
        let id = try req.uuidParameter("id")
        let row = try await GuideQueries.require(id, on: req.db)
        let mayEdit = SaveGuide.mayEdit(province: row.provinceCode, policy: req.policy)
        let history = mayEdit ? try await GuideQueries.history(of: id, on: req.db).map {
            GuidePage.Version(version: $0.version, at: LocalDate.vietnameseDateTime($0.changedAt), by: $0.changedBy)
        } : []
        let model = GuidePage.Model(id: id, guide: row.guide, provinceName: row.provinceCode.flatMap { UnitDirectoryResource.directory.label(code: $0) },
                                    version: row.version, mayEdit: mayEdit, history: history,
                                    saved: try req.query.decode(Query.self).daLuu == "1")
        return req.page { GuidePage.render(model, context: $0) }
    }

    private func provinces(_ req: Request) async throws -> [(value: String, label: String)] {
        let all = try await OrgUnit.query(on: req.db).filter(\.$level == OrgLevel.province.rawValue).all()
            .sorted { UnitNameMatcher.sortKey($0.name) < UnitNameMatcher.sortKey($1.name) }
        return all.compactMap { u in u.id.flatMap { SaveGuide.mayEdit(province: $0, policy: req.policy) ? (value: $0, label: u.name) : nil } }
    }

    @Sendable
    func newForm(req: Request) async throws -> Response {
        let options = try await provinces(req)
        guard !options.isEmpty || SaveGuide.mayEdit(province: nil, policy: req.policy) else { throw AppError.noPermission }
        var form = ProcedureGuideDraft()
        form.checkedOn = req.today.iso
        let model = GuideFormPage.Model(id: nil, form: form, provinces: options)
        return req.page { GuideFormPage.render(model, context: $0) }
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        try await save(req, id: nil)
    }

    @Sendable
    func editForm(req: Request) async throws -> Response {
        let id = try req.uuidParameter("id")
        let row = try await GuideQueries.require(id, on: req.db)
        guard SaveGuide.mayEdit(province: row.provinceCode, policy: req.policy) else { throw AppError.noPermission }
        let g = row.guide
        var form = ProcedureGuideDraft()
        form.title = g.title; form.office = g.office; form.documents = g.documents.joined(separator: "\n"); form.steps = g.steps.joined(separator: "\n")
        form.fee = g.fee; form.duration = g.duration; form.legalBasis = g.legalBasis; form.sourceURL = g.sourceURL
        form.checkedOn = g.checkedOn.iso; form.provinceCode = g.provinceCode
        let model = GuideFormPage.Model(id: id, form: form, provinces: try await provinces(req))
        return req.page { GuideFormPage.render(model, context: $0) }
    }

    @Sendable
    func update(req: Request) async throws -> Response {
        try await save(req, id: try req.uuidParameter("id"))
    }

    private func save(_ req: Request, id: UUID?) async throws -> Response {
        let actor = try req.actor()
        let form = try req.content.decode(ProcedureGuideDraft.self)
        switch try await formOutcome({ try await SaveGuide.run(id: id, form, actor: actor, on: req.db) }) {
        case .success(let row):
            return req.redirect(to: SiteRoute.guide(try row.requireID()).path + "?da-luu=1", redirectType: .normal)
        case .failure(let failure):
            let model = GuideFormPage.Model(id: id, form: form, provinces: try await provinces(req), errors: failure.errors.byField)
            return req.page({ GuideFormPage.render(model, context: $0) }, status: .unprocessableEntity)
        }
    }

    /// Every guide, for the field app to keep offline (public: guides hold no personal data).
    @Sendable
    func all(req: Request) async throws -> [GuideDTO] {
        try await GuideQueries.library(on: req.db, cache: req.application.readCache, holder: req.application.guideLibrary).items.map(GuideDTO.init)
    }
}

struct GuideDTO: Content, Equatable {
    var id: UUID
    var title: String
    var office: String?
    var documents: [String]
    var steps: [String]
    var fee: String?
    var duration: String?
    var legalBasis: String?
    var sourceURL: String
    var checkedOn: String
    var provinceCode: String?

    enum CodingKeys: String, CodingKey {
        case id, title, office, documents, steps, fee, duration, legalBasis = "legal_basis", sourceURL = "source_url"
        case checkedOn = "checked_on", provinceCode = "province_code"
    }

    init(_ item: GuideLibrary.Item) {
        let g = item.guide
        id = item.id; title = g.title; office = g.office; documents = g.documents; steps = g.steps; fee = g.fee; duration = g.duration
        legalBasis = g.legalBasis; sourceURL = g.sourceURL; checkedOn = g.checkedOn.iso; provinceCode = g.provinceCode
    }
}

/// Guides from a spreadsheet: the columns, the upload, and what happened to each row.
enum GuideImportPage {
    static func render(_ r: ImportGuides.Result?, context: PageContext) -> HTML {
        var outcome: HTML = .empty
        if let r {
            let errors = r.errors.prefix(500).map { e -> HTML in "<li>Dòng \(e.line)\(e.column.map { " – \($0)" } ?? ""): \(e.message)</li>" }
            let summary: HTML = r.storedNothing
                ? "<div class=\"alert\" role=\"alert\">Chưa lưu hướng dẫn nào (\(VietnameseNumber.grouped(r.errors.count)) lỗi). Sửa các dòng dưới đây rồi tải lên lại, hoặc chọn “Lưu các dòng hợp lệ”.</div>"
                : "<div class=\"notice\" role=\"status\">Thêm \(VietnameseNumber.grouped(r.created)), cập nhật \(VietnameseNumber.grouped(r.updated)), \(VietnameseNumber.grouped(r.unchanged)) không đổi.</div>"
            outcome = r.errors.isEmpty ? summary : "\(summary)<ul class=\"errors\">\(errors)</ul>"
        }
        let columns = GuideSheet.Column.allCases.map { "<li>\($0.header)</li>" as HTML }
        return Layout.page(title: "Nhập hướng dẫn thủ tục", section: .guides, context: context, body: """
        <h1>Nhập hướng dẫn thủ tục</h1>
        <p>Mỗi dòng một thủ tục. Thủ tục cùng tên và cùng phạm vi đã có sẽ được cập nhật (giữ phiên bản cũ), nên tải lại cùng một tệp không tạo bản trùng.</p>
        <details open><summary>Các cột của tệp</summary><ul>\(columns)</ul>
        <p class="hint">Bắt buộc: tên thủ tục, giấy tờ cần mang, nguồn (đường dẫn http/https chính thức), ngày kiểm tra (dd/mm/yyyy). \
        Danh sách giấy tờ, các bước: mỗi mục một dòng trong ô, hoặc cách nhau bằng dấu chấm phẩy. Tỉnh: để trống nếu áp dụng cả nước.</p></details>
        \(outcome)
        <form method="post" action="\(SiteRoute.guideImport.path)" enctype="multipart/form-data">\(context.csrfField)
        <label class="field"><span>Tệp XLSX hoặc CSV</span><input type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required></label>
        <label class="check"><input type="checkbox" name="store_valid" value="1"> Lưu các dòng hợp lệ kể cả khi có dòng lỗi</label>
        <p><button type="submit">Tải lên</button></p>
        </form>
        """)
    }
}

struct GuideImportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.guideImportPage, use: page)
        routes.on(.guideImportSubmit, body: .collect(maxSize: "24mb"), use: upload)
    }

    @Sendable
    func page(req: Request) async throws -> Response {
        guard !req.policy.areas(for: .editUnit).isEmpty || SaveGuide.mayEdit(province: nil, policy: req.policy) else { throw AppError.noPermission }
        return req.page { GuideImportPage.render(nil, context: $0) }
    }

    struct UploadForm: Content {
        var file: File?
        var storeValid: String?
        enum CodingKeys: String, CodingKey { case file, storeValid = "store_valid" }
    }

    @Sendable
    func upload(req: Request) async throws -> Response {
        let actor = try req.actor()
        guard !actor.policy.areas(for: .editUnit).isEmpty || SaveGuide.mayEdit(province: nil, policy: actor.policy) else { throw AppError.noPermission }
        let form = try req.content.decode(UploadForm.self)
        let table = try await req.uploadedSheet(form.file, bounds: .volunteers)
        let result = try await ImportGuides.run(table, storeValid: form.storeValid != nil, actor: actor, on: req.db)
        return req.page({ GuideImportPage.render(result, context: $0) }, status: result.storedNothing ? .unprocessableEntity : .ok)
    }
}
