import CauNoiCore
import Fluent
import Foundation
import Testing
import Vapor
@testable import CauNoiApp

@Suite("Backups: taken while serving, restored into an empty database, identical table by table")
struct BackupTests {
    @Test("a backup restores to an identical database; a target that holds tables is refused and left as it was", arguments: Engine.enabled)
    func roundTrip(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            // Data in most of the domain's tables: people, a team, entries, a report with a difficulty, training.
            let v = try await app.volunteer(phone: "0912000001")
            let team = try await app.team(members: [v])
            _ = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: [entry(team: team), entry(team: team, date: "2025-08-11")]))
            var draft = WeeklyReportDraft()
            draft.communeCode = "00070"; draft.week = "2025-08-07"; draft.highlights = "Ổn định"
            draft.difficulties = [DifficultyDraft(category: "platform_fault", description: "VNeID chậm")]
            _ = try await app.send(.POST, "api/v1/weekly-reports", json: draft)
            var session = TrainingSessionDraft()
            session.title = "Tập huấn VNeID"; session.unitCode = "00070"; session.heldOn = "2025-08-01"; session.format = "in_person"; session.topics = ["vneid"]
            let commune = try await app.actor(RoleAssignment(role: .communeAdmin, unitCode: "00070"))
            let held = try await SaveTrainingSession.run(session, campaignCode: nil, actor: commune, on: app.db)
            _ = try await RecordAttendance.run(sessionID: held.id!, add: [v], remove: [], actor: commune, on: app.db)

            let source = app.appConfig.database
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("caunoi-backup-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: file) }
            try await Backups.backup(source, on: app.db, to: file)
            let before = try await Backups.digest(source, on: app.db)
            #expect(before["support_entries"]?.count == 2 && before["training_attendance"]?.count == 1 && (before["org_units"]?.count ?? 0) > 3_000)

            let target = try await TestDatabases.shared.makeEmpty(engine)
            try await Backups.restore(from: file, into: target, tablesNow: 0)
            let after = try await withApp(on: target) { try await Backups.digest(target, on: $0.db) }
            #expect(after.keys.sorted() == before.keys.sorted())
            for table in before.keys.sorted() { #expect(after[table] == before[table], "\(table) differs") }
            await TestDatabases.shared.drop(target)

            // Restoring over a database that holds tables is refused; it keeps its data.
            let tables = try await Backups.tables(source, on: app.db).count
            await #expect(throws: Backups.Failure.self) { try await Backups.restore(from: file, into: source, tablesNow: tables) }
            #expect(try await Backups.digest(source, on: app.db) == before)
            #expect(Backups.withoutPassword("postgres://u:s%40cret@h:5432/db") == ("postgres://u@h:5432/db", "s@cret"))
            // An existing file is never overwritten by a backup; a file that is not a SQLite database is never restored.
            await #expect(throws: Backups.Failure.self) { try await Backups.backup(source, on: app.db, to: file) }
            if case .sqlite = source {
                let junk = file + ".txt"
                try Data("Không phải cơ sở dữ liệu".utf8).write(to: URL(fileURLWithPath: junk))
                defer { try? FileManager.default.removeItem(atPath: junk) }
                let fresh = try await TestDatabases.shared.makeEmpty(.sqlite)
                await #expect(throws: Backups.Failure.self) { try await Backups.restore(from: junk, into: fresh, tablesNow: 0) }
                if case .sqlite(let path) = fresh { #expect(!FileManager.default.fileExists(atPath: path)) }
            }
        }
    }
}
