import CauNoiCore
import Fluent
import Vapor

/// The hierarchy browser: provinces, search, and a page per unit.
enum UnitListPage {
    struct Row: Equatable, Sendable {
        var code: String
        var name: String
        var typeName: String
        var parentName: String?
    }

    struct Model: Equatable, Sendable {
        var query: String?
        var rows: [Row]

        static func query(text: String?, on db: any Database) async throws -> Model {
            guard let text, !text.isEmpty else {
                let provinces = try await OrgUnitQueries.listed(.init(level: .province, limit: 100), on: db)
                return Model(query: nil, rows: provinces.map { row($0, parents: [:]) })
            }
            let units = try await OrgUnitQueries.listed(.init(level: nil, text: text, limit: 100), on: db)
            let parents = try await OrgUnitQueries.names(Set(units.compactMap(\.parentCode)), on: db)
            return Model(query: text, rows: units.filter { $0.level != OrgLevel.national.rawValue }.map { row($0, parents: parents) })
        }

        private static func row(_ unit: OrgUnitQueries.Listed, parents: [String: String]) -> Row {
            Row(code: unit.code, name: unit.name, typeName: UnitType(rawValue: unit.unitType)?.vietnamese ?? "",
                parentName: unit.parentCode.flatMap { parents[$0] })
        }
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let rows = m.rows.map { r -> HTML in
            "<tr><td><a href=\"\(SiteRoute.unit(r.code).path)\">\(r.name)</a></td><td>\(r.typeName)</td><td>\(r.parentName ?? "")</td><td class=\"num\">\(r.code)</td></tr>"
        }
        let heading: HTML = m.query.map { "Kết quả cho “\($0)”: \(m.rows.count) đơn vị" } ?? "34 tỉnh, thành phố"
        let empty: HTML = m.rows.isEmpty ? "<p>Không tìm thấy đơn vị nào. Thử gõ ít chữ hơn, có dấu hoặc không dấu đều được.</p>" : .empty
        return Layout.page(title: "Đơn vị hành chính", section: .units, context: context, body: """
        <h1>Đơn vị hành chính</h1>
        <form class="search" method="get" action="\(SiteRoute.units().path)" role="search">
        <input type="search" name="q" value="\(m.query ?? "")" placeholder="Ví dụ: ha noi, Hoàn Kiếm, 00070" aria-label="Tìm đơn vị">
        <button type="submit">Tìm</button>
        </form>
        <h2>\(heading)</h2>
        \(empty)
        <table class="wide"><thead><tr><th>Tên</th><th>Loại</th><th>Thuộc</th><th class="num">Mã</th></tr></thead><tbody>\(rows)</tbody></table>
        """)
    }
}

enum UnitPage {
    struct TeamRow: Equatable, Sendable {
        var id: UUID
        var code: String
        var name: String
        var kindName: String
    }

    struct Model: Equatable, Sendable {
        var unit: OrgUnitDTO
        var parent: OrgUnitDTO?
        var children: [OrgUnitDTO]
        var teams: [TeamRow]
        var volunteerCount: Int
        var errors: [String: String] = [:]
        var saved = false
        /// Only admins of this unit see the form that changes it.
        var canEdit = false

        static func query(code: String, today: LocalDate, on db: any Database) async throws -> Model {
            let unit = try await OrgUnitQueries.require(code, on: db)
            let parent = try await unit.parentCode.asyncMap { try await OrgUnitQueries.find($0, on: db) } ?? nil
            var model = Model(unit: OrgUnitDTO(unit), parent: parent.map(OrgUnitDTO.init), children: [], teams: [], volunteerCount: 0)
            if unit.level == OrgLevel.commune.rawValue {
                // Which teams serve a commune is public: citizens look for help there.
                let teams = try await TeamQueries.list(.init(commune: code, per: 200), scope: .everything, on: db).items
                model.teams = teams.filter { $0.activeTo.map { $0 >= today.iso } ?? true }.map { TeamRow(id: $0.id ?? UUID(), code: $0.code, name: $0.name,
                                                  kindName: TeamKind(rawValue: $0.kind)?.vietnamese ?? $0.kind) }
                model.volunteerCount = try await Volunteer.query(on: db).filter(\.$homeCommune.$id == code).count()
            } else {
                model.children = try await OrgUnitQueries.children(of: code, on: db).map(OrgUnitDTO.init)
            }
            return model
        }
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let u = m.unit
        let crumbs: HTML = m.parent.map { "<p class=\"crumbs\"><a href=\"\(SiteRoute.unit($0.code).path)\">\($0.name)</a> › \(u.name)</p>" }
            ?? "<p class=\"crumbs\"><a href=\"\(SiteRoute.units().path)\">Đơn vị hành chính</a> › \(u.name)</p>"
        let body: HTML = u.level == OrgLevel.commune.rawValue ? communeBody(m, context: context) : childrenBody(m)
        return Layout.page(title: u.name, section: .units, context: context, body: """
        \(crumbs)
        <h1>\(u.name)</h1>
        <p class="muted">\(u.typeName) · mã \(u.code)</p>
        \(flags(u.attributes))
        \(body)
        """)
    }

    private static func flags(_ a: OrgUnitDTO.Attributes) -> HTML {
        var tags: [HTML] = []
        if a.isBorder { tags.append("<li>Biên giới</li>") }
        if a.isIsland { tags.append("<li>Hải đảo</li>") }
        if a.isRemote { tags.append("<li>Vùng sâu, vùng xa, miền núi</li>") }
        if a.isEthnicArea { tags.append("<li>Vùng đồng bào dân tộc thiểu số</li>") }
        let spoken = a.languages.compactMap(Language.init(rawValue:)).filter { $0 != .vi }
        if !spoken.isEmpty { tags.append("<li>Tiếng \(spoken.map(\.vietnamese).joined(separator: ", "))</li>") }
        return tags.isEmpty ? .empty : "<ul class=\"tags\">\(tags)</ul>"
    }

    private static func childrenBody(_ m: Model) -> HTML {
        let rows = m.children.map { c -> HTML in
            "<tr><td><a href=\"\(SiteRoute.unit(c.code).path)\">\(c.name)</a></td><td>\(c.typeName)</td><td class=\"num\">\(c.code)</td></tr>"
        }
        return """
        <h2>\(VietnameseNumber.grouped(m.children.count)) đơn vị trực thuộc</h2>
        <table class="wide"><thead><tr><th>Tên</th><th>Loại</th><th class="num">Mã</th></tr></thead><tbody>\(rows)</tbody></table>
        """
    }

    private static func communeBody(_ m: Model, context: PageContext) -> HTML {
        let u = m.unit
        let a = u.attributes
        let teams = m.teams.map { t -> HTML in
            "<tr><td><a href=\"\(SiteRoute.team(t.id).path)\">\(t.name)</a></td><td>\(t.kindName)</td><td>\(t.code)</td></tr>"
        }
        let teamTable: HTML = m.teams.isEmpty ? "<p>Chưa có đội hình nào phụ trách xã này.</p>"
            : "<table class=\"wide\"><thead><tr><th>Đội hình</th><th>Loại</th><th>Mã</th></tr></thead><tbody>\(teams)</tbody></table>"
        return """
        <dl class="facts">
        <dt>Địa chỉ Trung tâm phục vụ hành chính công</dt><dd>\(a.serviceCentreAddress ?? "Chưa cập nhật")</dd>
        <dt>Đường dây nóng</dt><dd>\(a.hotline ?? "Chưa cập nhật")</dd>
        <dt>Tình nguyện viên cư trú</dt><dd>\(VietnameseNumber.grouped(m.volunteerCount))</dd>
        </dl>
        <h2>Đội hình</h2>
        \(teamTable)
        \(m.canEdit ? "<p><a class=\"button\" href=\"\(SiteRoute.teamNew(commune: u.code).path)\">Thêm đội hình</a> <a href=\"\(SiteRoute.volunteers(commune: u.code).path)\">Tình nguyện viên của xã</a></p>" as HTML : .empty)
        \(m.canEdit ? editForm(m, context: context) : .empty)
        """
    }

    private static func editForm(_ m: Model, context: PageContext) -> HTML {
        let u = m.unit
        let a = u.attributes
        let languageOptions = Language.allCases.map { (value: $0.rawValue, label: $0.vietnamese) }
        let saved: HTML = m.saved ? "<div class=\"notice\" role=\"status\">Đã lưu thông tin đơn vị.</div>" : .empty
        return """
        <h2>Cập nhật thông tin đơn vị</h2>
        \(saved)\(Layout.errorSummary(m.errors))
        <form method="post" action="\(SiteRoute.unit(u.code).path)">\(context.csrfField)
        <fieldset class="field"><legend>Đặc điểm</legend><div class="checks">
        \(check("is_border", "Biên giới", a.isBorder))\(check("is_island", "Hải đảo", a.isIsland))\(check("is_remote", "Vùng sâu, vùng xa, miền núi", a.isRemote))\(check("is_ethnic_area", "Vùng đồng bào dân tộc thiểu số", a.isEthnicArea))
        </div></fieldset>
        \(Layout.checkboxes("Ngôn ngữ thường dùng", name: "languages", options: languageOptions, checked: Set(a.languages), error: m.errors["languages"]))
        \(Layout.field("Địa chỉ Trung tâm phục vụ hành chính công", name: "service_centre_address", value: a.serviceCentreAddress, error: m.errors["service_centre_address"]))
        \(Layout.field("Đường dây nóng công khai", name: "hotline", value: a.hotline, error: m.errors["hotline"], type: "tel"))
        <input type="hidden" name="submitted" value="1">
        <button type="submit">Lưu</button>
        </form>
        """
    }

    private static func check(_ name: String, _ label: String, _ on: Bool) -> HTML {
        let mark: HTML = on ? " checked" : ""
        return "<label class=\"check\"><input type=\"checkbox\" name=\"\(name)\" value=\"1\"\(mark)> \(label)</label>"
    }
}

struct UnitPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.unitsPage, use: list)
        routes.on(.unitPage, use: show)
        routes.on(.unitPageSave, use: update)
    }

    struct SearchParameters: Content { var q: String? }

    @Sendable
    func list(req: Request) async throws -> Response {
        let q = try req.query.decode(SearchParameters.self).q.nonEmpty.map { String($0.prefix(100)) }
        let model = try await UnitListPage.Model.query(text: q, on: req.db)
        return req.page { UnitListPage.render(model, context: $0) }
    }

    @Sendable
    func show(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        if code == OrgUnit.nationalCode { return req.redirect(to: SiteRoute.units().path) }
        var model = try await UnitPage.Model.query(code: code, today: req.today, on: req.db)
        model.saved = (try? req.query.get(String.self, at: "da-luu")) != nil
        model.canEdit = try await canEdit(code, req: req)
        let final = model
        return req.page { UnitPage.render(final, context: $0) }
    }

    struct AttributesForm: Content {
        var isBorder: String?
        var isIsland: String?
        var isRemote: String?
        var isEthnicArea: String?
        var languages: [String]?
        var serviceCentreAddress: String?
        var hotline: String?

        enum CodingKeys: String, CodingKey {
            case isBorder = "is_border", isIsland = "is_island", isRemote = "is_remote", isEthnicArea = "is_ethnic_area"
            case languages, serviceCentreAddress = "service_centre_address", hotline
        }

        /// Unticked boxes are absent from a form post, so absence means false here.
        var draft: UnitAttributesDraft {
            var d = UnitAttributesDraft()
            d.isBorder = isBorder != nil
            d.isIsland = isIsland != nil
            d.isRemote = isRemote != nil
            d.isEthnicArea = isEthnicArea != nil
            d.languages = languages ?? []
            d.serviceCentreAddress = serviceCentreAddress ?? ""
            d.hotline = hotline ?? ""
            return d
        }
    }

    @Sendable
    func update(req: Request) async throws -> Response {
        let actor = try req.actor()
        let code = req.parameters.get("code") ?? ""
        let form = try req.content.decode(AttributesForm.self)
        do {
            _ = try await EditUnitAttributes.run(code: code, form.draft, actor: actor, on: req.db)
            return req.redirect(to: SiteRoute.unit(code).path + "?da-luu=1", redirectType: .normal)
        } catch let failure as ValidationFailure {
            var model = try await UnitPage.Model.query(code: code, today: req.today, on: req.db)
            model.errors = failure.errors.byField
            model.canEdit = true
            let final = model
            return req.page({ UnitPage.render(final, context: $0) }, status: .unprocessableEntity)
        }
    }

    private func canEdit(_ code: String, req: Request) async throws -> Bool {
        guard req.principal != nil, let unit = try await OrgUnitQueries.find(code, on: req.db) else { return false }
        return req.policy.allows(.editUnit, on: Places.unit(unit))
    }
}

extension Array where Element == FieldError {
    /// First message per top-level field, for showing beside form inputs.
    var byField: [String: String] {
        var out: [String: String] = [:]
        for error in self {
            let key = String(error.field.prefix { $0 != "[" && $0 != "." })
            if out[key] == nil { out[key] = error.message }
        }
        return out
    }

    /// Every message per exact field ("level.vneid", "answers.equipment"), for forms whose inputs are keyed that
    /// finely; several problems with one field (a list's bad lines) are shown together.
    var byExactField: [String: String] {
        Dictionary(map { ($0.field, $0.message) }, uniquingKeysWith: { $0 + " " + $1 })
    }
}
