import CauNoiCore
import Fluent
import Vapor

/// `/thiet-lap?ma=…`: the page behind a one-time set-up link.
struct SetupController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.setupPage, use: show)
        routes.on(.setupSubmit, use: submit)
    }

    struct Input: Content {
        var ma: String?
        var username: String?
        var displayName: String?
        var password: String?
        var passwordConfirm: String?
        enum CodingKeys: String, CodingKey {
            case ma, username, displayName = "display_name", password, passwordConfirm = "password_confirm"
        }
    }

    private static let invalidLink = AppError.notFound(
        vi: "Liên kết thiết lập không hợp lệ, đã dùng hoặc đã hết hạn. Hãy xin quản trị viên một liên kết mới.",
        en: "This set-up link is invalid, used or expired.")

    @Sendable
    func show(req: Request) async throws -> Response {
        let token = (try? req.query.get(String.self, at: "ma")) ?? ""
        guard let link = try await SetupLinks.find(token, now: req.application.appConfig.now(), on: req.db) else { throw Self.invalidLink }
        let username = try await link.userID.asyncMap { try await User.find($0, on: req.db)?.username } ?? nil
        let model = SetupPage.Model(token: token, existingUsername: username)
        return req.page({ SetupPage.render(model, context: $0) }, personalData: true)
    }

    @Sendable
    func submit(req: Request) async throws -> Response {
        let input = try req.content.decode(Input.self)
        let now = req.application.appConfig.now()
        guard let link = try await SetupLinks.find(input.ma ?? "", now: now, on: req.db) else { throw Self.invalidLink }
        var errors = FieldErrors()
        let password = input.password ?? ""
        for error in PasswordPolicy.check(password) { errors.add(error.field, error.message, error.messageEN) }
        if password != (input.passwordConfirm ?? "") {
            errors.add("password_confirm", "Hai lần nhập mật khẩu không khớp.", "The passwords do not match.")
        }
        var username: String?
        var displayName: String?
        if link.userID == nil {
            username = UserValidator.username(input.username, errors: &errors)
            displayName = FreeText.check(input.displayName, field: "display_name", maxLength: 120, required: true, errors: &errors)
        }
        let existingName = try await link.userID.asyncMap { try await User.find($0, on: req.db)?.username } ?? nil
        guard errors.isEmpty else {
            let model = SetupPage.Model(token: input.ma ?? "", existingUsername: existingName, username: input.username,
                                        displayName: input.displayName, errors: errors.all.byField)
            return req.page({ SetupPage.render(model, context: $0) }, status: .unprocessableEntity, personalData: true)
        }
        let hash = try await req.passwords.hash(password)
        let baseEvent = req.auditEvent("setup", "user", nil)
        let newUsername = username ?? "", newDisplayName = displayName ?? ""
        let created = try await req.db.writeTransaction { db -> (UUID, String) in
            var event = baseEvent
            // Re-read inside the transaction: a link works once, even if submitted twice at the same moment.
            guard let link = try await SetupToken.find(link.id, on: db), link.usedAt == nil else { throw Self.invalidLink }
            link.usedAt = now
            try await link.save(on: db)
            let user: User
            if let userID = link.userID, let existing = try await User.find(userID, on: db) {
                user = existing
                event.action = "password_set"
            } else {
                guard try await User.query(on: db).count() == 0 else { throw Self.invalidLink }
                user = User()
                user.id = UUIDv7.make()
                user.username = newUsername
                user.displayName = newDisplayName
                user.isActive = true
                event.action = "first_admin_created"
            }
            user.passwordHash = hash
            try await user.save(on: db)
            let userID = try user.requireID()
            if event.action == "first_admin_created" {
                try await AssignmentStore.add(RoleAssignment(role: .centralAdmin, unitCode: OrgUnit.nationalCode), to: userID, on: db)
            }
            event.userID = userID
            event.username = user.username
            event.objectID = userID.uuidString.lowercased()
            try await Audit.record(event, on: db)
            return (userID, user.username)
        }
        let session = try await SessionStore.create(userID: created.0, now: now, on: req.db)
        let response = req.redirect(to: SiteRoute.home.path, redirectType: .normal)
        let secure = req.application.appConfig.secureCookies
        response.cookies[SessionCookie.name(secure: secure)] = SessionCookie.value(session.token, secure: secure)
        return response
    }
}

enum SetupPage {
    struct Model: Equatable, Sendable {
        var token: String
        var existingUsername: String?
        var username: String?
        var displayName: String?
        var errors: [String: String] = [:]
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let e = m.errors
        let identity: HTML = m.existingUsername.map { "<p>Tài khoản: <b>\($0)</b></p>" } ?? """
        \(Layout.field("Tên đăng nhập", name: "username", value: m.username, error: e["username"], required: true, attributes: " autocapitalize=\"none\" autocomplete=\"username\""))
        \(Layout.field("Họ tên hiển thị", name: "display_name", value: m.displayName, error: e["display_name"], required: true))
        """
        let title = m.existingUsername == nil ? "Tạo tài khoản quản trị Trung ương đầu tiên" : "Đặt mật khẩu"
        return Layout.page(title: title, section: .account, context: context, body: """
        <h1>\(title)</h1>
        \(Layout.errorSummary(e))
        <form method="post" action="\(SiteRoute.setup().path)">\(context.csrfField)
        <input type="hidden" name="ma" value="\(m.token)">
        \(identity)
        \(Layout.field("Mật khẩu (ít nhất 10 ký tự, có thể là một câu tiếng Việt)", name: "password", value: nil, error: e["password"], type: "password", required: true, attributes: " autocomplete=\"new-password\" minlength=\"10\""))
        \(Layout.field("Nhập lại mật khẩu", name: "password_confirm", value: nil, error: e["password_confirm"], type: "password", required: true, attributes: " autocomplete=\"new-password\""))
        <button type="submit">Lưu</button>
        </form>
        """)
    }
}
