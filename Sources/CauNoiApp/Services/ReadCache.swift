import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Values read from the database that a node may reuse for a moment: the home page's totals, the
/// default campaign, a campaign's ledger generation. Under load a page view then costs no query.
///
/// Freshness: any write request handled by this node (every method but GET and HEAD) empties the
/// cache when it completes, so whoever wrote sees their change on the next read. Writes through other
/// nodes or the CLI show within `maxAge`. Ages use a monotonic clock, not the app's (fixable) wall clock.
final class ReadCache: Sendable {
    let maxAge: Duration
    private let clock = ContinuousClock()
    private let held = NIOLockedValueBox<[String: (at: ContinuousClock.Instant, value: any Sendable)]>([:])

    init(maxAge: Duration) {
        self.maxAge = maxAge
    }

    func value<T: Sendable>(_ key: String, load: () async throws -> T) async throws -> T {
        let now = clock.now
        if maxAge > .zero, let hit = held.withLockedValue({ $0[key] }), now - hit.at < maxAge, let value = hit.value as? T {
            return value
        }
        let value = try await load()
        // Stamped with the time the read started: a write that lands during the read is not hidden longer than maxAge.
        if maxAge > .zero { held.withLockedValue { $0[key] = (now, value) } }
        return value
    }

    func flush() {
        held.withLockedValue { $0.removeAll() }
    }
}

/// Empties the node's read cache after every write request, whatever its outcome.
struct ReadCacheFlushMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method != .GET, request.method != .HEAD else { return try await next.respond(to: request) }
        defer { request.application.readCache?.flush() }
        return try await next.respond(to: request)
    }
}

extension Request {
    /// Through the node's read cache when there is one.
    func cachedRead<T: Sendable>(_ key: String, load: () async throws -> T) async throws -> T {
        guard let cache = application.readCache else { return try await load() }
        return try await cache.value(key, load: load)
    }
}

extension Application {
    private struct ReadCacheKey: StorageKey { typealias Value = ReadCache }

    /// Set once by `configure`.
    var readCache: ReadCache? {
        get { storage[ReadCacheKey.self] }
        set { storage[ReadCacheKey.self] = newValue }
    }
}
