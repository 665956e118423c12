import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// How a team's or a province's entries are found (issue 16). Entries have one index by place, by commune (then
/// campaign and date; `UpdateSupportEntryDropTeamAndProvinceIndexes`): a team's entries lie in the communes it has
/// entries in (`team_entry_communes`), a province's in its communes. Each condition names those communes, for the
/// index, and keeps the exact test beside them.
enum EntryPlaces {
    /// A team's entries, as a condition on `support_entries e`.
    static func team(_ id: UUID) -> SQLQueryString {
        "e.commune_code IN (SELECT commune_code FROM team_entry_communes WHERE team_id = \(bind: id)) AND e.team_id = \(bind: id)"
    }

    /// A province's entries, as a condition on `support_entries e`.
    static func province(_ code: String) -> SQLQueryString {
        let communes = communes(inProvinces: [code])
        return "e.commune_code IN (\(binds: communes.isEmpty ? [""] : communes)) AND e.province_code = \(bind: code)"
    }

    /// The communes of these provinces, from the hierarchy the node ships: the one an entry's province is taken from
    /// (`References.province(ofCommune:)`), so it is what reading `org_units` would answer, without a query.
    static func communes(inProvinces provinces: Set<String>) -> [String] {
        guard !provinces.isEmpty else { return [] }
        return UnitDirectoryResource.directory.entries.filter { $0.level == .commune && provinces.contains($0.provinceCode) }.map(\.unit.code)
    }

    /// Above this many communes a list is narrowed by its other conditions only: it spans much of the country anyway.
    static let narrowingLimit = 4_000

    /// The communes that hold every entry a list of entries can show — of `teams`, of `provinces` and in
    /// `communes` — for a Fluent query to reach them through the commune index; nil when that would not narrow it.
    static func communes(teams: Set<UUID>, provinces: Set<String>, communes: Set<String>, on db: any Database) async throws -> [String]? {
        var out = communes.union(self.communes(inProvinces: provinces))
        for chunk in Array(teams).chunked(into: 500) {
            for row in try await db.sql.raw("""
                SELECT DISTINCT commune_code AS c FROM team_entry_communes WHERE team_id IN (\(binds: Array(chunk)))
                """).all() { out.insert(try row.decode(column: "c", as: String.self)) }
        }
        return out.count > narrowingLimit ? nil : out.sorted()
    }
}
