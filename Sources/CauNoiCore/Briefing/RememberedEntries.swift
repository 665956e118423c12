import Foundation

/// What a node keeps in memory of the entries it has just committed with a pending mark, so that the rollup ledger can
/// count them without reading them back (issue 16). Only a cache: an entry not found here is read from the database.
///
/// The ledger counts pending marks oldest first, so when the cache is full it keeps what it holds (counted next) and
/// refuses newer entries, which are read back when their turn comes. (Emptying it when full, as before, threw away
/// exactly the entries about to be counted: under a burst of 60,000 entries on PostgreSQL most were read back.)
/// Entries are held in generations of `span`; a generation older than `staleAfter` is dropped when room is needed,
/// since its entries were most likely counted elsewhere (another node, a rebuild) and would otherwise fill the cache
/// for good.
public struct RememberedEntries: Sendable {
    public typealias Instant = ContinuousClock.Instant

    private struct Generation: Sendable {
        let started: Instant
        var entries: [UUID: RollupLedger.Entry] = [:]
    }

    public let capacity: Int
    public let span: Duration
    public let staleAfter: Duration
    /// Oldest first.
    private var generations: [Generation] = []
    /// Entries held over all generations.
    public private(set) var count = 0

    public init(capacity: Int, span: Duration = .seconds(1), staleAfter: Duration = .seconds(60)) {
        self.capacity = capacity
        self.span = span
        self.staleAfter = staleAfter
    }

    /// Keeps `entries` unless there is no room for all of them; returns whether they were kept.
    @discardableResult
    public mutating func add(_ entries: [(UUID, RollupLedger.Entry)], at now: Instant) -> Bool {
        guard !entries.isEmpty else { return true }
        while count + entries.count > capacity, let oldest = generations.first, now - oldest.started > staleAfter {
            count -= oldest.entries.count
            generations.removeFirst()
        }
        guard count + entries.count <= capacity else { return false }
        if generations.last.map({ now - $0.started >= span }) ?? true { generations.append(Generation(started: now)) }
        let last = generations.count - 1
        for (id, entry) in entries where generations[last].entries.updateValue(entry, forKey: id) == nil {
            count += 1
        }
        return true
    }

    /// Removes and returns the held entries among `ids`.
    public mutating func take(_ ids: [UUID]) -> [UUID: RollupLedger.Entry] {
        var out: [UUID: RollupLedger.Entry] = [:]
        guard count > 0 else { return out }
        for id in ids {
            for index in generations.indices {
                if let entry = generations[index].entries.removeValue(forKey: id) {
                    out[id] = entry
                    count -= 1
                    break
                }
            }
        }
        generations.removeAll { $0.entries.isEmpty }
        return out
    }
}
