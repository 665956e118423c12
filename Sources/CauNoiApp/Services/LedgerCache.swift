import CauNoiCore
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Ledger-backed rollup figures remembered per app node, each tagged with the campaign's ledger
/// generation it was read at. A read first asks the database for the current generation (one
/// primary-key lookup) and reuses the figures only if nothing was written since, so a new entry
/// still shows at once, on every node.
final class LedgerCache: Sendable {
    struct Key: Hashable, Sendable {
        var campaignID: UUID
        var unit: RollupQueries.Unit
        var range: DateRange
        var byChild: Bool
    }

    private let entries = NIOLockedValueBox<[Key: (generation: Int, figures: [String: RollupFigures])]>([:])
    private let capacity: Int
    /// Where the generation itself may be remembered for a moment (see `ReadCache` for freshness).
    private let reads: ReadCache?

    private let observe: (@Sendable (Bool) -> Void)?

    init(capacity: Int = 2_048, reads: ReadCache? = nil, observe: (@Sendable (Bool) -> Void)? = nil) {
        self.capacity = capacity
        self.reads = reads
        self.observe = observe
    }

    func generation(campaignID: UUID, load: @escaping @Sendable () async throws -> Int) async throws -> Int {
        guard let reads else { return try await load() }
        return try await reads.value(.ledgerGeneration(campaign: campaignID), load: load)
    }

    func figures(_ key: Key, generation: Int) -> [String: RollupFigures]? {
        let figures = entries.withLockedValue { stored -> [String: RollupFigures]? in
            guard let hit = stored[key], hit.generation == generation else { return nil }
            return hit.figures
        }
        observe?(figures != nil)
        return figures
    }

    func store(_ figures: [String: RollupFigures], for key: Key, generation: Int) {
        entries.withLockedValue { stored in
            // Old generations are useless; dropping everything when full is simpler than LRU and rarely happens.
            if stored.count >= capacity { stored.removeAll(keepingCapacity: true) }
            stored[key] = (generation, figures)
        }
    }
}

extension Application {
    private struct LedgerCacheKey: StorageKey { typealias Value = LedgerCache }

    /// Set once by `configure`.
    var ledgerCache: LedgerCache? {
        get { storage[LedgerCacheKey.self] }
        set { storage[LedgerCacheKey.self] = newValue }
    }
}
