import Vapor

/// A literal path called with a method it does not answer gets 405 with its Allow header, even where the router
/// would otherwise hand the request to a parameter route: `PUT /api/v1/volunteers/import` is not
/// `PUT /api/v1/volunteers/{id}` with the id "import".
struct LiteralPathMethodMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let allowed = request.application.routeMethods?.literalAllowed(for: request.url.path), !allowed.isEmpty,
           !allowed.contains(request.method.rawValue) {
            throw AppError.methodNotAllowed(allowed: allowed)
        }
        return try await next.respond(to: request)
    }
}
