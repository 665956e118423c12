import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

/// One value of a statement built without SQLKit (`RawInsert`), for the hot inserts of the batch API (issue 16).
/// A group commit binds tens of thousands of values; SQLKit boxes each one as an existential and runs it through an
/// `Encodable` encoder on the writer's thread (for a UUID: a failed dynamic cast, an encoder object, then a string).
/// These are built in the request and turned into each engine's own form with a switch, stored exactly as SQLKit
/// stores them: on SQLite a UUID as upper-case text, a date as seconds since 1970 and a flag as 0/1; on PostgreSQL
/// uuid, timestamptz, bool, int8 and text.
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
        case .uuid(let id): .text(id.uuidString)
        case .date(let date): .float(date.timeIntervalSince1970)
        case .bool(let flag): .integer(flag ? 1 : 0)
        case .null: .null
        }
    }

    func append(to bindings: inout PostgresBindings) {
        switch self {
        case .text(let text): bindings.append(text)
        case .integer(let value): bindings.append(value)
        case .uuid(let id): bindings.append(id)
        case .date(let date): bindings.append(date)
        case .bool(let flag): bindings.append(flag)
        case .null: bindings.appendNull()
        }
    }
}
