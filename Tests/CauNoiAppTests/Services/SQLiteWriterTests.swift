import CauNoiCore
import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import CauNoiApp

/// SQLite's writer connections: set up once, statement journals in memory, and the WAL folded back in the
/// background rather than by the commits.
@Suite("SQLite writer")
struct SQLiteWriterTests {
    @Test("batches commit on the writer's own connection; the background checkpoint folds the WAL back")
    func writerAndCheckpoint() async throws {
        guard Engine.enabled.contains(.sqlite) else { return }
        try await withCauNoi(.sqlite, adjust: { $0.backgroundWork = true }) { app in
            let writer = try #require(app.sqliteWriter)
            let members = [try await app.volunteer(phone: "0912000021")]
            let team = try await app.team(members: members)
            let res = try await app.send(.POST, "api/v1/support-entries/batch",
                                         json: ["entries": [entry(team: team), entry(team: team, date: "2025-08-13")]])
            #expect(try res.content.decode(SupportBatchResponse.self).summary.created == 2)

            let settings = try await writer.transaction(logger: app.logger) { db in
                (try await db.sql.raw("PRAGMA temp_store").first()?.decode(column: "temp_store", as: Int.self),
                 try await db.sql.raw("PRAGMA wal_autocheckpoint").first()?.decode(column: "wal_autocheckpoint", as: Int.self),
                 try await db.sql.raw("PRAGMA busy_timeout").first()?.decode(column: "timeout", as: Int.self))
            }
            #expect(settings.0 == 2, "statement journals in memory")
            #expect(settings.1 == 0, "commits leave checkpoints to the background")
            #expect(settings.2 == SQLitePragmas.busyTimeoutMilliseconds)

            // Within a few seconds the background checkpoint has seen the frames and folded them all back.
            var folded = false
            for _ in 0..<40 where !folded {
                try await Task.sleep(for: .milliseconds(100))
                let text = try await app.metrics.scrape(today: LocalDate.today(now: fixedNow), now: fixedNow, on: app.db)
                func frames(_ state: String) -> Int? {
                    text.split(separator: "\n").first { $0.hasPrefix("caunoi_sqlite_wal_frames_count{state=\"\(state)\"}") }
                        .flatMap { Int(Double($0.split(separator: " ").last ?? "") ?? -1) }
                }
                if let log = frames("log"), log > 0, frames("checkpointed") == log { folded = true }
            }
            #expect(folded, "the background checkpoint folded the WAL back")
        }
    }

    @Test("a checkpoint on the writer's connection lets the next commit start the WAL over")
    func writerRestartsTheLog() async throws {
        guard Engine.enabled.contains(.sqlite) else { return }
        var path = ""
        try await withCauNoi(.sqlite, adjust: { if case .sqlite(let file) = $0.database { path = file } }) { app in
            let writer = try #require(app.sqliteWriter)
            func commit(rows: Int) async throws {
                try await writer.transaction(logger: app.logger) { db in
                    // No automatic checkpoints: as on a node that checkpoints in the background.
                    try await db.sql.raw("PRAGMA wal_autocheckpoint = 0").run()
                    try await db.sql.raw("CREATE TABLE IF NOT EXISTS wal_fill (x BLOB)").run()
                    try await db.sql.raw("""
                        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(literal: rows))
                        INSERT INTO wal_fill SELECT randomblob(3000) FROM n
                        """).run()
                }
            }
            try await commit(rows: 2_000)
            // What a node under load meets: a reader still on the WAL as it stood, a commit behind it, and the pass beside
            // the writer folding back only what that reader allows.
            let reader = try await SQLiteConnection.open(storage: .file(path: path))
            try await reader.query("BEGIN", [])
            _ = try await reader.query("SELECT count(*) FROM wal_fill", [])
            try await commit(rows: 5)
            let beside = try await WALCheckpointLifecycle.checkpoint(on: app.db)
            try await reader.query("COMMIT", [])
            try await reader.close()
            #expect(beside.log >= 2_000 && beside.checkpointed < beside.log, "the pass ended behind the last commit")

            let finished = try await writer.checkpoint(logger: app.logger)
            #expect(finished.log == beside.log && finished.checkpointed == finished.log, "the writer folds back what was left")
            try await commit(rows: 5)
            let after = try await WALCheckpointLifecycle.checkpoint(on: app.db)
            #expect(after.log < 100, "the next commit wrote from the WAL's beginning (\(after.log) frames)")
        }
    }
}
