import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Every campaign, kept by the node between changes (issue 16). Routing a batch needs them all, and reading them
/// through Fluent (their settings JSON decoded) on every batch cost phones' 20-entry batches ~8% of their rate. Whether they
/// changed comes with the batch's own reference read (`References.campaignsGeneration`, raised by triggers on
/// `campaigns`), so a batch never routes by campaigns older than that read — as exact as reading them again.
final class CampaignCatalog: Sendable {
    private struct Held {
        var generation: Int64
        var records: [CampaignRecord]
    }

    private let held = NIOLockedValueBox<Held?>(nil)
    /// Told of every lookup (true: answered from memory), for the node's metrics.
    private let observe: (@Sendable (Bool) -> Void)?

    init(observe: (@Sendable (Bool) -> Void)? = nil) {
        self.observe = observe
    }

    /// The campaigns as of `generation` (newest start first, as `CampaignQueries.all`); read again when the node
    /// holds another generation or none (nil: unknown, always read).
    func campaigns(generation: Int64?, on db: any Database) async throws -> [Campaign] {
        if let generation, let held = held.withLockedValue({ $0 }), held.generation == generation {
            observe?(true)
            return held.records.map { $0.model() }
        }
        observe?(false)
        // Read after the generation was: if a change lands in between, these rows are newer than their tag and the
        // next batch, seeing the raised generation, reads again.
        let campaigns = try await CampaignQueries.all(on: db)
        if let generation, let records = try? campaigns.map(CampaignRecord.init) {
            held.withLockedValue { $0 = Held(generation: generation, records: records) }
        }
        return campaigns
    }
}

extension Application {
    private struct CampaignCatalogKey: StorageKey { typealias Value = CampaignCatalog }

    /// Set once by `configure`.
    var campaignCatalog: CampaignCatalog? {
        get { storage[CampaignCatalogKey.self] }
        set { storage[CampaignCatalogKey.self] = newValue }
    }
}
