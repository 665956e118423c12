import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Who a credential (API token or session cookie) belongs to, remembered per app node for a few
/// seconds so a busy page view does not repeat four lookups (token, user, assignments, place).
///
/// Kept by the credential's hash (never the credential), one database lookup per credential at a time.
/// On this node, revoking a token, signing out, ending sessions or disabling a user empties the
/// cache at once; a change made on another node (or by the CLI) empties it through `CacheSync`, which also
/// decides whether remembered answers may be used at all (`trusted`).
final class PrincipalCache: Sendable {
    private struct Held: Sendable {
        var principal: Principal?
        /// The credential's own end (wall clock, as stored).
        var expiresAt: Date?
    }

    private let reads: ReadCache

    /// The longest an answer is reused even while nothing changes.
    init(lifetime: Duration = .seconds(5), observe: (@Sendable (Bool) -> Void)? = nil) {
        reads = ReadCache(maxAge: lifetime, observe: observe)
    }

    /// `load` authenticates against the database (nil: not a valid credential). A refusal is remembered
    /// too, so a flood with a bad token costs one lookup per lifetime. `now` is the app's wall clock,
    /// compared with the credential's expiry; the cache's own age is monotonic. Untrusted (`CacheSync` has not
    /// read the generation lately), every call loads.
    func principal(for credentialHash: String, now: Date, trusted: Bool,
                   load: @escaping @Sendable () async throws -> (principal: Principal, expiresAt: Date?)?) async throws -> Principal? {
        guard trusted else {
            guard let loaded = try await load(), now < loaded.expiresAt ?? .distantFuture else { return nil }
            return loaded.principal
        }
        let held = try await reads.value(CacheKey<Held>(credentialHash)) {
            try await load().map { Held(principal: $0.principal, expiresAt: $0.expiresAt) } ?? Held(principal: nil, expiresAt: nil)
        }
        guard now < held.expiresAt ?? .distantFuture else { return nil }
        return held.principal
    }

    func removeAll() {
        reads.flush()
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
