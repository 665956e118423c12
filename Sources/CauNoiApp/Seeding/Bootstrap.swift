import Fluent
import Vapor

/// What `serve` and `seed` do before the first request: migrate, then load the reference data.
enum Bootstrap {
    struct Report: Sendable {
        var hierarchy: HierarchySeeder.Report
        var campaignCode: String
    }

    static func prepare(_ app: Application, offerSetupLink: Bool = true) async throws -> Report {
        try await SQLitePragmas.enableWAL(on: app.db)
        // One node at a time: two nodes migrating or seeding one database at once would collide.
        let (hierarchy, campaign) = try await StartupLock.held(on: app.db) { () async throws -> (HierarchySeeder.Report, Campaign) in
            try await app.autoMigrate()
            let rebuilt = try await RollupLedgerStore.rebuildMissing(on: app.db)
            if !rebuilt.isEmpty { app.logger.notice("rollup ledger rebuilt from stored entries", metadata: ["campaigns": "\(rebuilt)"]) }
            return (try await HierarchySeeder.seed(on: app.db, catalog: try HierarchySeeder.catalog()),
                    try await CampaignSeeder.seedDefault(on: app.db))
        }
        app.logger.info("reference data ready", metadata: [
            "provinces": "\(hierarchy.provinces)", "communes": "\(hierarchy.communes)",
            "inserted": "\(hierarchy.inserted)", "campaign": "\(campaign.code)",
        ])
        if offerSetupLink, let link = try await SetupLinks.firstAdminLinkIfNeeded(app) {
            // Printed, not logged with metadata: this is the one way in on a fresh install.
            app.logger.notice("Chưa có tài khoản nào. Mở liên kết sau (dùng một lần, hết hạn sau 24 giờ) để tạo quản trị viên Trung ương đầu tiên: \(link)")
        }
        return Report(hierarchy: hierarchy, campaignCode: campaign.code)
    }
}
