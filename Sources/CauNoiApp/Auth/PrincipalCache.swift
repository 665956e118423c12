import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Who a credential (API token or session cookie) belongs to, remembered per app node for a few
/// seconds so a busy page view does not repeat four lookups (token, user, assignments, place).
///
/// Only successful authentications are kept, keyed by the credential's hash (never the credential).
/// On this node, revoking a token, signing out, ending sessions or disabling a user empties the
/// cache at once; another node (or the CLI) sees such a change within `lifetime`.
final class PrincipalCache: Sendable {
    private struct Held: Sendable {
        var principal: Principal
        var at: ContinuousClock.Instant
        /// The credential's own end (wall clock, as stored).
        var expiresAt: Date?
    }

    /// Also bounds how long a revoked credential keeps working on another node.
    let lifetime: Duration
    private let clock = ContinuousClock()
    private let held = NIOLockedValueBox<[String: Held]>([:])
    private let capacity: Int

    init(lifetime: Duration = .seconds(5), capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// `now` is the app's wall clock, compared with the credential's expiry; the cache's own age is monotonic.
    func principal(for credentialHash: String, now: Date) -> Principal? {
        let instant = clock.now
        return held.withLockedValue { held in
            guard let hit = held[credentialHash] else { return nil }
            guard instant - hit.at < lifetime, now < hit.expiresAt ?? .distantFuture else {
                held[credentialHash] = nil
                return nil
            }
            return hit.principal
        }
    }

    func store(_ principal: Principal, for credentialHash: String, expiresAt: Date? = nil) {
        let entry = Held(principal: principal, at: clock.now, expiresAt: expiresAt)
        held.withLockedValue { held in
            if held.count >= capacity { held.removeAll(keepingCapacity: true) }
            held[credentialHash] = entry
        }
    }

    func removeAll() {
        held.withLockedValue { $0.removeAll() }
    }
}

extension Application {
    private struct PrincipalCacheKey: StorageKey { typealias Value = PrincipalCache }

    /// Set once by `configure`.
    var principalCache: PrincipalCache? {
        get { storage[PrincipalCacheKey.self] }
        set { storage[PrincipalCacheKey.self] = newValue }
    }
}
