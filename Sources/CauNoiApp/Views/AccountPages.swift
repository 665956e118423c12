import CauNoiCore
import Fluent
import Vapor

/// The accounts an admin manages, in their own area: who holds which role where, with the actions on each:
/// a new set-up link (the person chooses a new password), sign out everywhere, disable.
enum AccountListPage {
    struct Row: Equatable, Sendable {
        var id: UUID
        var username: String
        var name: String
        var active: Bool
        var roles: [String]
        /// One's own account is not disabled from this page (it would lock the admin out mid-task).
        var isSelf: Bool
    }

    struct Model: Equatable, Sendable {
        var rows: [Row]
        var total: Int
        var query: String?
        var notice: String?
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let notice: HTML = m.notice.map { "<div class=\"notice\" role=\"status\">\($0)</div>" } ?? .empty
        let rows = m.rows.map { r -> HTML in
            func action(_ route: SiteRoute, _ label: String) -> HTML {
                "<form method=\"post\" action=\"\(route.path)\">\(context.csrfField)<button type=\"submit\">\(label)</button></form>"
            }
            var actions: [HTML] = []
            if r.active {
                actions.append(action(.accountReset(r.id), "Cấp liên kết đặt mật khẩu"))
                actions.append(action(.accountEndSessions(r.id), "Đăng xuất mọi nơi"))
                if !r.isSelf { actions.append(action(.accountDisable(r.id), "Vô hiệu hoá")) }
            }
            let roles = HTML.join(r.roles.map { "\($0)" as HTML }, separator: "<br>")
            let status: HTML = r.active ? "Đang hoạt động" : "<b>Đã vô hiệu hoá</b>"
            return """
            <tr><td data-label="Người dùng"><b>\(r.name)</b><br><small>\(r.username)</small></td><td data-label="Vai trò">\(roles)</td>\
            <td data-label="Trạng thái">\(status)</td><td data-label="Thao tác" class="actions">\(actions)</td></tr>
            """
        }
        let shown: HTML = m.total > m.rows.count ? "<p>Hiển thị \(VietnameseNumber.grouped(m.rows.count)) trên \(VietnameseNumber.grouped(m.total)) tài khoản; hãy tìm theo tên để thu hẹp.</p>" : .empty
        let table: HTML = m.rows.isEmpty
            ? (m.query == nil ? "<p>Chưa có tài khoản nào trong phạm vi của bạn.</p>" : "<p>Không có tài khoản nào khớp.</p>")
            : """
            <table class="wide cards"><thead><tr><th>Người dùng</th><th>Vai trò</th><th>Trạng thái</th><th>Thao tác</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return Layout.page(title: "Tài khoản", section: .accounts, context: context, body: """
        <h1>Tài khoản</h1>
        \(notice)
        <p><a class="button" href="\(SiteRoute.accountNew().path)">Tạo tài khoản</a> <a href="\(SiteRoute.tokens.path)">Mã truy cập API của tôi</a></p>
        <form method="get" action="\(SiteRoute.accounts().path)" class="search"><label class="field"><span>Tìm theo tên, tên đăng nhập hoặc đơn vị</span>\
        <input type="search" name="q" value="\(m.query ?? "")"></label><button type="submit">Tìm</button></form>
        \(shown)\(table)
        """)
    }
}

/// A new account: name, login, one role and where it applies (a unit typed by name, or a team).
enum AccountFormPage {
    struct Form: Content, Equatable, Sendable {
        var username: String?
        var displayName: String?
        var role: String?
        var unit: String?
        var team: String?

        enum CodingKeys: String, CodingKey { case username, displayName = "display_name", role, unit, team }
    }

    struct Model: Equatable, Sendable {
        var form: Form
        var roles: [Role]
        /// Teams in the admin's area, when few enough for a list; otherwise the account is made from the team's page.
        var teams: [TeamOption]?
        var errors: [String: String] = [:]
    }

    struct TeamOption: Equatable, Sendable {
        var id: UUID
        var label: String
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let f = m.form, e = m.errors
        let roles = m.roles.map { (value: $0.rawValue, label: $0.vietnamese) }
        let team: HTML = if let teams = m.teams {
            Layout.select("Đội hình (cho vai trò Đội trưởng)", name: "team", options: teams.map { (value: $0.id.uuidString.lowercased(), label: $0.label) },
                          selected: f.team, error: e["team"], includeBlank: true)
        } else {
            Layout.field("Đội hình (cho vai trò Đội trưởng)", name: "team", value: f.team, error: e["team"],
                         hint: "Khu vực có nhiều đội: hãy mở trang của đội và chọn “Tạo tài khoản đội trưởng”.")
        }
        return Layout.page(title: "Tạo tài khoản", section: .accounts, context: context, body: """
        <h1>Tạo tài khoản</h1>
        \(Layout.errorSummary(e))
        <form method="post" action="\(SiteRoute.accountNew().path)">\(context.csrfField)
        \(Layout.field("Họ và tên", name: "display_name", value: f.displayName, error: e["display_name"], required: true))
        \(Layout.field("Tên đăng nhập", name: "username", value: f.username, error: e["username"], required: true,
                       hint: "3–64 ký tự: chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang hoặc @.", attributes: " autocomplete=\"off\" autocapitalize=\"none\""))
        \(Layout.select("Vai trò", name: "role", options: roles, selected: f.role, error: e["role"], includeBlank: true))
        \(Layout.field("Đơn vị (tỉnh hoặc xã, phường, đặc khu)", name: "unit", value: f.unit, error: e["unit"],
                       hint: "Gõ tên, có dấu hoặc không, thêm tên tỉnh nếu trùng (ví dụ: ba dinh ha noi), hoặc mã đơn vị. Không cần cho Đội trưởng."))
        \(team)
        <button type="submit">Tạo tài khoản và liên kết đặt mật khẩu</button>
        </form>
        """)
    }
}

/// The one-time link, shown once: after an account is created or a new link is asked for. Never in a URL.
enum AccountLinkPage {
    struct Model: Equatable, Sendable {
        var name: String
        var username: String
        var link: String
        var isNew: Bool
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        Layout.page(title: "Liên kết đặt mật khẩu", section: .accounts, context: context, body: """
        <h1>\(m.isNew ? "Đã tạo tài khoản" : "Đã cấp liên kết mới")</h1>
        <p><b>\(m.name)</b> (tên đăng nhập <b>\(m.username)</b>) đặt mật khẩu bằng liên kết dưới đây. Liên kết dùng được <b>một lần</b>, trong 24 giờ; \
        các liên kết cấp trước cho tài khoản này không còn dùng được.</p>
        <p class="secret"><input type="text" readonly value="\(m.link)" aria-label="Liên kết đặt mật khẩu"></p>
        <p>Hãy gửi liên kết cho đúng người qua kênh riêng (nhắn tin cá nhân hoặc trao tận tay). Trang này sẽ không hiện lại liên kết.</p>
        <p><a href="\(SiteRoute.accounts().path)">Về danh sách tài khoản</a></p>
        """)
    }
}

struct AccountPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.accountsPage, use: list)
        routes.on(.accountNewPage, use: newForm)
        routes.on(.accountNewSave, use: create)
        routes.on(.accountResetSubmit, use: reset)
        routes.on(.accountEndSessionsSubmit, use: endSessions)
        routes.on(.accountDisableSubmit, use: disable)
    }

    static let pageSize = 200

    @Sendable
    func list(req: Request) async throws -> Response {
        let actor = try req.actor()
        _ = try await Access.scope(for: .manageUsers, actor: actor, on: req.db)
        let text = (try? req.query.get(String.self, at: "q")).flatMap { $0.isEmpty ? nil : $0 }
        let notice: String? = switch try? req.query.get(String.self, at: "da-luu") {
        case "dang-xuat": "Đã đăng xuất tài khoản khỏi mọi thiết bị."
        case "vo-hieu-hoa": "Đã vô hiệu hoá tài khoản; mọi phiên đăng nhập và mã truy cập của người này đã dừng."
        default: nil
        }
        let found = try await UserQueries.manageable(by: actor, matching: text, limit: Self.pageSize, on: req.db)
        let rows = found.items.compactMap { a -> AccountListPage.Row? in
            guard let id = a.user.id else { return nil }
            return .init(id: id, username: a.user.username, name: a.user.displayName, active: a.user.isActive, roles: a.roleLabels,
                         isSelf: id == actor.principal.userID)
        }
        let model = AccountListPage.Model(rows: rows, total: found.total, query: text, notice: notice)
        return req.page { AccountListPage.render(model, context: $0) }
    }

    @Sendable
    func newForm(req: Request) async throws -> Response {
        let actor = try req.actor()
        var form = AccountFormPage.Form()
        if let team = try? req.query.get(String.self, at: "doi") {
            form.team = team
            form.role = Role.teamLeader.rawValue
        }
        return try await formPage(req, actor: actor, form: form, errors: [:], status: .ok)
    }

    /// Errors re-render the form with what the admin typed; success shows the link once.
    @Sendable
    func create(req: Request) async throws -> Response {
        let actor = try req.actor()
        let area = try await Access.scope(for: .manageUsers, actor: actor, on: req.db)
        let form = try req.content.decode(AccountFormPage.Form.self)
        var errors: [FieldError] = []
        var assignment = AssignmentDraft(role: form.role)
        // Where the role applies: the nation, a unit typed by name (at the role's level), or a team.
        let levels: Set<OrgLevel>? = switch Role(rawValue: form.role ?? "") {
        case .provinceAdmin?: [.province]
        case .communeAdmin?: [.commune]
        case .observer?: [.province, .commune]
        default: nil
        }
        switch Role(rawValue: form.role ?? "") {
        case .centralAdmin?:
            assignment.unitCode = OrgUnit.nationalCode
        case .provinceAdmin?, .communeAdmin?, .observer?:
            switch UnitPicker.pick(form.unit, levels: levels ?? [], within: area, field: "unit") {
            case .success(let code): assignment.unitCode = code
            case .failure(let error): errors.append(error)
            }
        case .teamLeader?:
            if UUID(uuidString: form.team?.trimmingCharacters(in: .whitespaces) ?? "") == nil {
                errors.append(FieldError(field: "team", message: "Chọn đội hình cho đội trưởng.", messageEN: "Choose the team for a team leader."))
            }
            assignment.teamID = form.team?.trimmingCharacters(in: .whitespaces)
        default:
            errors.append(FieldError(field: "role", message: "Chọn một vai trò.", messageEN: "Choose a role."))
        }
        if errors.isEmpty {
            do {
                let draft = UserDraft(username: form.username, displayName: form.displayName, assignments: [assignment])
                let (user, token, _) = try await CreateAccount.run(draft, actor: actor, on: req.db)
                let model = AccountLinkPage.Model(name: user.displayName, username: user.username,
                                                  link: SetupLinks.url(token, publicURL: req.application.appConfig.publicURL), isNew: true)
                return req.page({ AccountLinkPage.render(model, context: $0) }, status: .created)
            } catch let failure as ValidationFailure {
                errors += failure.errors
            } catch let error as AppError where !error.fields.isEmpty {
                errors += error.fields
            } catch AppError.forbidden(let vi, _) {
                errors.append(FieldError(field: form.role == Role.teamLeader.rawValue ? "team" : "unit", message: vi, messageEN: ""))
            }
        }
        return try await formPage(req, actor: actor, form: form, errors: Self.formFields(errors), status: .unprocessableEntity)
    }

    /// Validator paths ("assignments[0].unit_code") onto the form's fields.
    static func formFields(_ errors: [FieldError]) -> [String: String] {
        var out: [String: String] = [:]
        for e in errors {
            let field = switch e.field {
            case let f where f.hasSuffix("unit_code"): "unit"
            case let f where f.hasSuffix("team_id"): "team"
            case let f where f.hasSuffix(".role") || f == "assignments": "role"
            default: e.field
            }
            out[field] = out[field].map { "\($0) \(e.message)" } ?? e.message
        }
        return out
    }

    private func formPage(_ req: Request, actor: Actor, form: AccountFormPage.Form, errors: [String: String],
                          status: HTTPResponseStatus) async throws -> Response {
        let area = try await Access.scope(for: .manageUsers, actor: actor, on: req.db)
        let roles = Set(actor.policy.areas(for: .manageUsers).flatMap(\.delegableRoles)).subtracting([.volunteer]).sorted()
        let teamQuery = Team.query(on: req.db)
        var teams: [AccountFormPage.TeamOption]?
        if area.restrict(teamQuery, .init(province: \.$provinceCode, commune: \.$homeCommune.$id)) {
            let count = try await teamQuery.count()
            if count <= 500 {
                let rows = try await teamQuery.sort(\.$name).all()
                let names = try await OrgUnitQueries.names(Set(rows.map(\.$homeCommune.id)), on: req.db)
                teams = rows.compactMap { t in t.id.map { .init(id: $0, label: "\(t.name) — \(names[t.$homeCommune.id] ?? "")") } }
            }
        } else {
            teams = []
        }
        let model = AccountFormPage.Model(form: form, roles: roles, teams: teams, errors: errors)
        return req.page({ AccountFormPage.render(model, context: $0) }, status: status)
    }

    @Sendable
    func reset(req: Request) async throws -> Response {
        let actor = try req.actor()
        let (user, token) = try await ManageUser.resetLink(try req.uuidParameter("id"), actor: actor, on: req.db)
        let model = AccountLinkPage.Model(name: user.displayName, username: user.username,
                                          link: SetupLinks.url(token, publicURL: req.application.appConfig.publicURL), isNew: false)
        return req.page { AccountLinkPage.render(model, context: $0) }
    }

    @Sendable
    func endSessions(req: Request) async throws -> Response {
        _ = try await ManageUser.endSessions(try req.uuidParameter("id"), actor: try req.actor(), on: req.db)
        req.application.principalCache?.removeAll()
        return req.redirect(to: SiteRoute.accounts().path + "?da-luu=dang-xuat", redirectType: .normal)
    }

    @Sendable
    func disable(req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter("id")
        guard id != actor.principal.userID else {
            throw AppError.conflict(field: "user", vi: "Không tự vô hiệu hoá tài khoản của mình.", en: "You cannot disable your own account.")
        }
        _ = try await ManageUser.disable(id, actor: actor, on: req.db)
        req.application.principalCache?.removeAll()
        return req.redirect(to: SiteRoute.accounts().path + "?da-luu=vo-hieu-hoa", redirectType: .normal)
    }
}
