import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CauNoiApp

@Suite("Seeding and storage")
struct SeedingAndStorageTests {
    @Test("seeding again adds nothing and keeps admins' edits", arguments: Engine.enabled)
    func reseed(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let unit = try #require(try await OrgUnit.find("00070", on: app.db))
            unit.isBorder = true
            try await unit.save(on: app.db)
            let report = try await HierarchySeeder.seed(on: app.db, catalog: try HierarchySeeder.catalog())
            #expect(report == .init(provinces: 34, communes: 3_321, inserted: 0))
            #expect(try await OrgUnit.find("00070", on: app.db)?.isBorder == true)
            let campaign = try await CampaignSeeder.seedDefault(on: app.db)
            #expect(try await Campaign.query(on: app.db).count() == 1)
            #expect(campaign.settings.categories.count == 11)
            #expect(campaign.settings.requiredCourses.map(\.name) == ["Bình dân học vụ số", "Thanh niên tình nguyện hỗ trợ chính quyền địa phương 2 cấp"])
        }
    }

    @Test("SQLite runs in WAL mode")
    func walMode() async throws {
        try await withCauNoi(.sqlite) { app in
            let mode = try await SQLitePragmas.journalMode(on: app.db)
            #expect(mode == "wal")
        }
    }

    @Test("every province's communes point at it", arguments: Engine.enabled)
    func hierarchyShape(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let orphans = try await app.db.sql.raw("""
                SELECT COUNT(*) AS n FROM org_units c LEFT JOIN org_units p ON p.code = c.parent_code
                WHERE c.level = 'commune' AND (p.level IS NULL OR p.level <> 'province' OR c.province_code <> p.code)
                """).first()?.decode(column: "n", as: Int.self)
            #expect(orphans == 0)
            let hcm = try await OrgUnit.query(on: app.db).filter(\.$parentCode == "79").count()
            #expect(hcm == 168)
        }
    }
}
