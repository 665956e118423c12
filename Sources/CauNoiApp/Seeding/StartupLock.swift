import Fluent
import SQLKit
import Vapor

/// Nodes that start together on one PostgreSQL take turns to migrate and seed: a session-level advisory lock, held
/// on one connection while the work runs on others, so the second node finds the schema ready and changes nothing.
/// SQLite is one process's file; its writer queue already serialises the work.
enum StartupLock {
    /// "caunoi" in ASCII: any constant shared by every node of the deployment.
    static let key: Int64 = 0x63_61_75_6E_6F_69

    static func held<T: Sendable>(on db: any Database, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        guard !db.isSQLite else { return try await body() }
        return try await db.withConnection { connection in
            try await connection.sql.raw("SELECT pg_advisory_lock(\(literal: key))").run()
            do {
                let result = try await body()
                try await connection.sql.raw("SELECT pg_advisory_unlock(\(literal: key))").run()
                return result
            } catch {
                try? await connection.sql.raw("SELECT pg_advisory_unlock(\(literal: key))").run()
                throw error
            }
        }
    }
}
