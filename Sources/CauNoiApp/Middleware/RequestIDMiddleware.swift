import Vapor

/// Echoes Vapor's per-request id so a user can quote it and an operator can find the log lines.
struct RequestIDMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "X-Request-ID", value: request.id)
        return response
    }
}
