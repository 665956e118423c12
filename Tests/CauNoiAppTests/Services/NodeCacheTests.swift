import CauNoiCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import CauNoiApp

/// The per-node caches that keep a busy page view free of queries: what they reuse, and what makes
/// them forget. "Another node" is simulated by writing while this node's read cache is detached.
@Suite("Node caches: reads and principals")
struct NodeCacheTests {
    @Test("a read is reused within its age, reloaded after it, and never kept when the age is zero")
    func readCacheAges() async throws {
        let loads = Counter()
        let cache = ReadCache(maxAge: .milliseconds(200))
        #expect(try await cache.value("k") { loads.next() } == 1)
        #expect(try await cache.value("k") { loads.next() } == 1)
        #expect(try await cache.value("other") { loads.next() } == 2)
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await cache.value("k") { loads.next() } == 3)
        cache.flush()
        #expect(try await cache.value("k") { loads.next() } == 4)

        let off = ReadCache(maxAge: .zero)
        #expect(try await off.value("k") { loads.next() } == 5)
        #expect(try await off.value("k") { loads.next() } == 6)
    }

    @Test("the home page and rollups reuse reads until this node writes; others' writes wait for the age", arguments: Engine.enabled)
    func homeAndRollupFollowLocalWrites(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let reads = ReadCache(maxAge: .seconds(600))
            app.readCache = reads
            app.ledgerCache = LedgerCache(reads: reads)
            let volunteer = try await app.volunteer(phone: "0912000222")
            let team = try await app.team(members: [volunteer])
            func national() async throws -> Int {
                try await app.send(.GET, "api/v1/reports/rollup?unit=VN&week=2025-W33").content.decode(RollupReport.self).current.figures.supports
            }
            func homeSupports() async throws -> String? {
                let html = try await app.send(.GET, "/").body.string
                return html.firstMatch(of: /<b>([0-9.]+)<\/b><span>lượt hỗ trợ người dân/).map { String($0.1) }
            }
            #expect(try await national() == 0)
            #expect(try await homeSupports() == "0")

            // Another node writes: this node does not hear of it and keeps its reads.
            app.readCache = nil
            let elsewhere = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: [entry(team: team, counts: ["vneid": 12])]))
            #expect(elsewhere.status == .ok)
            app.readCache = reads
            #expect(try await national() == 0)
            #expect(try await homeSupports() == "0")

            // This node writes: everything it had read is forgotten at once.
            let here = try await app.send(.POST, "api/v1/support-entries/batch",
                                          json: Batch(entries: [entry(team: team, date: "2025-08-13", counts: ["ho_so": 30])]))
            #expect(here.status == .ok)
            #expect(try await national() == 42)
            #expect(try await homeSupports() == "42")
        }
    }

    @Test("a token revoked elsewhere works until the cache forgets it; revoked here, it stops at once", arguments: Engine.enabled)
    func principalCache(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let token = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            #expect(try await app.send(.GET, "api/v1/auth/me", token: token).status == .ok)

            // Revoked by another node (straight in the database): this node still trusts its cached principal…
            try await app.db.sql.update(APIToken.schema).set("revoked_at", to: SQLBind(fixedNow))
                .where("token_hash", .equal, Secrets.hash(token)).run()
            #expect(try await app.send(.GET, "api/v1/auth/me", token: token).status == .ok)
            // …until it ages out (here: the cache is emptied, as after its lifetime).
            app.principalCache?.removeAll()
            #expect(try await app.send(.GET, "api/v1/auth/me", token: token).status == .forbidden)

            // The lifetime itself.
            let short = PrincipalCache(lifetime: .milliseconds(100))
            let principal = Principal(userID: UUID(), username: "u", displayName: "U", policy: AccessPolicy(assignments: []), via: .token(UUID()))
            short.store(principal, for: "h")
            #expect(short.principal(for: "h", now: fixedNow)?.username == "u")
            #expect(short.principal(for: "h", now: fixedNow.addingTimeInterval(-1)) != nil)
            try await Task.sleep(for: .milliseconds(150))
            #expect(short.principal(for: "h", now: fixedNow) == nil)
            // Never past the credential's own expiry.
            short.store(principal, for: "e", expiresAt: fixedNow)
            #expect(short.principal(for: "e", now: fixedNow) == nil)

            // Revoked through this node's API: refused on the very next request.
            let second = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            #expect(try await app.send(.GET, "api/v1/auth/me", token: second).status == .ok)
            let listed = try await app.send(.GET, "api/v1/tokens", token: second)
            let id = try #require(listed.body.string.firstMatch(of: /"id":"([0-9A-Fa-f-]{36})"/).map { String($0.1) })
            #expect(try await app.send(.POST, "api/v1/tokens/\(id)/revoke", token: second).status == .ok)
            #expect(try await app.send(.GET, "api/v1/auth/me", token: second).status == .forbidden)
        }
    }
}

/// Counts loads across awaits.
private final class Counter: @unchecked Sendable {
    private var n = 0
    private let lock = NSLock()
    func next() -> Int { lock.withLock { n += 1; return n } }
}
