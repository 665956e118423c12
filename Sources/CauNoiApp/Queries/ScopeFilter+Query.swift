import CauNoiCore
import Fluent
import Foundation

extension ScopeFilter {
    /// Which columns of a list hold each kind of place; nil where the list has none.
    struct Columns<M: Model> {
        var province: KeyPath<M, FieldProperty<M, String>>?
        var commune: KeyPath<M, FieldProperty<M, String>>?
        var team: KeyPath<M, FieldProperty<M, UUID>>?
        var volunteer: KeyPath<M, IDProperty<M, UUID>>?
        /// Rows that lie in the filter through another table (a team covering a commune, a volunteer
        /// serving in a team), found by the caller.
        var extraIDs: Set<UUID> = []
        var id: KeyPath<M, IDProperty<M, UUID>>?
    }

    /// The one list filter: `matches` as SQL over `columns`. False when nothing can match (the caller
    /// answers an empty list without querying).
    func restrict<M: Model>(_ query: QueryBuilder<M>, _ columns: Columns<M>) -> Bool {
        if everything { return true }
        var people = columns.extraIDs
        if columns.volunteer != nil { people.formUnion(volunteers) }
        let provinces = columns.province == nil ? [] : Array(provinces)
        let communes = columns.commune == nil ? [] : Array(communes)
        let teams = columns.team == nil ? [] : Array(teams)
        let ids = Array(people)
        let idColumn = columns.volunteer ?? columns.id
        guard !provinces.isEmpty || !communes.isEmpty || !teams.isEmpty || (!ids.isEmpty && idColumn != nil) else { return false }
        query.group(.or) { group in
            if let column = columns.province, !provinces.isEmpty { group.filter(column ~~ provinces) }
            if let column = columns.commune, !communes.isEmpty { group.filter(column ~~ communes) }
            if let column = columns.team, !teams.isEmpty { group.filter(column ~~ teams) }
            if let column = idColumn, !ids.isEmpty { group.filter(column ~~ ids) }
        }
        return true
    }
}
