import CauNoiCore
import Fluent
import Foundation

enum AuditQueries {
    struct Filter: Sendable, Equatable {
        var action: String?
        var username: String?
        var from: Date?
        var to: Date?
        var page = 1
        var per = 100
    }

    /// Central admins see the whole trail; province admins the rows about their province.
    static func list(_ filter: Filter, scope: ScopeFilter, on db: any Database) async throws -> (items: [AuditEntry], total: Int) {
        let query = AuditEntry.query(on: db)
        if !scope.everything {
            if scope.provinces.isEmpty { return ([], 0) }
            query.filter(\.$provinceCode ~~ Array(scope.provinces))
        }
        if let action = filter.action { query.filter(\.$action == action) }
        if let username = filter.username { query.filter(\.$username == username) }
        if let from = filter.from { query.filter(\.$at >= from) }
        if let to = filter.to { query.filter(\.$at < to) }
        let total = try await query.count()
        let items = try await query.sort(\.$at, .descending).sort(\.$id, .descending)
            .range(((filter.page - 1) * filter.per)..<(filter.page * filter.per)).all()
        return (items, total)
    }
}
