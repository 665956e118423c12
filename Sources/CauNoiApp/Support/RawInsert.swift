import CauNoiCore
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

/// Multi-row INSERTs of `BoundValue`s, sent to the engine without SQLKit (issue 16): the statement's text is a few
/// appends, its values a switch each (SQLite: one row of placeholders per row; PostgreSQL: one array per column).
/// For the tables the batch API and the rollup ledger fill, inside the caller's transaction.
struct RawInsert: Sendable {
    let table: String
    let columns: [String]
    /// Rows per statement: SQLite takes at most 32,766 values. Fewer statements, fewer trips to the writer's thread.
    let rowsPerStatement: Int
    /// Appended to every statement of `run`: an upsert's `ON CONFLICT (…) DO UPDATE SET …`, the same text on both
    /// engines (no two rows of one statement may have the same key).
    var onConflict = ""

    /// Inserts `values` (`columns.count` per row, row after row).
    func run(_ values: [BoundValue], on db: any Database) async throws {
        for range in statements(values.count) {
            _ = try await execute(values[range], suffix: onConflict, returnsIDs: false, on: db)
        }
    }

    /// Inserts the rows whose `id` (`ids`, one per row) is not taken yet and returns the ids it inserted.
    /// SQLite: the transaction is the only writer, so each statement first inserts all its rows (ids are almost never
    /// taken); if one is, SQLite undoes that statement, and the taken ids are read and the rest inserted. No RETURNING:
    /// sqlite-nio hands every returned row over as an event-loop task of its own. PostgreSQL: concurrent transactions
    /// may insert the same ids meanwhile, so the insert itself says which rows it wrote.
    func ignoringTakenIDs(_ ids: [UUID], _ values: [BoundValue], on db: any Database) async throws -> [UUID] {
        precondition(ids.count * columns.count == values.count, "one id per row of \(table)")
        precondition(onConflict.isEmpty, "an insert that skips taken ids is not an upsert")
        var inserted: [UUID] = []
        guard let sqlite = db as? any SQLiteDatabase else {
            for range in statements(values.count) {
                inserted += try await execute(values[range], suffix: " ON CONFLICT (\"id\") DO NOTHING RETURNING \"id\"", returnsIDs: true, on: db)
            }
            return inserted
        }
        for range in statements(values.count) {
            let rows = ids[range.lowerBound / columns.count ..< range.upperBound / columns.count]
            do {
                _ = try await execute(values[range], suffix: "", returnsIDs: false, on: db)
                inserted += rows
                continue
            } catch let error as SQLiteError where Self.idTaken(error, in: table) {
                // Some ids are taken; the failed statement left nothing behind.
            }
            let marks = String(repeating: "?,", count: rows.count - 1) + "?"
            var taken = Set<UUID>()
            for row in try await sqlite.query("SELECT \"id\" FROM \"\(table)\" WHERE \"id\" IN (\(marks))", rows.map { .text(UUIDText.upper($0)) }) {
                guard case .text(let text) = row.column("id"), let id = UUIDText.parse(text) else { throw AppError.server }
                taken.insert(id)
            }
            var fresh: [BoundValue] = []
            for (offset, id) in rows.enumerated() where !taken.contains(id) {
                inserted.append(id)
                let first = range.lowerBound + offset * columns.count
                fresh += values[first ..< first + columns.count]
            }
            try await run(fresh, on: db)
        }
        return inserted
    }

    /// The error of an insert that met a taken id ("UNIQUE constraint failed: <table>.id", with or without SQLite's
    /// extended codes).
    private static func idTaken(_ error: SQLiteError, in table: String) -> Bool {
        [.constraintPrimaryKeyFailed, .constraintUniqueFailed, .constraint].contains(error.reason)
            && error.message.hasSuffix("constraint failed: \(table).id")
    }

    private func statements(_ count: Int) -> [Range<Int>] {
        precondition(count % columns.count == 0, "values must fill whole rows of \(table)")
        let step = rowsPerStatement * columns.count
        return stride(from: 0, to: count, by: step).map { $0 ..< min($0 + step, count) }
    }

    /// One statement. On SQLite never with RETURNING (`ignoringTakenIDs` needs none there): `returnsIDs` is
    /// PostgreSQL's.
    private func execute(_ values: ArraySlice<BoundValue>, suffix: String, returnsIDs: Bool, on db: any Database) async throws -> [UUID] {
        if let sqlite = db as? any SQLiteDatabase {
            precondition(!returnsIDs, "SQLite inserts return nothing")
            let group = "(" + String(repeating: "?,", count: columns.count - 1) + "?)"
            let text = target + " VALUES " + Array(repeating: group, count: values.count / columns.count).joined(separator: ",") + suffix
            _ = try await sqlite.query(text, values.map(\.sqliteData))
            return []
        }
        guard let postgres = db as? any PostgresDatabase else { preconditionFailure("CauNoi runs on SQLite or PostgreSQL") }
        // One array per column, unnested into rows: PostgreSQL parses and plans a statement of thousands of VALUES
        // parameters for longer than it takes to insert them (a group of 360 entries took 25–50 ms that way).
        var bindings = PostgresBindings(capacity: columns.count + 1)
        var arrays: [String] = [], selected: [String] = [], names: [String] = []
        for column in columns.indices {
            let cells = stride(from: values.startIndex + column, to: values.endIndex, by: columns.count).map { values[$0] }
            let nulls = cells.map { $0 == .null }
            // Only nulls: an untyped NULL, which takes the column's type (an array would need the type named).
            if !nulls.contains(false) {
                selected.append("NULL")
                continue
            }
            arrays.append("$\(bindings.count + 1)::\(BoundValue.appendColumn(cells, to: &bindings))[]")
            names.append("c\(column)")
            if nulls.contains(true) {
                bindings.append(nulls)
                arrays.append("$\(bindings.count)::bool[]")
                names.append("n\(column)")
                selected.append("CASE WHEN n\(column) THEN NULL ELSE c\(column) END")
            } else {
                selected.append("c\(column)")
            }
        }
        let text = target + " SELECT " + selected.joined(separator: ",") + " FROM unnest(" + arrays.joined(separator: ",") + ") AS u("
            + names.joined(separator: ",") + ")" + suffix
        let query = PostgresQuery(unsafeSQL: text, binds: bindings)
        let logger = db.logger
        return try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                let rows = try await connection.query(query, logger: logger)
                var ids: [UUID] = []
                for try await id in rows.decode(UUID.self) where returnsIDs { ids.append(id) }
                return ids
            }
        }.get()
    }

    private var target: String {
        "INSERT INTO \"\(table)\" (" + columns.map { "\"\($0)\"" }.joined(separator: ",") + ")"
    }
}
