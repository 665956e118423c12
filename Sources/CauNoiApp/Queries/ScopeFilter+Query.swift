import CauNoiCore
import Fluent
import Foundation

extension ScopeFilter {
    /// Which columns of a list hold each kind of place; nil where the list has none.
    struct Columns<M: Model> {
        var province: KeyPath<M, FieldProperty<M, String>>?
        var commune: KeyPath<M, FieldProperty<M, String>>?
        var team: KeyPath<M, FieldProperty<M, UUID>>?
        /// Rows in the filter by their own id (the filter's volunteers, a team covering a commune, a
        /// volunteer serving in a team), found by the caller.
        var ids: Set<UUID> = []
        var id: KeyPath<M, IDProperty<M, UUID>>?
    }

    /// The one list filter: `matches` as SQL over `columns`. False when nothing can match (the caller
    /// answers an empty list without querying).
    func restrict<M: Model>(_ query: QueryBuilder<M>, _ columns: Columns<M>) -> Bool {
        if everything { return true }
        let provinces = columns.province == nil ? [] : Array(provinces)
        let communes = columns.commune == nil ? [] : Array(communes)
        let teams = columns.team == nil ? [] : Array(teams)
        let ids = columns.id == nil ? [] : Array(columns.ids)
        guard !provinces.isEmpty || !communes.isEmpty || !teams.isEmpty || !ids.isEmpty else { return false }
        query.group(.or) { group in
            if let column = columns.province, !provinces.isEmpty { group.filter(column ~~ provinces) }
            if let column = columns.commune, !communes.isEmpty { group.filter(column ~~ communes) }
            if let column = columns.team, !teams.isEmpty { group.filter(column ~~ teams) }
            if let column = columns.id, !ids.isEmpty { group.filter(column ~~ ids) }
        }
        return true
    }
}
