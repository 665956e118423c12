import CauNoiCore
import Fluent
import Foundation
import Testing
import Vapor
@testable import CauNoiApp

@Suite("Nodes that start together on one PostgreSQL migrate and seed once")
struct StartupLockTests {
    @Test("two nodes starting at once on an empty database both come up; the schema and the reference data exist once",
          .enabled(if: Engine.enabled.contains(.postgres)))
    func twoNodesStartTogether() async throws {
        let database = try await TestDatabases.shared.makeEmpty(.postgres)
        func node() async throws -> Int {
            let app = try await Application.make(.testing)
            do {
                try await configure(app, testConfig(database, migrate: true))
                let communes = try await OrgUnitQueries.count(level: .commune, on: app.db)
                try await app.asyncShutdown()
                return communes
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
        }
        async let first = node()
        async let second = node()
        #expect(try await [first, second] == [3_321, 3_321])
        let app = try await Application.make(.testing)
        try await configure(app, testConfig(database, migrate: false))
        let applied = try await app.db.sql.raw("SELECT COUNT(*) AS n FROM _fluent_migrations").first()?.decode(column: "n", as: Int.self)
        let campaigns = try await Campaign.query(on: app.db).count()
        try await app.asyncShutdown()
        #expect(applied == AppMigrations.all.count && campaigns == 1)
        await TestDatabases.shared.drop(database)
    }
}
