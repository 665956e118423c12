import Fluent
import SQLKit

extension Database {
    /// Fluent's schema builder has no plain indexes; SQLKit's builder emits the same CREATE INDEX on both engines.
    func createIndex(_ name: String, on table: String, columns: [String]) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        var builder = sql.create(index: name).on(table)
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }
}
