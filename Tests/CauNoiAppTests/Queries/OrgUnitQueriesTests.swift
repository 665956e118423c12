import CauNoiCore
import Foundation
import Testing
import VaporTesting
@testable import CauNoiApp

/// The unit lists: the few columns a page shows are read without building models, and must be what the models say.
@Suite("Org unit queries")
struct OrgUnitQueriesTests {
    @Test("the listed columns are exactly the units list finds, in its order, for every kind of filter", arguments: Engine.enabled)
    func listedMatchesList(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let filters: [OrgUnitQueries.Filter] = [
                .init(text: "ha noi", limit: 100), .init(text: "HOAN KIEM", limit: 100), .init(text: "phúc xá ba đình", limit: 100),
                .init(text: "00070", limit: 100), .init(text: "7", limit: 20), .init(level: .province, limit: 100),
                .init(parent: "01", limit: 500), .init(level: .commune, parent: "79", text: "phuong", limit: 30), .init(limit: 50),
                .init(text: "zzzz", limit: 100),
            ]
            for filter in filters {
                let models = try await OrgUnitQueries.list(filter, on: app.db)
                let listed = try await OrgUnitQueries.listed(filter, on: app.db)
                #expect(listed == models.map { .init(code: $0.id ?? "", name: $0.name, level: $0.level, unitType: $0.unitType, parentCode: $0.parentCode) },
                        "\(filter)")
            }
            #expect(try await OrgUnitQueries.listed(.init(level: .province, limit: 100), on: app.db).count == 34)
            #expect(try await OrgUnitQueries.listed(.init(text: "ha noi", limit: 100), on: app.db).first?.code == "01")
        }
    }

    @Test("the search page shows each unit's kind and its province by name", arguments: Engine.enabled)
    func searchPageRows(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let found = try await UnitListPage.Model.query(text: "hoan kiem", on: app.db)
            #expect(found.rows.first == .init(code: "00070", name: "Phường Hoàn Kiếm", typeName: "Phường", parentName: "Thành phố Hà Nội"))
            let provinces = try await UnitListPage.Model.query(text: nil, on: app.db)
            #expect(provinces.rows.count == 34 && provinces.rows.allSatisfy { $0.parentName == nil && !$0.typeName.isEmpty })
            // By the name without "Thành phố" or "Tỉnh": people look for Hà Nội under H.
            let names = provinces.rows.map(\.name)
            #expect(names == names.sorted { UnitNameMatcher.sortKey($0) < UnitNameMatcher.sortKey($1) })
            let haNoi = try #require(names.firstIndex(of: "Thành phố Hà Nội")), giaLai = try #require(names.firstIndex { $0.hasSuffix("Gia Lai") })
            #expect(giaLai < haNoi)
        }
    }
}
