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
    }

    /// Touches the database, so a node whose database is gone reports it.
    @Sendable
    func health(req: Request) async throws -> Health {
        Health(status: "ok", database: req.application.appConfig.database.engineName,
               provinces: try await OrgUnitQueries.count(level: .province, on: req.db),
               communes: try await OrgUnitQueries.count(level: .commune, on: req.db))
    }
}
