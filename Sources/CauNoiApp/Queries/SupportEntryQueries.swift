import CauNoiCore
import Fluent
import SQLKit
import Vapor

enum SupportEntryQueries {
    struct Filter: Sendable, Equatable {
        var campaignID: UUID?
        var team: UUID?
        var commune: String?
        var province: String?
        var from: LocalDate?
        var to: LocalDate?
        var page = 1
        var per = 100
    }

    static let maxPer = 500

    /// Every stored version of the logical entry `entryID`: its first version's row has that id, and corrections
    /// name it in `entry_id` (only they are indexed by it: `UpdateSupportEntryPartialLogicalIndex`).
    static func versions(of entryID: UUID, on db: any Database) -> QueryBuilder<SupportEntry> {
        SupportEntry.query(on: db).group(.or) { either in
            either.filter(\.$id == entryID).group(.and) { $0.filter(\.$entryID == entryID).filter(\.$version > 1) }
        }
    }

    /// The current version of the logical entry `entryID`.
    static func current(of entryID: UUID, on db: any Database) -> QueryBuilder<SupportEntry> {
        versions(of: entryID, on: db).filter(\.$isCurrent == true)
    }

    static func list(_ filter: Filter, scope: ScopeFilter, on db: any Database) async throws -> (items: [SupportEntryDTO], total: Int) {
        let query = SupportEntry.query(on: db).filter(\.$isCurrent == true)
        guard scope.restrict(query, .init(province: \.$provinceCode, commune: \.$communeCode, team: \.$team.$id)) else { return ([], 0) }
        if let campaign = filter.campaignID { query.filter(\.$campaign.$id == campaign) }
        if let team = filter.team { query.filter(\.$team.$id == team) }
        if let commune = filter.commune { query.filter(\.$communeCode == commune) }
        if let province = filter.province { query.filter(\.$provinceCode == province) }
        if let from = filter.from { query.filter(\.$entryDate >= from.iso) }
        if let to = filter.to { query.filter(\.$entryDate <= to.iso) }
        if filter.commune == nil, let places = try await places(filter, scope: scope, on: db) {
            guard !places.isEmpty else { return ([], 0) }
            query.filter(\.$communeCode ~~ places)
        }
        let total = try await query.count()
        let entries = try await query.with(\.$campaign).sort(\.$entryDate, .descending).sort(\.$id)
            .range(((filter.page - 1) * filter.per)..<(filter.page * filter.per)).all()
        return (try await dtos(entries, on: db), total)
    }

    /// The communes a list's entries can lie in, so that it is read through the commune index (`EntryPlaces`): the
    /// team's or province's it names, else its scope's; nil when that would not narrow it.
    private static func places(_ filter: Filter, scope: ScopeFilter, on db: any Database) async throws -> [String]? {
        if let team = filter.team { return try await EntryPlaces.communes(teams: [team], provinces: [], communes: [], on: db) }
        if let province = filter.province { return try await EntryPlaces.communes(teams: [], provinces: [province], communes: [], on: db) }
        if scope.everything { return nil }
        return try await EntryPlaces.communes(teams: scope.teams, provinces: scope.provinces, communes: scope.communes, on: db)
    }

    /// Per-category counts, beneficiary groups and attendance of some entries.
    struct Details: Sendable {
        var counts: [UUID: [String: Int]] = [:]
        var groups: [UUID: [String: Int]] = [:]
        var people: [UUID: [UUID]] = [:]
    }

    /// The detail rows of these entries, three IN queries in all (callers keep `ids` within the bind limit). The rows
    /// are keyed by the entries' row numbers (`seq`), reached through the entries' own key.
    static func details(ids: [UUID], on db: any Database) async throws -> Details {
        var out = Details()
        guard !ids.isEmpty else { return out }
        let sql = db.sql
        func rows(_ table: String, _ columns: String) async throws -> [any SQLRow] {
            try await sql.raw("""
                SELECT e.id AS row_id, \(unsafeRaw: columns) FROM \(ident: table) d JOIN support_entries e ON e.seq = d.entry_seq
                WHERE e.id IN (\(binds: db.uuidBinds(ids)))
                """).all()
        }
        for row in try await rows(Tables.supportEntryCounts, "d.category, d.count") {
            out.counts[try row.decode(column: "row_id", as: UUID.self), default: [:]][try row.decode(column: "category", as: String.self)] =
                try row.decode(column: "count", as: Int.self)
        }
        for row in try await rows(Tables.supportEntryBeneficiaries, "d.beneficiary_group, d.count") {
            out.groups[try row.decode(column: "row_id", as: UUID.self), default: [:]][try row.decode(column: "beneficiary_group", as: String.self)] =
                try row.decode(column: "count", as: Int.self)
        }
        for row in try await rows(Tables.supportEntryVolunteers, "d.volunteer_id") {
            out.people[try row.decode(column: "row_id", as: UUID.self), default: []].append(try row.decode(column: "volunteer_id", as: UUID.self))
        }
        return out
    }

    /// DTOs for a page of entries with their detail rows.
    static func dtos(_ entries: [SupportEntry], on db: any Database) async throws -> [SupportEntryDTO] {
        let ids = entries.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let details = try await details(ids: ids, on: db)
        let counts = details.counts, groups = details.groups, people = details.people
        return entries.compactMap { e in
            guard let id = e.id else { return nil }
            return SupportEntryDTO(
                id: id, campaign: e.campaign.code, teamID: e.$team.id, communeCode: e.communeCode, provinceCode: e.provinceCode,
                date: e.entryDate, volunteerIDs: (people[id] ?? []).sorted { $0.uuidString < $1.uuidString },
                counts: counts[id] ?? [:], beneficiaries: groups[id] ?? [:], total: e.total, place: e.place,
                languages: e.languages.split(separator: ",").map(String.init), note: e.note,
                entryID: e.entryID, version: e.version, isCurrent: e.isCurrent)
        }
    }

}
