import Fluent
import SQLKit
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Every campaign, kept by the node between changes (issue 16). Routing a batch needs them all, and reading them
/// through Fluent (their settings JSON decoded) on every batch cost phones' 20-entry batches ~8% of their rate.
/// Held campaigns are tagged with the generation they were read at (raised by triggers on `campaigns`, whoever
/// changes them: this node, another, the CLI). The group commit reads the generation in the same transaction as it
/// stores (`References.campaignsGeneration`) and stores nothing of a batch routed by an older one: the batch is routed
/// again by the campaigns read anew (`RecordBatch`). Entries refused before reaching the writer are confirmed the
/// same way (`isCurrent`). Every answer is thus as exact as reading the campaigns in the writer's transaction.
final class CampaignCatalog: Sendable {
    /// Campaigns and the generation they were read at (nil: the database has none; never held).
    struct Snapshot: Sendable {
        var campaigns: [Campaign]
        var generation: Int64?
    }

    /// A batch was routed by campaigns that have changed since (`SupportEntryIngest.ingest`); route it again.
    struct Changed: Error {}

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

    /// The campaigns (newest start first, as `CampaignQueries.all`) held by the node, or read when it holds none.
    func current(on db: any Database) async throws -> Snapshot {
        if let held = held.withLockedValue({ $0 }) {
            observe?(true)
            return Snapshot(campaigns: held.records.map { $0.model() }, generation: held.generation)
        }
        observe?(false)
        // The generation first: if a change lands in between, these rows are newer than their tag, and the next check
        // finds the raised generation and reads again.
        let generation = try await Self.generation(on: db)
        let campaigns = try await CampaignQueries.all(on: db)
        if let generation, let records = try? campaigns.map(CampaignRecord.init) {
            held.withLockedValue { $0 = Held(generation: generation, records: records) }
        }
        return Snapshot(campaigns: campaigns, generation: generation)
    }

    /// Drops what the node holds: the next `current` reads again.
    func forget() {
        held.withLockedValue { $0 = nil }
    }

    /// Whether `snapshot`'s campaigns are still the database's.
    func isCurrent(_ snapshot: Snapshot, on db: any Database) async throws -> Bool {
        guard let generation = snapshot.generation else { return true }  // read in this request
        return try await Self.generation(on: db) == generation
    }

    private static func generation(on db: any Database) async throws -> Int64? {
        try await db.sql.raw("SELECT generation FROM cache_generations WHERE name = 'campaigns'").first()?
            .decode(column: "generation", as: Int64.self)
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
