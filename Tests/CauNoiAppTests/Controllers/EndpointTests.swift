import Foundation
import Testing
import VaporTesting
@testable import CauNoiApp

@Suite("Endpoints: one list registers routes and builds links")
struct EndpointTests {
    @Test("the server registers exactly the endpoints, no more and no fewer", arguments: [Engine.sqlite])
    func registeredEqualsEndpoints(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let registered = Set(app.routes.all.map { "\($0.method.rawValue) /" + $0.path.map(\.description).joined(separator: "/") })
            let listed = Set(Endpoint.allCases.map { "\($0.method.rawValue) \($0.spec.pattern)" })
            #expect(registered == listed, "only registered: \(registered.subtracting(listed)); only listed: \(listed.subtracting(registered))")
        }
    }

    @Test("links fill parameters in order and encode them")
    func links() {
        let id = UUID(uuidString: "01912345-0000-7000-8000-000000000001")!
        #expect(Endpoint.apiTeamLeave.path(id.uuidString.lowercased(), "v 1") == "/api/v1/teams/01912345-0000-7000-8000-000000000001/members/v%201/end")
        #expect(Endpoint.home.path() == "/")
        #expect(SiteRoute.teamNew(commune: "00070").path == "/doi-hinh/moi?xa=00070")
        #expect(SiteRoute.rollupCSV(campaign: "he-2025", unit: "01", week: "2025-08-07").path
                == "/api/v1/reports/rollup.csv?campaign=he-2025&unit=01&week=2025-08-07")
        #expect(SiteRoute.campaign("he-2025").path == "/chien-dich/he-2025")
        #expect(SiteRoute.fieldApp.path == "/field/")
    }
}
