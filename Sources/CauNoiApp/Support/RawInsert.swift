import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

/// Multi-row INSERTs of `BoundValue`s, sent to the engine without SQLKit (issue 16): the statement's text is a few
/// appends, its values a switch each. For the tables the batch API fills, inside the caller's transaction.
struct RawInsert: Sendable {
    let table: String
    let columns: [String]
    /// Rows per statement: SQLite takes at most 32,766 values, PostgreSQL 65,535. Fewer statements, fewer trips to the
    /// writer's thread.
    let rowsPerStatement: Int

    /// Inserts `values` (`columns.count` per row, row after row).
    func run(_ values: [BoundValue], on db: any Database) async throws {
        for range in statements(values.count) {
            _ = try await execute(values[range], suffix: "", returnsIDs: false, on: db)
        }
    }

    /// Inserts the rows whose `id` (`ids`, one per row) is not taken yet and returns the ids it inserted.
    /// SQLite: the transaction is the only writer, so the taken ids are read first (usually none) and the rest inserted
    /// without RETURNING, whose rows sqlite-nio hands over one event-loop task at a time. PostgreSQL: concurrent
    /// transactions may insert the same ids meanwhile, so the insert itself says which rows it wrote.
    func ignoringTakenIDs(_ ids: [UUID], _ values: [BoundValue], on db: any Database) async throws -> [UUID] {
        precondition(ids.count * columns.count == values.count, "one id per row of \(table)")
        var inserted: [UUID] = []
        guard let sqlite = db as? any SQLiteDatabase else {
            for range in statements(values.count) {
                inserted += try await execute(values[range], suffix: " ON CONFLICT (\"id\") DO NOTHING RETURNING \"id\"", returnsIDs: true, on: db)
            }
            return inserted
        }
        var taken = Set<UUID>()
        for chunk in ids.chunked(into: 2_000) {
            let marks = String(repeating: "?,", count: chunk.count - 1) + "?"
            for row in try await sqlite.query("SELECT \"id\" FROM \"\(table)\" WHERE \"id\" IN (\(marks))", chunk.map { .text($0.uuidString) }) {
                guard case .text(let text) = row.column("id"), let id = UUID(uuidString: text) else { throw AppError.server }
                taken.insert(id)
            }
        }
        guard !taken.isEmpty else {
            try await run(values, on: db)
            return ids
        }
        var fresh: [BoundValue] = []
        for (index, id) in ids.enumerated() where !taken.contains(id) {
            inserted.append(id)
            fresh += values[index * columns.count ..< (index + 1) * columns.count]
        }
        try await run(fresh, on: db)
        return inserted
    }

    private func statements(_ count: Int) -> [Range<Int>] {
        precondition(count % columns.count == 0, "values must fill whole rows of \(table)")
        let step = rowsPerStatement * columns.count
        return stride(from: 0, to: count, by: step).map { $0 ..< min($0 + step, count) }
    }

    private func execute(_ values: ArraySlice<BoundValue>, suffix: String, returnsIDs: Bool, on db: any Database) async throws -> [UUID] {
        let rows = values.count / columns.count
        if let sqlite = db as? any SQLiteDatabase {
            let group = "(" + String(repeating: "?,", count: columns.count - 1) + "?)"
            let text = head + Array(repeating: group, count: rows).joined(separator: ",") + suffix
            let found = try await sqlite.query(text, values.map(\.sqliteData))
            guard returnsIDs else { return [] }
            return try found.map { row in
                guard case .text(let text) = row.column("id"), let id = UUID(uuidString: text) else { throw AppError.server }
                return id
            }
        }
        guard let postgres = db as? any PostgresDatabase else { preconditionFailure("CauNoi runs on SQLite or PostgreSQL") }
        var text = head
        text.reserveCapacity(head.utf8.count + values.count * 7 + suffix.utf8.count)
        var bindings = PostgresBindings(capacity: values.count)
        for (index, value) in values.enumerated() {
            let column = index % columns.count
            text += column == 0 ? (index == 0 ? "($" : ",($") : ",$"
            text += String(index + 1)
            if column == columns.count - 1 { text += ")" }
            value.append(to: &bindings)
        }
        text += suffix
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

    private var head: String {
        "INSERT INTO \"\(table)\" (" + columns.map { "\"\($0)\"" }.joined(separator: ",") + ") VALUES "
    }
}
