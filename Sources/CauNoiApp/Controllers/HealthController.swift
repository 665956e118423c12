import Fluent
import Vapor

struct HealthController: RouteCollection {
    struct Health: Content, Equatable {
        var status: String
        var database: String
        var provinces: Int
        var communes: Int
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.health, use: health)
        routes.on(.metrics, use: metrics)
    }

    /// Prometheus text format, for the addresses the operator allows (`CAUNOI_METRICS_ALLOW`; loopback by default).
    /// Behind a trusted proxy the client's own address counts, so the public cannot read it through nginx.
    @Sendable
    func metrics(req: Request) async throws -> Response {
        guard req.application.appConfig.metricsAllowed.contains(req.clientIP) else {
            throw AppError.noPermission
        }
        let text = try await req.application.metrics.scrape(today: req.today, now: req.application.appConfig.now(), on: req.db)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        headers.cacheControl = .init(noStore: true)
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    /// Touches the database, so a node whose database is gone reports it.
    @Sendable
    func health(req: Request) async throws -> Health {
        Health(status: "ok", database: req.application.appConfig.database.engineName,
               provinces: try await OrgUnitQueries.count(level: .province, on: req.db),
               communes: try await OrgUnitQueries.count(level: .commune, on: req.db))
    }
}
