import Vapor

/// Identifies the caller from a bearer token or the session cookie. It never refuses on its own
/// (public pages stay public); routes that need a user call `requirePrincipal`.
struct AuthenticationMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Static files need no identity; skipping them saves a session lookup (and write) per stylesheet or app file.
        if request.isStaticFile { return try await next.respond(to: request) }
        let config = request.application.appConfig
        let now = config.now()
        var clearCookie = false
        let cache = request.application.principalCache
        let trusted = request.application.cacheSync?.principalsTrusted ?? false
        let db = request.db
        if let bearer = request.headers.bearerAuthorization {
            let token = bearer.token
            let load: @Sendable () async throws -> (principal: Principal, expiresAt: Date?)? = {
                try await TokenStore.authenticate(token: token, now: now, on: db).map { ($0.0, $0.1) }
            }
            let principal = try await Self.principal(Secrets.hash(token), now: now, cache: cache, trusted: trusted, load: load)
            guard let principal else {
                throw AppError.forbidden(vi: "Mã truy cập (token) không hợp lệ, đã hết hạn hoặc đã bị thu hồi.",
                                         en: "The API token is invalid, expired or revoked.")
            }
            request.auth.login(principal)
        } else if let cookie = request.cookies[SessionCookie.name(secure: config.secureCookies)], !cookie.string.isEmpty {
            let token = cookie.string
            let load: @Sendable () async throws -> (principal: Principal, expiresAt: Date?)? = {
                try await SessionStore.authenticate(token: token, now: now, on: db).map { ($0.principal, $0.endsAt) }
            }
            if let principal = try await Self.principal(Secrets.hash(token), now: now, cache: cache, trusted: trusted, load: load) {
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

    private static func principal(_ hash: String, now: Date, cache: PrincipalCache?, trusted: Bool,
                                  load: @escaping @Sendable () async throws -> (principal: Principal, expiresAt: Date?)?) async throws -> Principal? {
        guard let cache else { return try await load()?.principal }
        return try await cache.principal(for: hash, now: now, trusted: trusted, load: load)
    }
}

extension Request {
    /// The stylesheet, scripts and the field app's files, served from memory: no identity, no database, no deadline.
    var isStaticFile: Bool {
        let path = url.path
        return path.hasPrefix("/assets/") || (path.hasPrefix("/field/") && path != "/field/")
    }
}
