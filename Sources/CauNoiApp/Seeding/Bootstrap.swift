import Fluent
import Vapor

/// What `serve` and `seed` do before the first request: migrate, then load the reference data.
enum Bootstrap {
    struct Report: Sendable {
        var hierarchy: HierarchySeeder.Report
        var campaignCode: String
    }

    static func prepare(_ app: Application) async throws -> Report {
        try await SQLitePragmas.enableWAL(on: app.db)
        try await app.autoMigrate()
        let hierarchy = try await HierarchySeeder.seed(on: app.db, catalog: try HierarchySeeder.catalog())
        let campaign = try await CampaignSeeder.seedDefault(on: app.db)
        app.logger.info("reference data ready", metadata: [
            "provinces": "\(hierarchy.provinces)", "communes": "\(hierarchy.communes)",
            "inserted": "\(hierarchy.inserted)", "campaign": "\(campaign.code)",
        ])
        return Report(hierarchy: hierarchy, campaignCode: campaign.code)
    }
}
