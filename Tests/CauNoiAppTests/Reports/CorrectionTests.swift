import CauNoiCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CauNoiApp

@Suite("Corrections: new versions, history, idempotency and approval lock")
struct CorrectionTests {
    @Test("a correction replaces the figures, keeps history and is refused after approval", arguments: Engine.enabled)
    func corrections(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await app.team(members: [try await app.volunteer(phone: "0966000001")])
            let id = UUID()
            let original = entry(id: id, team: team, date: "2025-08-05", counts: ["vneid": 10])
            #expect(try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: [original])).status == .ok)

            var fix = entry(team: team, date: "2025-08-05", counts: ["vneid": 12, "ho_so": 3])
            let correctionID = UUID()
            fix["id"] = nil
            fix["correction_id"] = AnyEncodable(correctionID.uuidString)
            fix["base_version"] = AnyEncodable(1)
            let first = try await app.send(.POST, "api/v1/support-entries/\(id)/corrections", json: fix)
            #expect(first.status == .created)
            #expect(try await app.send(.POST, "api/v1/support-entries/\(id)/corrections", json: fix).status == .ok) // duplicate
            var other = fix
            other["counts"] = AnyEncodable(["vneid": 99])
            #expect(try await app.send(.POST, "api/v1/support-entries/\(id)/corrections", json: other).status == .conflict)
            // The original re-sent from a phone's outbox is still a harmless duplicate.
            let resent = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: [original])).content.decode(SupportBatchResponse.self)
            #expect(resent.results.map(\.status) == [.duplicate])

            let list = try await app.send(.GET, "api/v1/support-entries").content.decode(Paged<SupportEntryDTO>.self)
            #expect(list.total == 1)
            #expect(list.items[0].counts == ["vneid": 12, "ho_so": 3] && list.items[0].version == 2 && list.items[0].entryID == id)
            let history = try await app.send(.GET, "api/v1/support-entries/\(id)/history").content.decode([SupportEntryDTO].self)
            #expect(history.map(\.version) == [1, 2])
            #expect(history.map(\.isCurrent) == [false, true])
            let rollup = try await app.send(.GET, "api/v1/reports/rollup?unit=00070&week=2025-W32").content.decode(RollupReport.self)
            #expect(rollup.current.figures.supports == 15)

            // A correction prepared from version 1 after someone else made version 2: refused, nothing stored.
            var stale = fix
            stale["correction_id"] = AnyEncodable(UUID().uuidString)
            stale["counts"] = AnyEncodable(["vneid": 7])
            let lost = try await app.send(.POST, "api/v1/support-entries/\(id)/corrections", json: stale)
            #expect(lost.status == .conflict)
            #expect(try lost.content.decode(APIErrorBody.self).error.fields.map(\.field) == ["base_version"])
            var missing = stale
            missing["base_version"] = nil
            #expect(try await app.send(.POST, "api/v1/support-entries/\(id)/corrections", json: missing).status == .unprocessableEntity)
            #expect(try await SupportEntry.query(on: app.db).count() == 2)
            fix["base_version"] = AnyEncodable(2)

            // Someone else's team: refused.
            let stranger = try await app.team(commune: "00073", members: [try await app.volunteer(phone: "0966000002", commune: "00073")])
            let strangerLeader = try await app.token(for: RoleAssignment(role: .teamLeader, teamID: stranger.id))
            fix["correction_id"] = AnyEncodable(UUID().uuidString)
            #expect(try await app.send(.POST, "api/v1/support-entries/\(id)/corrections", json: fix, token: strangerLeader).status == .notFound)

            // Approval locks the week: corrections are refused with the reason.
            var report = WeeklyReportDraft()
            report.communeCode = "00070"
            report.week = "2025-07-31"   // Thursday 31/7 to Wednesday 6/8, the week of the entry
            report.highlights = "Ổn định"
            let submitted = try await app.send(.POST, "api/v1/weekly-reports", json: report).content.decode(WeeklyReportDTO.self)
            #expect(try await app.send(.POST, "api/v1/weekly-reports/\(submitted.id)/approve").status == .ok)
            let refused = try await app.send(.POST, "api/v1/support-entries/\(id)/corrections", json: fix)
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.content.decode(APIErrorBody.self).error.message.contains("đã được tỉnh duyệt"))
            #expect(try await SupportEntry.query(on: app.db).count() == 2)
        }
    }

    /// Only corrections are indexed by their logical entry (`UpdateSupportEntryPartialLogicalIndex`): that is right only
    /// while every first version's row id is its entry id.
    @Test("an entry's versions are its first row and its corrections, found by index", arguments: Engine.enabled)
    func versionsOfAnEntry(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await app.team(members: [try await app.volunteer(phone: "0966000011")])
            let corrected = UUID(), untouched = UUID()
            let batch = Batch(entries: [entry(id: corrected, team: team, date: "2025-08-05"), entry(id: untouched, team: team, date: "2025-08-06")])
            #expect(try await app.send(.POST, "api/v1/support-entries/batch", json: batch).status == .ok)
            for version in 1...2 {
                var fix = entry(team: team, date: "2025-08-05", counts: ["vneid": 20 + version])
                fix["id"] = nil
                fix["correction_id"] = AnyEncodable(UUID().uuidString)
                fix["base_version"] = AnyEncodable(version)
                #expect(try await app.send(.POST, "api/v1/support-entries/\(corrected)/corrections", json: fix).status == .created)
            }
            for id in [corrected, untouched] {
                let found = try await SupportEntryQueries.versions(of: id, on: app.db).sort(\.$version).all().map(\.version)
                let scanned = try await SupportEntry.query(on: app.db).filter(\.$entryID == id).sort(\.$version).all().map(\.version)
                #expect(found == scanned && found == (id == corrected ? [1, 2, 3] : [1]))
            }
            let firsts = try await SupportEntry.query(on: app.db).filter(\.$version == 1).all()
            #expect(firsts.count == 2 && firsts.allSatisfy { $0.id == $0.entryID })
            if app.db.isSQLite {
                let plan = try await app.db.sql.raw("""
                    EXPLAIN QUERY PLAN SELECT id FROM support_entries WHERE id = \(bind: corrected) OR (entry_id = \(bind: corrected) AND version > 1)
                    """).all().map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "; ")
                #expect(plan.contains("idx_entries_corrections") && !plan.contains("SCAN support_entries"), "\(plan)")
            }
        }
    }
}
