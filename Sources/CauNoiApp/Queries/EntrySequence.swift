import Fluent
import SQLKit

/// Server-assigned, increasing row numbers of support entries (`support_entries.seq`, issue 16): the key their detail
/// rows are stored under, so that what one commit writes lands at the end of each table (the client's ids are random).
enum EntrySequence {
    /// `count` new numbers, increasing, for rows about to be inserted in the caller's write transaction (numbers of rows
    /// not inserted in the end are simply skipped). SQLite: after the largest stored, which its one writer at a time
    /// makes safe (and the unique index refuses, should two ever meet); PostgreSQL: from the sequence, as nodes commit
    /// side by side.
    static func reserve(_ count: Int, on db: any Database) async throws -> [Int] {
        guard count > 0 else { return [] }
        let sql = db.sql
        guard db.isSQLite else {
            return try await sql.raw("SELECT nextval('support_entry_seq') AS s FROM generate_series(1, \(bind: count))").all()
                .map { try $0.decode(column: "s", as: Int.self) }
        }
        // A bare MAX, which SQLite answers from the end of the unique index.
        let last = try await sql.raw("SELECT MAX(\"seq\") AS s FROM \"support_entries\"").first()?.decode(column: "s", as: Int?.self) ?? 0
        return Array(last + 1 ... last + count)
    }
}
