import Foundation
import Vapor

struct OpenAPIController: RouteCollection {
    /// Read once: the document is a build resource and never changes while running.
    static let document: Data? = Bundle.module.url(forResource: "openapi", withExtension: "json")
        .flatMap { try? Data(contentsOf: $0) }

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.openAPI, use: serve)
    }

    @Sendable
    func serve(req: Request) async throws -> Response {
        guard let data = Self.document else { throw AppError.server }
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
