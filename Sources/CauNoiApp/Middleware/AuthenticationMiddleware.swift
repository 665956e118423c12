import Vapor

/// Identifies the caller from a bearer token or the session cookie. It never refuses on its own
/// (public pages stay public); routes that need a user call `requirePrincipal`.
struct AuthenticationMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Static files need no identity; skipping them saves a session lookup (and write) per stylesheet or app file.
        let path = request.url.path
        if path.hasPrefix("/assets/") || (path.hasPrefix("/field/") && path != "/field/") {
            return try await next.respond(to: request)
        }
        let config = request.application.appConfig
        let now = config.now()
        var clearCookie = false
        let cache = request.application.principalCache
        if let bearer = request.headers.bearerAuthorization {
            let hash = Secrets.hash(bearer.token)
            if let principal = cache?.principal(for: hash, now: now) {
                request.auth.login(principal)
            } else if let (principal, expiresAt) = try await TokenStore.authenticate(token: bearer.token, now: now, on: request.db) {
                cache?.store(principal, for: hash, expiresAt: expiresAt)
                request.auth.login(principal)
            } else {
                throw AppError.forbidden(vi: "Mã truy cập (token) không hợp lệ, đã hết hạn hoặc đã bị thu hồi.",
                                         en: "The API token is invalid, expired or revoked.")
            }
        } else if let cookie = request.cookies[SessionCookie.name(secure: config.secureCookies)], !cookie.string.isEmpty {
            let hash = Secrets.hash(cookie.string)
            if let principal = cache?.principal(for: hash, now: now) {
                request.auth.login(principal)
            } else if let principal = try await SessionStore.authenticate(token: cookie.string, now: now, on: request.db) {
                cache?.store(principal, for: hash)
                request.auth.login(principal)
            } else {
                clearCookie = true
            }
        }
        let response = try await next.respond(to: request)
        if clearCookie, response.cookies[SessionCookie.name(secure: config.secureCookies)] == nil {
            response.cookies[SessionCookie.name(secure: config.secureCookies)] = SessionCookie.expired(secure: config.secureCookies)
        }
        return response
    }
}
