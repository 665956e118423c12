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

    @Sendable
    func show(req: Request) async throws -> Response {
        let token = (try? req.query.get(String.self, at: "ma")) ?? ""
        guard let link = try await SetupLinks.find(token, now: req.application.appConfig.now(), on: req.db) else { throw CompleteSetup.invalidLink }
        let username = try await link.userID.asyncMap { try await User.find($0, on: req.db)?.username } ?? nil
        let model = SetupPage.Model(token: token, existingUsername: username)
        return req.page({ SetupPage.render(model, context: $0) }, personalData: true)
    }

    @Sendable
    func submit(req: Request) async throws -> Response {
        let input = try req.content.decode(Input.self)
        let setup = CompleteSetup.Input(token: input.ma ?? "", username: input.username, displayName: input.displayName,
                                        password: input.password ?? "", passwordConfirm: input.passwordConfirm ?? "")
        do {
            let session = try await CompleteSetup.run(setup, visitor: req.visitor, passwords: req.passwords, on: req.db)
            let response = req.redirect(to: SiteRoute.home.path, redirectType: .normal)
            let secure = req.application.appConfig.secureCookies
            response.cookies[SessionCookie.name(secure: secure)] = SessionCookie.value(session, secure: secure)
            return response
        } catch let failure as ValidationFailure {
            let link = try await SetupLinks.find(setup.token, now: req.visitor.now, on: req.db)
            let existingName = try await link?.userID.asyncMap { try await User.find($0, on: req.db)?.username } ?? nil
            let model = SetupPage.Model(token: setup.token, existingUsername: existingName, username: input.username,
                                        displayName: input.displayName, errors: failure.errors.byField)
            return req.page({ SetupPage.render(model, context: $0) }, status: .unprocessableEntity, personalData: true)
        }
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
