import CauNoiCore
import Fluent
import Vapor

struct MeDTO: Content, Equatable {
    var id: UUID
    var username: String
    var displayName: String
    var assignments: [RoleAssignment]
    var csrfToken: String?

    enum CodingKeys: String, CodingKey {
        case id, username, displayName = "display_name", assignments, csrfToken = "csrf_token"
    }
}

/// Sign-in and sign-out, as pages and as JSON (for the field app).
struct AuthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.loginPage, use: loginPage)
        routes.on(.loginSubmit, use: loginForm)
        routes.on(.logoutSubmit, use: logoutForm)
        routes.on(.apiLogin, use: loginJSON)
        routes.on(.apiLogout, use: logoutJSON)
        routes.on(.apiMe, use: me)
    }

    struct LoginInput: Content {
        var username: String?
        var password: String?
        var tiep: String?
    }

    @Sendable
    func loginPage(req: Request) async throws -> Response {
        // An unsafe target is dropped here already, so the form never carries it.
        let next = SafeRedirect.path(try? req.query.get(String.self, at: "tiep"))
        return req.page { LoginPage.render(.init(next: next), context: $0) }
    }

    @Sendable
    func loginForm(req: Request) async throws -> Response {
        let input = try req.content.decode(LoginInput.self)
        do {
            let success = try await SignIn.run(username: input.username ?? "", password: input.password ?? "", visitor: req.visitor, passwords: req.passwords, on: req.db)
            let response = req.redirect(to: SignIn.safeNext(input.tiep), redirectType: .normal)
            setSessionCookie(success.token, on: response, req: req)
            return response
        } catch let error as AppError {
            let model = LoginPage.Model(username: input.username, next: SafeRedirect.path(input.tiep), error: error.messageVI)
            let status = error.status
            let response = req.page({ LoginPage.render(model, context: $0) }, status: status)
            if case .tooManyAttempts(let seconds) = error { response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds)) }
            return response
        }
    }

    @Sendable
    func loginJSON(req: Request) async throws -> Response {
        let input = try req.content.decode(LoginInput.self)
        let success = try await SignIn.run(username: input.username ?? "", password: input.password ?? "", visitor: req.visitor, passwords: req.passwords, on: req.db)
        let userID = try success.user.requireID()
        let me = MeDTO(id: userID, username: success.user.username, displayName: success.user.displayName,
                       assignments: try await AssignmentStore.assignments(of: userID, on: req.db), csrfToken: success.session.csrfToken)
        let response = try await me.encodeResponse(for: req)
        setSessionCookie(success.token, on: response, req: req)
        return response
    }

    @Sendable
    func logoutForm(req: Request) async throws -> Response {
        try await endSession(req)
        let response = req.redirect(to: SiteRoute.home.path, redirectType: .normal)
        let secure = req.application.appConfig.secureCookies
        response.cookies[SessionCookie.name(secure: secure)] = SessionCookie.expired(secure: secure)
        return response
    }

    @Sendable
    func logoutJSON(req: Request) async throws -> Response {
        try await endSession(req)
        let response = Response(status: .noContent)
        let secure = req.application.appConfig.secureCookies
        response.cookies[SessionCookie.name(secure: secure)] = SessionCookie.expired(secure: secure)
        return response
    }

    @Sendable
    func me(req: Request) async throws -> MeDTO {
        let principal = try req.requirePrincipal()
        return MeDTO(id: principal.userID, username: principal.username, displayName: principal.displayName,
                     assignments: principal.policy.assignments, csrfToken: principal.csrfToken)
    }

    /// Signed-out callers have nothing to end; the node forgets cached principals at once.
    private func endSession(_ req: Request) async throws {
        guard req.principal != nil else { return }
        try await SignOut.run(actor: try req.actor(), on: req.db)
        req.application.principalCache?.removeAll()
    }

    private func setSessionCookie(_ token: String, on response: Response, req: Request) {
        let secure = req.application.appConfig.secureCookies
        response.cookies[SessionCookie.name(secure: secure)] = SessionCookie.value(token, secure: secure)
    }
}

enum LoginPage {
    struct Model: Equatable, Sendable {
        var username: String?
        var next: String?
        var error: String?
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let error: HTML = m.error.map { "<div class=\"alert\" role=\"alert\">\($0)</div>" } ?? .empty
        return Layout.page(title: "Đăng nhập", section: .account, context: context, body: """
        <h1>Đăng nhập</h1>
        \(error)
        <form method="post" action="\(SiteRoute.login().path)">\(context.csrfField)
        <input type="hidden" name="tiep" value="\(m.next ?? "")">
        \(Layout.field("Tên đăng nhập", name: "username", value: m.username, error: nil, required: true, attributes: " autocomplete=\"username\" autocapitalize=\"none\""))
        \(Layout.field("Mật khẩu", name: "password", value: nil, error: nil, type: "password", required: true, attributes: " autocomplete=\"current-password\""))
        <button type="submit">Đăng nhập</button>
        </form>
        <p class="muted">Quên mật khẩu? Liên hệ quản trị viên cấp trên để được cấp liên kết đặt lại.</p>
        """)
    }
}
