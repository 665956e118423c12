import Fluent
import Foundation
import NIOConcurrencyHelpers

/// Ledger changes held back to the end of a write transaction, so that the batches of one group commit
/// (`GroupCommit`, issue 16) share one `RollupLedgerStore.record` per campaign: batches of the same teams,
/// communes and weeks read and upsert their presence rows and counters once, not once each.
final class PendingLedger: Sendable {
    private struct CampaignKey: Hashable {
        let id: UUID
        let weekStartsOn: Int
    }

    private let held = NIOLockedValueBox([CampaignKey: [RollupLedgerStore.Change]]())

    init() {}

    func add(_ changes: [RollupLedgerStore.Change], campaignID: UUID, weekStartsOn: Int) {
        guard !changes.isEmpty else { return }
        held.withLockedValue { $0[CampaignKey(id: campaignID, weekStartsOn: weekStartsOn), default: []] += changes }
    }

    /// Takes over another piece's changes (a piece whose savepoint was released).
    func absorb(_ other: PendingLedger) {
        let taken = other.held.withLockedValue { held in defer { held = [:] }; return held }
        held.withLockedValue { mine in
            for (key, changes) in taken { mine[key, default: []] += changes }
        }
    }

    /// Writes everything held, inside the caller's write transaction, and forgets it.
    func record(on db: any Database) async throws {
        let taken = held.withLockedValue { held in defer { held = [:] }; return held }
        for (key, changes) in taken.sorted(by: { $0.key.id.uuidString < $1.key.id.uuidString }) {
            try await RollupLedgerStore.record(changes, campaignID: key.id, weekStartsOn: key.weekStartsOn, on: db)
        }
    }
}
