import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Values read from the database that a node may reuse for a moment: the home page's totals, the
/// default campaign, a campaign's ledger generation. Under load a page view then costs no query.
/// Keys are typed (`CacheKey`) and values are value types, so readers never share a mutable object.
///
/// Freshness: any write request handled by this node (every method but GET and HEAD) empties the
/// cache when it completes, so whoever wrote sees their change on the next read. On PostgreSQL the other nodes
/// are told within ~100 ms (`CacheSync`); otherwise writes through other nodes or the CLI show within `maxAge`
/// of the end of the read that missed them. Ages use a monotonic clock, not the app's (fixable) wall clock.
final class ReadCache: Sendable {
    private enum Slot {
        case ready(at: ContinuousClock.Instant, value: any Sendable)
        /// One load per key at a time: when a value ages out under load, one request reads it again and
        /// the others wait for that read instead of all querying at once.
        case loading(Task<any Sendable, any Error>)
    }

    private enum Step {
        case hit(any Sendable)
        case wait(Task<any Sendable, any Error>, owner: Bool)
    }

    let maxAge: Duration
    /// Keys are bounded by what callers ask for (credential hashes, report ranges): when full, the cache
    /// starts over rather than grow without limit under a flood of distinct keys.
    private let capacity: Int
    private let clock = ContinuousClock()
    private let held = NIOLockedValueBox<[String: Slot]>([:])

    /// Told of every lookup (true: answered without a load of its own), for the node's metrics.
    private let observe: (@Sendable (Bool) -> Void)?

    init(maxAge: Duration, capacity: Int = 10_000, observe: (@Sendable (Bool) -> Void)? = nil) {
        self.maxAge = maxAge
        self.capacity = capacity
        self.observe = observe
    }

    /// The value under `key`, loading it if absent or older than `maxAge`. The key's type fixes the value's.
    func value<T: Sendable>(_ typedKey: CacheKey<T>, load: @escaping @Sendable () async throws -> T) async throws -> T {
        guard maxAge > .zero else { return try await load() }
        let key = typedKey.raw
        let started = clock.now
        let step: Step = held.withLockedValue { held in
            switch held[key] {
            case .ready(let at, let value) where started - at < maxAge:
                return .hit(value)
            case .loading(let task):
                return .wait(task, owner: false)
            default:
                let task = Task<any Sendable, any Error> { try await load() }
                if held.count >= capacity { held.removeAll(keepingCapacity: true) }
                held[key] = .loading(task)
                return .wait(task, owner: true)
            }
        }
        if let observe {
            if case .wait(_, owner: true) = step { observe(false) } else { observe(true) }
        }
        // The stored key names T, so the value is a T: anything else is a bug in this type.
        switch step {
        case .hit(let value):
            // A hit is a dictionary lookup: no task, no await.
            guard let typed = value as? T else { preconditionFailure("read cache: \(key) holds \(type(of: value))") }
            return typed
        case .wait(let task, let owner):
            let value = try await settle(key, task: task, owner: owner)
            guard let typed = value as? T else { preconditionFailure("read cache: \(key) loaded \(type(of: value))") }
            return typed
        }
    }

    /// Waits for a load; its owner records the result (or forgets the slot on error), unless a flush came first.
    private func settle(_ key: String, task: Task<any Sendable, any Error>, owner: Bool) async throws -> any Sendable {
        do {
            let value = try await task.value
            if owner {
                // Stamped when the read completes, so an answer that took seconds is still reused for `maxAge` (it
                // shows the data as the read began); skipped if a write on this node flushed the cache meanwhile.
                let done = clock.now
                held.withLockedValue { held in
                    if case .loading(let current) = held[key], current == task { held[key] = .ready(at: done, value: value) }
                }
            }
            return value
        } catch {
            if owner {
                held.withLockedValue { held in
                    if case .loading(let current) = held[key], current == task { held[key] = nil }
                }
            }
            throw error
        }
    }

    func flush() {
        held.withLockedValue { $0.removeAll() }
    }
}

/// Empties the node's read cache after every write request, whatever its outcome, and has the other nodes
/// told (`CacheSync`, PostgreSQL).
struct ReadCacheFlushMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method != .GET, request.method != .HEAD else { return try await next.respond(to: request) }
        defer {
            request.application.readCache?.flush()
            request.application.cacheSync?.localWrite()
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    /// Through the node's read cache when there is one.
    func cachedRead<T: Sendable>(_ key: CacheKey<T>, load: @escaping @Sendable () async throws -> T) async throws -> T {
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
