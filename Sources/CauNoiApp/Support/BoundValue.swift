import CauNoiCore
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

/// One value of a statement built without SQLKit (`RawInsert`), for the hot inserts of the batch API (issue 16).
/// A group commit binds tens of thousands of values; SQLKit boxes each one as an existential and runs it through an
/// `Encodable` encoder on the writer's thread (for a UUID: a failed dynamic cast, an encoder object, then a string).
/// These are built in the request and turned into each engine's own form with a switch, stored exactly as SQLKit
/// stores them: on SQLite a UUID as upper-case text, a date as seconds since 1970 and a flag as 0/1; on PostgreSQL
/// uuid, timestamptz, bool, int8 and text, a column at a time.
enum BoundValue: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case uuid(UUID)
    case date(Date)
    case bool(Bool)
    case null

    static func optional(_ text: String?) -> BoundValue { text.map(BoundValue.text) ?? .null }

    var sqliteData: SQLiteData {
        switch self {
        case .text(let text): .text(text)
        case .integer(let value): .integer(value)
        case .uuid(let id): .text(UUIDText.upper(id))
        case .date(let date): .float(date.timeIntervalSince1970)
        case .bool(let flag): .integer(flag ? 1 : 0)
        case .null: .null
        }
    }

    /// Binds one column's values as one PostgreSQL array (a null as the type's zero value: the caller masks it) and
    /// returns the element type's name. A column holds one kind of value, and nulls; not only nulls.
    static func appendColumn(_ cells: [BoundValue], to bindings: inout PostgresBindings) -> String {
        switch cells.first(where: { $0 != .null }) {
        case .text:
            bindings.append(cells.map { if case .text(let text) = $0 { text } else { "" } })
            return "text"
        case .integer:
            bindings.append(cells.map { if case .integer(let value) = $0 { value } else { 0 } })
            return "int8"
        case .uuid:
            bindings.append(cells.map { if case .uuid(let id) = $0 { id } else { UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)) } })
            return "uuid"
        case .date:
            bindings.append(cells.map { if case .date(let date) = $0 { date } else { Date(timeIntervalSince1970: 0) } })
            return "timestamptz"
        case .bool:
            bindings.append(cells.map { if case .bool(let flag) = $0 { flag } else { false } })
            return "bool"
        case .null, nil:
            preconditionFailure("a column of nulls is not bound")
        }
    }
}
