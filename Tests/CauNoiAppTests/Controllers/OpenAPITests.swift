import Foundation
import Testing
import VaporTesting
@testable import CauNoiApp

@Suite("OpenAPI document")
struct OpenAPITests {
    /// The document must list exactly the JSON routes the server registers: no more, no fewer.
    @Test("documents every API route and nothing else", arguments: [Engine.sqlite])
    func matchesRoutes(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let res = try await app.send(.GET, "openapi.json")
            #expect(res.status == .ok)
            let doc = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]
            #expect(doc?["openapi"] as? String == "3.0.3")
            let paths = try #require(doc?["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, operations) in paths {
                for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
            }
            let registered = Set(app.routes.all.compactMap { route -> String? in
                let path = "/" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
                guard path.hasPrefix("/api/") || path == "/healthz" || path == "/openapi.json" else { return nil }
                return "\(route.method.rawValue) \(path)"
            })
            #expect(documented == registered, "only documented: \(documented.subtracting(registered)); only served: \(registered.subtracting(documented))")
        }
    }

    /// Every answer the suite receives is checked (`Application.send`); this proves the check bites.
    @Test("an undocumented field, a wrong type or an undocumented status is caught")
    func conformanceCheckBites() throws {
        let health = #"{"status":"ok","database":"sqlite","provinces":34,"communes":3321}"#
        let clean = OpenAPIConformance.problems(method: .GET, path: "healthz", status: .ok, contentType: "application/json", body: Data(health.utf8))
        let extra = health.replacingOccurrences(of: "}", with: #","secret":1}"#)
        let added = OpenAPIConformance.problems(method: .GET, path: "healthz", status: .ok, contentType: "application/json", body: Data(extra.utf8))
        let typed = OpenAPIConformance.problems(method: .GET, path: "healthz", status: .ok, contentType: "application/json",
                                                body: Data(health.replacingOccurrences(of: "34", with: #""34""#).utf8))
        let status = OpenAPIConformance.problems(method: .GET, path: "healthz", status: .paymentRequired, contentType: nil, body: Data())
        #expect(clean.isEmpty, "\(clean)")
        #expect(added.contains { $0.contains("secret: not documented") }, "\(added)")
        #expect(typed.contains { $0.contains("provinces: expected an integer") }, "\(typed)")
        #expect(status.contains { $0.contains("status not documented") }, "\(status)")
    }
}
