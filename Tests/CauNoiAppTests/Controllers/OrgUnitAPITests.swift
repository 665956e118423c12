import Foundation
import Testing
import VaporTesting
@testable import CauNoiApp

@Suite("Org units API and hierarchy")
struct OrgUnitAPITests {
    @Test("the real 2025 hierarchy is loaded", arguments: Engine.enabled)
    func hierarchyLoaded(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let res = try await app.send(.GET, "healthz")
            #expect(res.status == .ok)
            let health = try res.content.decode(HealthController.Health.self)
            #expect(health == .init(status: "ok", database: engine.rawValue, provinces: 34, communes: 3_321))

            let hanoi = try await app.send(.GET, "api/v1/org-units?level=commune&parent=01&limit=500").content.decode(OrgUnitListDTO.self)
            #expect(hanoi.count == 126)
            #expect(hanoi.items.allSatisfy { $0.parentCode == "01" && $0.level == "commune" })
        }
    }

    @Test("search folds diacritics, case and Unicode normalisation", arguments: Engine.enabled)
    func searchFolding(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let nfd = "Ha\u{0300} No\u{0323}\u{0302}i"
            for query in ["ha noi", "HÀ NỘI", nfd, "Hà Nội"] {
                let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let list = try await app.send(.GET, "api/v1/org-units?level=province&q=\(encoded)").content.decode(OrgUnitListDTO.self)
                #expect(list.items.map(\.code) == ["01"], "query \(query.unicodeScalars.map { String($0.value, radix: 16) })")
            }
            let kiem = try await app.send(.GET, "api/v1/org-units?q=hoan%20kiem").content.decode(OrgUnitListDTO.self)
            #expect(kiem.items.contains { $0.code == "00070" && $0.name == "Phường Hoàn Kiếm" })
            let byCode = try await app.send(.GET, "api/v1/org-units?q=00070").content.decode(OrgUnitListDTO.self)
            #expect(byCode.items.first?.code == "00070")
        }
    }

    @Test("a special zone is an island and cannot be unset", arguments: Engine.enabled)
    func specialZones(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let list = try await app.send(.GET, "api/v1/org-units?q=dac%20khu&level=commune&limit=100").content.decode(OrgUnitListDTO.self)
            let zones = list.items.filter { $0.type == "dac_khu" }
            #expect(zones.count == 13)
            #expect(zones.allSatisfy { $0.attributes.isIsland })
            let code = try #require(zones.first?.code)
            let res = try await app.send(.PATCH, "api/v1/org-units/\(code)", json: ["is_island": false])
            #expect(res.status == .unprocessableEntity)
            #expect(res.body.string.contains("is_island"))
            let after = try await app.send(.GET, "api/v1/org-units/\(code)").content.decode(OrgUnitDTO.self)
            #expect(after.attributes.isIsland)
        }
    }

    @Test("admins set attributes; bad ones change nothing", arguments: Engine.enabled)
    func attributes(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let ok = try await app.send(.PATCH, "api/v1/org-units/00070", json: [
                "is_border": AnyEncodable(true), "languages": AnyEncodable(["vi", "hmong"]),
                "service_centre_address": AnyEncodable("12 Lê Lai"), "hotline": AnyEncodable("024 3825 1234"),
            ])
            #expect(ok.status == .ok)
            let unit = try ok.content.decode(OrgUnitDTO.self)
            #expect(unit.attributes.isBorder && unit.attributes.languages == ["hmong", "vi"])
            #expect(unit.attributes.hotline == "02438251234")

            let bad = try await app.send(.PATCH, "api/v1/org-units/00070", json: [
                "is_remote": AnyEncodable(true), "languages": AnyEncodable(["klingon"]),
            ])
            #expect(bad.status == .unprocessableEntity)
            let body = try bad.content.decode(APIErrorBody.self)
            #expect(body.error.fields.map(\.field) == ["languages[0]"])
            let after = try await app.send(.GET, "api/v1/org-units/00070").content.decode(OrgUnitDTO.self)
            #expect(after.attributes.isRemote == false)
        }
    }

    @Test("unknown codes and bad filters get precise errors", arguments: Engine.enabled)
    func badInput(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let missing = try await app.send(.GET, "api/v1/org-units/99999")
            #expect(missing.status == .notFound)
            #expect(try missing.content.decode(APIErrorBody.self).error.message.contains("99999"))
            let level = try await app.send(.GET, "api/v1/org-units?level=district")
            #expect(level.status == .unprocessableEntity)
            #expect(try level.content.decode(APIErrorBody.self).error.fields.first?.field == "level")
            let limit = try await app.send(.GET, "api/v1/org-units?limit=abc")
            #expect(limit.status == .unprocessableEntity)
            #expect(try limit.content.decode(APIErrorBody.self).error.fields.first?.field == "limit")
            let parent = try await app.send(.GET, "api/v1/org-units?parent=77")
            #expect(parent.status == .notFound)
        }
    }
}
