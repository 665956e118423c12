import CauNoiCore
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// All guides and their search index, rebuilt when any guide changes (the version is the count and the latest change).
struct GuideLibrary: Sendable {
    struct Item: Sendable, Equatable {
        var id: UUID
        var guide: ProcedureGuide
    }

    var items: [Item]
    var search: GuideSearch

    init(_ items: [Item]) {
        self.items = items
        search = GuideSearch(items.map { item in
            let g = item.guide
            return (g.title, ([g.office ?? ""] + g.documents + g.steps).joined(separator: " "))
        })
    }

    /// Matches best first.
    func find(_ query: String, limit: Int = 20) -> [Item] {
        search.search(query, limit: limit).map { items[$0.index] }
    }
}

/// The node's copy of the guides and their index, kept while the guides' version stamp is unchanged. Derived data
/// only: the database stays the truth, and every node rebuilds its copy when the stamp moves.
final class GuideLibraryHolder: Sendable {
    private let held = NIOLockedValueBox<(stamp: String, library: GuideLibrary)?>(nil)

    func library(stamp: String, load: () async throws -> GuideLibrary) async throws -> GuideLibrary {
        if let current = held.withLockedValue({ $0 }), current.stamp == stamp { return current.library }
        let fresh = try await load()
        held.withLockedValue { $0 = (stamp, fresh) }
        return fresh
    }
}

enum GuideQueries {
    static func library(on db: any Database, cache: ReadCache?, holder: GuideLibraryHolder? = nil) async throws -> GuideLibrary {
        // The stamp is read at most once a second per node (writes here empty the cache at once), so a burst of
        // searches costs no database round trip; the index is rebuilt only when the stamp moves.
        let stamp = if let cache { try await cache.value(.guideStamp) { try await version(on: db) } } else { try await version(on: db) }
        let load: @Sendable () async throws -> GuideLibrary = {
            let rows = try await ProcedureGuideRow.query(on: db).sort(\.$title).all()
            return GuideLibrary(rows.compactMap { r in r.id.map { .init(id: $0, guide: r.guide) } })
        }
        guard let holder else { return try await load() }
        return try await holder.library(stamp: stamp, load: load)
    }

    /// Changes whenever a guide is added or saved (every save raises its version), whatever the clocks say.
    private static func version(on db: any Database) async throws -> String {
        let row = try await db.sql.raw("SELECT COUNT(*) AS n, CAST(COALESCE(SUM(version), 0) AS BIGINT) AS v FROM procedure_guides").first()
        return "\(try row?.decode(column: "n", as: Int.self) ?? 0):\(try row?.decode(column: "v", as: Int.self) ?? 0)"
    }

    static func require(_ id: UUID, on db: any Database) async throws -> ProcedureGuideRow {
        guard let row = try await ProcedureGuideRow.find(id, on: db) else {
            throw AppError.notFound("hướng dẫn thủ tục", "guide", id.uuidString.lowercased())
        }
        return row
    }

    static func history(of id: UUID, on db: any Database) async throws -> [ProcedureGuideVersion] {
        try await ProcedureGuideVersion.query(on: db).filter(\.$guide.$id == id).sort(\.$version, .descending).all()
    }
}

extension Application {
    private struct GuideLibraryKey: StorageKey { typealias Value = GuideLibraryHolder }

    /// Set once by `configure`.
    var guideLibrary: GuideLibraryHolder? {
        get { storage[GuideLibraryKey.self] }
        set { storage[GuideLibraryKey.self] = newValue }
    }
}
