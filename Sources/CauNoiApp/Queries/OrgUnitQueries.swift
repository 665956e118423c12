import CauNoiCore
import Fluent
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Database work for org units, kept apart from HTTP so it can be tested alone.
enum OrgUnitQueries {
    struct Filter: Sendable, Equatable {
        var level: OrgLevel?
        var parent: String?
        var text: String?
        var limit: Int = 50
    }

    static let maxLimit = 500

    static func find(_ code: String, on db: any Database) async throws -> OrgUnit? {
        try await OrgUnit.find(code, on: db)
    }

    static func require(_ code: String, on db: any Database) async throws -> OrgUnit {
        guard let unit = try await find(code, on: db) else {
            throw AppError.notFound("đơn vị", "org unit", code)
        }
        return unit
    }

    /// Search folds diacritics, case and Unicode normalisation on both sides. Words find today's name, the name
    /// with its province's ("ba dinh ha noi") or a name from before 2025 ("phúc xá ba đình"), best match first
    /// (`UnitDirectory`); digits find a code.
    static func list(_ filter: Filter, on db: any Database) async throws -> [OrgUnit] {
        try await select(filter, on: db, fetch: { try await $0.all() }, code: { $0.id ?? "" }, name: \.name)
    }

    /// A unit as a list of units shows it.
    struct Listed: Sendable, Equatable {
        var code: String
        var name: String
        var level: String
        var unitType: String
        var parentCode: String?
    }

    /// The units `list` finds, read as the few columns a list shows. Fluent builds each model by reflecting on its
    /// fields: on the public search page (up to 100 units) that was 42 % of a request's time, ~30 µs a unit.
    static func listed(_ filter: Filter, on db: any Database) async throws -> [Listed] {
        try await select(filter, on: db, fetch: columns, code: \.code, name: \.name)
    }

    private static func select<T>(_ filter: Filter, on db: any Database, fetch: (QueryBuilder<OrgUnit>) async throws -> [T],
                                  code: (T) -> String, name: (T) -> String) async throws -> [T] {
        let query = OrgUnit.query(on: db)
        if let level = filter.level { query.filter(\.$level == level.rawValue) }
        if let parent = filter.parent { query.filter(\.$parentCode == parent) }
        if let text = filter.text {
            let tokens = searchTokens(text)
            if tokens.count == 1, tokens[0].allSatisfy(\.isNumber) {
                query.group(.or) { $0.filter(\.$id == tokens[0]).filter(\.$nameSearch, .contains(inverse: false, .anywhere), tokens[0]) }
            } else {
                let levels: Set<OrgLevel> = filter.level.map { [$0] } ?? [.province, .commune]
                let parent = filter.parent
                let ranked = UnitDirectoryResource.directory.search(text, levels: levels) { entry in
                    guard let parent else { return true }
                    return parent == OrgUnit.nationalCode ? entry.level == .province : entry.level == .commune && entry.provinceCode == parent
                }.prefix(filter.limit).map(\.unit.code)
                guard !ranked.isEmpty else { return [] }
                let order = Dictionary(uniqueKeysWithValues: ranked.enumerated().map { ($1, $0) })
                return try await fetch(query.filter(\.$id ~~ ranked)).sorted { order[code($0)] ?? 0 < order[code($1)] ?? 0 }
            }
        }
        guard filter.level == .province || filter.parent != nil else {
            return try await fetch(query.sort(\.$level, .descending).sort(\.$nameSearch).limit(filter.limit))   // provinces first
        }
        // The provinces (34) or one unit's children (a few hundred) sort here, by the name without "Thành phố",
        // "Tỉnh", "Phường", "Xã": people look for Hà Nội under H. (Each name's key is made once.)
        let keyed = try await fetch(query).map { (key: UnitNameMatcher.sortKey(name($0)), unit: $0) }
        return keyed.sorted { $0.key < $1.key }.prefix(filter.limit).map { $0.unit }
    }

    /// Runs `query` for the columns of `Listed` only, and decodes them without building models.
    private static func columns(_ query: QueryBuilder<OrgUnit>) async throws -> [Listed] {
        let outputs = NIOLockedValueBox<[any DatabaseOutput]>([])
        try await query.field(\.$id).field(\.$name).field(\.$level).field(\.$unitType).field(\.$parentCode).run { output in
            outputs.withLockedValue { $0.append(output.qualifiedSchema(space: nil, OrgUnit.schema)) }
        }.get()
        return try outputs.withLockedValue { $0 }.map { row in
            Listed(code: try row.decode("code", as: String.self), name: try row.decode("name", as: String.self),
                   level: try row.decode("level", as: String.self), unitType: try row.decode("unit_type", as: String.self),
                   parentCode: try row.decode("parent_code", as: String?.self))
        }
    }

    /// At most 8 words of the first 100 code points: every list search costs one LIKE per word.
    static func searchTokens(_ text: String) -> [String] {
        let bounded = String(String.UnicodeScalarView(text.precomposedStringWithCanonicalMapping.unicodeScalars.prefix(100)))
        return VietnameseText.fold(bounded)
            .filter { $0 != "%" && $0 != "_" && $0 != "\\" }
            .split(separator: " ")
            .prefix(8)
            .map(String.init)
    }

    static func children(of code: String, on db: any Database) async throws -> [OrgUnit] {
        try await OrgUnit.query(on: db).filter(\.$parentCode == code).all().sorted { UnitNameMatcher.sortKey($0.name) < UnitNameMatcher.sortKey($1.name) }
    }

    static func count(level: OrgLevel, on db: any Database) async throws -> Int {
        try await OrgUnit.query(on: db).filter(\.$level == level.rawValue).count()
    }

    /// Names by code, for pages that must never show a bare code. Two columns, not models (`listed`).
    static func names(_ codes: Set<String>, on db: any Database) async throws -> [String: String] {
        guard !codes.isEmpty else { return [:] }
        var out: [String: String] = [:]
        for chunk in Array(codes).chunked(into: 500) {
            for row in try await db.sql.select().columns("code", "name").from(OrgUnit.schema).where("code", .in, Array(chunk)).all() {
                out[try row.decode(column: "code", as: String.self)] = try row.decode(column: "name", as: String.self)
            }
        }
        return out
    }

    /// Public hotlines (service centres) by code, for units that have one.
    static func hotlines(_ codes: Set<String>, on db: any Database) async throws -> [String: String] {
        var out: [String: String] = [:]
        for chunk in Array(codes).chunked(into: 500) {
            for unit in try await OrgUnit.query(on: db).filter(\.$id ~~ Array(chunk)).all() {
                if let id = unit.id, let hotline = unit.hotline, !hotline.isEmpty { out[id] = hotline }
            }
        }
        return out
    }

    /// Read on every batch of entries: two columns with SQLKit, since decoding whole models through Fluent's
    /// reflection was 5% of the server's CPU under ingest (issue 16).
    static func communes(_ codes: Set<String>, on db: any Database) async throws -> [String: String] {
        var out: [String: String] = [:]
        for chunk in Array(codes).chunked(into: 500) {
            for row in try await db.sql.select().columns("code", "province_code").from(OrgUnit.schema)
                .where("code", .in, Array(chunk)).where("level", .equal, OrgLevel.commune.rawValue).all() {
                out[try row.decode(column: "code", as: String.self)] = try row.decode(column: "province_code", as: String?.self) ?? ""
            }
        }
        return out
    }
}
