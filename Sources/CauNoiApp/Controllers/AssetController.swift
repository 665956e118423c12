import Vapor

struct AssetController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.stylesheet, use: stylesheet)
    }

    @Sendable
    func stylesheet(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=86400")
        return Response(status: .ok, headers: headers, body: .init(string: Stylesheet.css))
    }
}
