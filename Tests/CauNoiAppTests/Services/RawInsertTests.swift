import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import CauNoiApp

/// The batch API's hot inserts bind values without SQLKit (`RawInsert`, `BoundValue`); what they store must be exactly
/// what Fluent stores, or reads, re-sends and rebuilds would see other values.
@Suite("Inserts without SQLKit")
struct RawInsertTests {
    @Test("rows bound without SQLKit, nulls among values, are stored exactly as Fluent stores them", arguments: Engine.enabled)
    func storedAsFluentStores(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let at = Date(timeIntervalSince1970: 1_754_956_800.123456)
            let user = UUID()
            let fluentIDs = [UUID(), UUID()], rawIDs = [UUID(), UUID()], splitIDs = [UUID(), UUID()]
            for (id, named) in zip(fluentIDs, [true, false]) {
                let row = AuditEntry()
                row.id = id
                row.at = at
                row.userID = named ? user : nil
                row.username = named ? "Nguyễn Văn An" : nil
                row.action = "raw.test"
                row.outcome = "ok"
                try await row.create(on: app.db)
            }
            let columns = ["id", "at", "user_id", "username", "action", "outcome"]
            func values(_ ids: [UUID]) -> [BoundValue] {
                [.uuid(ids[0]), .date(at), .uuid(user), .text("Nguyễn Văn An"), .text("raw.test"), .text("ok"),
                 .uuid(ids[1]), .date(at), .null, .null, .text("raw.test"), .text("ok")]
            }
            // Both rows in one statement (a column of values and nulls), and one row a statement (a column of nulls only).
            let together = values(rawIDs), apart = values(splitIDs)
            try await app.db.writeTransaction { db in
                try await RawInsert(table: AuditEntry.schema, columns: columns, rowsPerStatement: 2).run(together, on: db)
                try await RawInsert(table: AuditEntry.schema, columns: columns, rowsPerStatement: 1).run(apart, on: db)
            }

            let stored = try await AuditEntry.query(on: app.db).filter(\.$action == "raw.test").all()
            #expect(stored.count == 6)
            func seen(_ id: UUID) throws -> AuditEntry { try #require(stored.first { $0.id == id }) }
            for (fluent, raw) in zip(fluentIDs + fluentIDs, rawIDs + splitIDs) {
                let a = try seen(fluent), b = try seen(raw)
                #expect(a.at == b.at)
                #expect(a.userID == b.userID)
                #expect(a.username == b.username)
            }
            #expect(try seen(rawIDs[0]).userID == user)
            #expect(try seen(rawIDs[1]).username == nil)
            if engine == .sqlite {
                // Same storage classes and the same text for a UUID, so lookups by either path meet.
                let rows = try await app.db.sql.raw("""
                    SELECT typeof(at) AS t, typeof(user_id) AS u, user_id FROM audit_log WHERE action = 'raw.test' AND user_id IS NOT NULL
                    """).all()
                #expect(rows.count == 3)
                let forms = try rows.map { "\(try $0.decode(column: "t", as: String.self))|\(try $0.decode(column: "u", as: String.self))|\(try $0.decode(column: "user_id", as: String.self))" }
                #expect(Set(forms).count == 1)
            }
        }
    }

    @Test("rows whose id is taken are skipped, the rest inserted and named, in one statement or several", arguments: Engine.enabled)
    func takenIDsSkipped(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let ids = (0..<5).map { _ in UUID() }
            func rows(_ ids: [UUID], _ action: String) -> [BoundValue] {
                ids.flatMap { [BoundValue.uuid($0), .date(Date(timeIntervalSince1970: 1_754_956_800)), .text(action), .text("ok")] }
            }
            let columns = ["id", "at", "action", "outcome"]
            let first = rows([ids[0], ids[2]], "taken.first"), second = rows(ids, "taken.second")
            let inserted = try await app.db.writeTransaction { db in
                try await RawInsert(table: AuditEntry.schema, columns: columns, rowsPerStatement: 5).run(first, on: db)
                // Two rows a statement: one statement meets no taken id, the others meet one each.
                return try await RawInsert(table: AuditEntry.schema, columns: columns, rowsPerStatement: 2)
                    .ignoringTakenIDs(ids, second, on: db)
            }
            #expect(Set(inserted) == [ids[1], ids[3], ids[4]])
            #expect(inserted.count == 3)
            let stored = try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["taken.first", "taken.second"]).all()
            #expect(stored.count == 5)
            // A taken row keeps what it had.
            #expect(stored.first { $0.id == ids[0] }?.action == "taken.first")
            #expect(stored.first { $0.id == ids[4] }?.action == "taken.second")
        }
    }
}
