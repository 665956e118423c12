import Fluent
import FluentPostgresDriver
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Keeps a node's caches true to writes made on other nodes or by the CLI.
///
/// - Who a credential belongs to (`PrincipalCache`) is trusted only while this node has read the database's
///   "principals" generation within `trustWindow`: the generation is raised by triggers whenever a session ends,
///   a token is revoked, a user is disabled or a role changes, and the node reads it every `pollInterval`,
///   emptying its principal cache when it moved. If the reads stop (the database is away, the node is starved),
///   the cache is bypassed after `trustWindow`, so a revoked token never works anywhere for longer than that.
/// - On PostgreSQL the same triggers NOTIFY at commit, and nodes NOTIFY each other (at most every 100 ms) after
///   their own write requests, so caches empty within milliseconds; the poll is the fallback. A listener that
///   falls silent (the generation moved and no notification came for `trustWindow`) is reconnected, and after any
///   reconnect everything is emptied, since notifications sent meanwhile are lost.
final class CacheSync: Sendable {
    static let channel = "caunoi_cache"

    private struct State {
        var principals: Int64?
        var checkedAt: ContinuousClock.Instant?
        /// The highest principals generation the listener delivered, and since when the poll has seen a higher one.
        var heard: Int64 = 0
        var behindSince: ContinuousClock.Instant?
        var listening = false
        var readsDirty = false
    }

    /// Random per process: a node ignores its own "reads" notifications.
    let node = String(UUID().uuidString.prefix(8)).lowercased()
    let pollInterval: Duration
    let trustWindow: Duration
    private let clock = ContinuousClock()
    private let state = NIOLockedValueBox(State())
    private let principalCache: PrincipalCache
    private let readCache: ReadCache

    init(principals: PrincipalCache, reads: ReadCache, pollInterval: Duration = .milliseconds(250), trustWindow: Duration = .seconds(1)) {
        self.principalCache = principals
        self.readCache = reads
        self.pollInterval = pollInterval
        self.trustWindow = trustWindow
    }

    /// Whether remembered principals may be used now.
    var principalsTrusted: Bool {
        let now = clock.now
        return state.withLockedValue { $0.checkedAt.map { now - $0 < trustWindow } ?? false }
    }

    /// Whether the PostgreSQL listener is connected and listening.
    var isListening: Bool {
        state.withLockedValue { $0.listening }
    }

    /// A write request finished on this node: tell the others (PostgreSQL) to drop their reads.
    func localWrite() {
        state.withLockedValue { $0.readsDirty = true }
    }

    /// Whether a "reads" notification is due, clearing the flag.
    func takeDirty() -> Bool {
        state.withLockedValue { s in
            defer { s.readsDirty = false }
            return s.readsDirty
        }
    }

    /// The poll read the generation. Returns true when the listener has missed a change for too long.
    @discardableResult
    func polled(principals generation: Int64) -> Bool {
        let now = clock.now
        let (changed, stale) = state.withLockedValue { s -> (Bool, Bool) in
            let changed = s.principals.map { $0 != generation } ?? false
            s.principals = generation
            s.checkedAt = now
            guard s.listening, s.heard < generation else {
                s.behindSince = nil
                return (changed, false)
            }
            let since = s.behindSince ?? now
            s.behindSince = since
            return (changed, now - since >= trustWindow)
        }
        if changed { principalCache.removeAll() }
        return stale
    }

    /// A notification arrived: "principals:<generation>" from the triggers, "reads:<node>" from a node's writes.
    func heard(_ payload: String) {
        if payload.hasPrefix("principals:") {
            let generation = Int64(payload.dropFirst("principals:".count)) ?? 0
            state.withLockedValue { s in
                s.heard = max(s.heard, generation)
                if generation > s.principals ?? 0 { s.principals = generation }
            }
            principalCache.removeAll()
        } else if payload.hasPrefix("reads:"), payload.dropFirst("reads:".count) != node {
            readCache.flush()
        }
    }

    /// The listener (re)started or stopped: whatever was sent meanwhile is lost, so start from empty caches.
    func listening(_ on: Bool, heardUpTo generation: Int64? = nil) {
        state.withLockedValue { s in
            s.listening = on
            s.behindSince = nil
            if let generation { s.heard = generation }
        }
        principalCache.removeAll()
        readCache.flush()
    }
}

extension Application {
    private struct CacheSyncKey: StorageKey { typealias Value = CacheSync }

    /// Set once by `configure`.
    var cacheSync: CacheSync? {
        get { storage[CacheSyncKey.self] }
        set { storage[CacheSyncKey.self] = newValue }
    }
}
