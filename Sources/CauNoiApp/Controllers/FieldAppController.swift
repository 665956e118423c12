import Foundation
import Vapor

/// Serves the offline field app (a PWA) from the package's resources, read once at start-up.
struct FieldAppController: RouteCollection {
    struct Asset: Sendable {
        var data: Data
        var contentType: HTTPMediaType
    }

    static let files: [String: HTTPMediaType] = [
        "index.html": .html,
        "app.js": HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"]),
        "app.css": HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"]),
        "sw.js": HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"]),
        "manifest.webmanifest": HTTPMediaType(type: "application", subType: "manifest+json"),
        "icon.svg": HTTPMediaType(type: "image", subType: "svg+xml"),
    ]

    static let assets: [String: Asset] = {
        guard let base = Bundle.module.resourceURL?.appendingPathComponent("field") else { return [:] }
        var out: [String: Asset] = [:]
        for (name, type) in files {
            if let data = try? Data(contentsOf: base.appendingPathComponent(name)) { out[name] = Asset(data: data, contentType: type) }
        }
        return out
    }()

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.fieldApp, use: index)
        routes.on(.fieldAppFile, use: file)
    }

    /// The router ignores a trailing slash, but the service worker's scope is `/field/`: send `/field` there.
    @Sendable
    func index(req: Request) async throws -> Response {
        guard req.url.path.hasSuffix("/") else { return req.redirect(to: "/field/", redirectType: .permanent) }
        return try serve("index.html", req: req)
    }

    @Sendable
    func file(req: Request) async throws -> Response {
        try serve(req.parameters.get("file") ?? "", req: req)
    }

    /// The service worker decides what is cached; the network copy is always revalidated.
    private func serve(_ name: String, req: Request) throws -> Response {
        guard let asset = Self.assets[name] else { throw Abort(.notFound) }
        var headers = HTTPHeaders()
        headers.contentType = asset.contentType
        headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        if name == "sw.js" { headers.replaceOrAdd(name: "Service-Worker-Allowed", value: "/field/") }
        return Response(status: .ok, headers: headers, body: .init(data: asset.data))
    }
}
