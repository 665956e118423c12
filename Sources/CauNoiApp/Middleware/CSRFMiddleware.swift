import Vapor

/// Cross-site request forgery guard for state-changing requests that ride on a cookie.
///
/// - Signed in by session: the `_csrf` form field or `X-CSRF-Token` header must equal the session's token.
/// - Not signed in, posting a form (login, first set-up): double submit, the field must equal the
///   `caunoi_csrf` cookie set when the form was shown.
/// - Bearer tokens are not sent by browsers on their own, so they need no token.
struct CSRFMiddleware: AsyncMiddleware {
    static let formField = "_csrf"
    static let header = "X-CSRF-Token"
    static let preSessionCookie = "caunoi_csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard ![.GET, .HEAD, .OPTIONS].contains(request.method), request.headers.bearerAuthorization == nil else {
            return try await next.respond(to: request)
        }
        let expected: String?
        if let principal = request.principal {
            expected = principal.csrfToken
        } else if Self.isForm(request) {
            expected = request.cookies[Self.preSessionCookie]?.string
        } else {
            return try await next.respond(to: request)
        }
        if Self.isForm(request), request.body.data == nil {
            // Middleware runs before the route collects the body; forms are small, uploads at most a few MB.
            _ = try await request.body.collect(max: Self.maxFormBytes).get()
        }
        let sent = request.headers.first(name: Self.header)
            ?? (Self.isForm(request) ? try? request.content.get(String.self, at: Self.formField) : nil)
        guard let expected, !expected.isEmpty, let sent, Secrets.constantTimeEquals(expected, sent) else {
            try? await Audit.recordAlone(request.auditEvent("csrf_rejected", nil, nil, outcome: .denied,
                                                            detail: "\(request.method) \(request.url.path)"), on: request.db)
            throw AppError.forbidden(
                vi: "Phiên làm việc của biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy tải lại trang và thử lại.",
                en: "Missing or invalid CSRF token. Reload the page and try again.")
        }
        return try await next.respond(to: request)
    }

    static let maxFormBytes = 8 * 1024 * 1024

    static func isForm(_ request: Request) -> Bool {
        request.headers.contentType == .urlEncodedForm || request.headers.contentType?.subType == "form-data"
    }

    /// The token a page embeds in its forms, creating the pre-session cookie when nobody is signed in.
    static func token(for request: Request) -> (token: String, cookie: HTTPCookies.Value?) {
        if let csrf = request.principal?.csrfToken { return (csrf, nil) }
        if let existing = request.cookies[preSessionCookie]?.string, !existing.isEmpty { return (existing, nil) }
        let fresh = Secrets.token()
        let secure = request.application.appConfig.secureCookies
        return (fresh, HTTPCookies.Value(string: fresh, expires: nil, maxAge: 3600, domain: nil, path: "/",
                                         isSecure: secure, isHTTPOnly: true, sameSite: .strict))
    }
}
