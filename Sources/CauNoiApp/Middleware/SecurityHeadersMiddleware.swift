import Vapor

/// Baseline headers for every response; pages carry no inline script, so the policy can forbid it.
///
/// Also: `Cache-Control: no-store` on every API answer and every answer to a signed-in user
/// (they may hold personal data; shared caches and the browser's back button must not keep them),
/// HSTS when the public URL is https, and a last guard against header splitting: a header with CR, LF or
/// NUL is dropped before it reaches the wire. (A method a path lacks, TRACE included, answers 405 through
/// `RouteMethods`.)
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        var headers: [(String, String)] = [
            ("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"),
        ]
        if request.url.path.hasPrefix("/api/") || request.principal != nil {
            headers.append(("Cache-Control", "no-store"))
        }
        if request.application.appConfig.secureCookies {
            headers.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))
        }
        for (name, value) in headers where !response.headers.contains(name: name) {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        Self.dropSplitHeaders(response, logger: request.logger)
        return response
    }

    static func dropSplitHeaders(_ response: Response, logger: Logger) {
        // Runs on every response: a byte scan, no allocation unless something is found.
        func splits(_ text: String) -> Bool { text.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 } }
        guard response.headers.contains(where: { splits($0.name) || splits($0.value) }) else { return }
        for (name, value) in response.headers where splits(name) || splits(value) {
            response.headers.remove(name: name)
            logger.error("dropped a response header holding a line break", metadata: ["header": "\(name)"])
        }
    }
}
