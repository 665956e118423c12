import CauNoiCore
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import VaporTesting
@testable import CauNoiApp

/// Batches that arrive together share one transaction and one commit, and each is answered as if it were alone.
@Suite("Group commit of support-entry batches")
struct GroupCommitTests {
    @Test("one transaction: a failed group write and a failed piece are rolled back with their pending ledger marks, the others commit",
          arguments: Engine.enabled)
    func failingPieceAlone(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let campaignID = try (try await CampaignQueries.require("he-2025", on: app.db)).requireID()
            let marks = NIOLockedValueBox<[String: UUID]>([:])
            @Sendable func write(_ job: String, on db: any Database) async throws {
                try await db.sql.raw("""
                    INSERT INTO job_runs (job, period, node, started_at) VALUES (\(bind: job), 'p', 'test', \(bind: fixedNow))
                    """).run()
                let mark = UUID()
                marks.withLockedValue { $0[job] = mark }
                let entry = RollupLedger.Entry(date: LocalDate(iso: "2025-08-11")!, teamID: "t", communeCode: "00070", provinceCode: "01",
                                               total: 1, place: "home", counts: ["vneid": 1], groups: [:], volunteerIDs: [])
                try await RollupLedgerStore.markPending([(mark, entry.encoded)], campaignID: campaignID, on: db)
            }
            let alone: GroupCommit<Int, Int>.Alone = { i, db in
                try await write("piece-\(i)", on: db)
                if i == 1 { throw AppError.badRequest(vi: "hỏng", en: "broken") }
                return i
            }
            // A group write that stores something, then fails: none of it may stay.
            let together: GroupCommit<Int, Int>.Together = { works, db in
                for i in works { try await write("together-\(i)", on: db) }
                throw AppError.badRequest(vi: "hỏng", en: "broken")
            }
            for (round, group) in [("alone", nil), ("after a failed group write", together)] {
                try await app.db.sql.raw("DELETE FROM job_runs WHERE period = 'p'").run()
                try await app.db.sql.raw("DELETE FROM rollup_pending").run()
                let results = await GroupCommit<Int, Int>.commit([0, 1, 2], on: app.db, alone: alone, together: group)
                #expect(results.map { try? $0.get() } == [0, nil, 2], "\(round)")
                let stored = try await app.db.sql.raw("SELECT job FROM job_runs WHERE period = 'p' ORDER BY job").all()
                    .map { try $0.decode(column: "job", as: String.self) }
                #expect(stored == ["piece-0", "piece-2"], "\(round)")
                // The pending marks of the pieces that committed stay; the failed piece's and the group write's went.
                let pending = Set(try await app.db.sql.raw("SELECT entry_row_id FROM rollup_pending").all()
                    .map { try $0.decode(column: "entry_row_id", as: UUID.self) })
                let expected = Set(marks.withLockedValue { held in ["piece-0", "piece-2"].compactMap { held[$0] } })
                #expect(pending == expected, "\(round)")
            }
        }
    }

    @Test("batches waiting for the writer share a commit; duplicates, conflicts and rejections across them are answered as alone",
          arguments: Engine.enabled)
    func mergedBatchesAnswerAsAlone(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let members = [try await app.volunteer(phone: "0912000001"), try await app.volunteer(phone: "0912000002")]
            let team = try await app.team(members: members)
            let outsider = try await app.volunteer(phone: "0912000003")
            let x = UUID(), y = UUID(), p = UUID(), z = UUID(), w = UUID()
            let batches: [[[String: AnyEncodable]]] = [
                [entry(id: x, team: team), entry(id: p, team: team, date: "2025-08-11")],
                [entry(id: x, team: team)],                                  // the same entry again: duplicate of whichever ran first
                [entry(id: y, team: team, counts: ["vneid": 13])],
                [entry(id: y, team: team, counts: ["vneid": 14]),           // same id, other content: conflict with whichever ran first
                 entry(team: team, date: "2025-09-30")],                     // after the campaign's end: rejected
                [entry(id: z, team: team, volunteers: [outsider]),           // not a member: refused by the group's reference read
                 entry(id: w, team: team, date: "2025-08-13")],
            ]

            // Hold the writer, so the batches queue behind one another and the waiting ones are merged.
            let writer = try await HeldWriter(app)
            let answers = NIOLockedValueBox<[Int: SupportBatchResponse]>([:])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, batch) in batches.enumerated() {
                    group.addTask {
                        let res = try await app.send(.POST, "api/v1/support-entries/batch", json: ["entries": batch])
                        let decoded = try res.content.decode(SupportBatchResponse.self)
                        answers.withLockedValue { $0[index] = decoded }
                    }
                }
                // Let every batch validate and reach the group commit (on a loaded machine that can take seconds), then
                // let the writer go.
                let committer = try #require(app.groupCommit)
                for _ in 0..<600 where committer.pending < batches.count { try await Task.sleep(for: .milliseconds(50)) }
                #expect(committer.pending == batches.count, "every batch reached the group commit before the writer was let go")
                writer.release()
                try await group.waitForAll()
            }
            try await writer.released()
            let byBatch = answers.withLockedValue { $0 }
            func statuses(_ id: UUID) -> [EntryResultDTO.Status] {
                byBatch.values.flatMap(\.results).filter { $0.id == id.uuidString }.map(\.status).sorted { $0.rawValue < $1.rawValue }
            }
            #expect(statuses(x) == [.created, .duplicate])
            #expect(statuses(y) == [.conflict, .created])
            #expect(statuses(p) == [.created])
            #expect(byBatch[3]?.results.last?.status == .rejected)
            let refused = try #require(byBatch[4]?.results.first)
            #expect(refused.status == .rejected)
            #expect(refused.error?.fields.map(\.field) == ["entries[0].volunteer_ids"])

            // Merged: fewer commits than batches. Stored once each, and the ledger equals the raw rows.
            let text = try await app.metrics.scrape(today: LocalDate.today(now: fixedNow), now: fixedNow, on: app.db)
            func value(_ name: String) -> Int {
                text.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Int(Double($0.split(separator: " ").last ?? "") ?? -1) } ?? 0
            }
            #expect(value("caunoi_group_commit_batches_total") == 5)
            #expect(value("caunoi_group_commits_total") < 5, "\(value("caunoi_group_commits_total")) commits for 5 batches")
            #expect(value("caunoi_group_commit_one_by_one_total") == 0, "the merged batches were stored together")
            #expect(statuses(w) == [.created])
            for (id, stored) in [(x, 1), (y, 1), (p, 1), (z, 0), (w, 1)] {
                let n = try await app.db.sql.raw("SELECT COUNT(*) AS n FROM support_entries WHERE id = \(bind: id)").first()?.decode(column: "n", as: Int.self)
                #expect(n == stored)
            }
            // One audit row per batch, written together.
            let audited = try await AuditEntry.query(on: app.db).filter(\.$action == "support_entries.batch").all()
            #expect(audited.count == 5)
            #expect(audited.allSatisfy { $0.username == "admin" && $0.outcome == "ok" && $0.userID != nil && $0.requestID != nil })
            // "created N of M entries; provinces 01": N of the batch's M entries that reached the writer were new.
            let created = audited.compactMap { $0.detail?.split(separator: " ") }.compactMap { $0.count > 1 ? Int($0[1]) : nil }
            #expect(created.reduce(0, +) == 4, "x, y, p and w once each: \(audited.compactMap(\.detail))")
            #expect(audited.allSatisfy { $0.detail?.hasSuffix("entries; provinces 01") == true && $0.provinceCode == "01" })
            let campaign = try await CampaignQueries.require("he-2025", on: app.db)
            try await RollupLedgerTests().expectLedgerMatchesRaw(app, campaign: campaign, note: "after merged commits")
        }
    }

    /// The node keeps the references its groups read (`ReferenceCache`) while their generation stays put. A change made
    /// anywhere — another node, the CLI, straight in the database — must reach the next group: a membership ended,
    /// a commune added to a team's coverage, a team created, a week approved. A cache too small to hold two teams
    /// starts afresh and answers the same.
    @Test("the node's reference cache answers as a fresh read and sees every change made anywhere", arguments: Engine.enabled)
    func referenceCacheSeesChanges(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let kept = try await app.volunteer(phone: "0912000061")
            let leaving = try await app.volunteer(phone: "0912000062")
            let team = try await app.team(members: [kept, leaving])
            let campaignID = try (try await CampaignQueries.require("he-2025", on: app.db)).requireID()
            let actor = try await app.actor(RoleAssignment(role: .centralAdmin, unitCode: "VN"))
            func batch(_ team: TeamDTO, _ volunteers: [UUID], commune: String? = nil, date: String = "2025-08-12") -> SupportEntryIngest.BatchWrite {
                let rows = volunteers.map { volunteer in
                    let entry = ValidSupportEntry(id: UUID(), teamID: team.id, communeCode: commune ?? team.homeCommuneCode,
                                                  date: LocalDate(iso: date)!, volunteerIDs: [volunteer], counts: ["vneid": 1],
                                                  beneficiaries: [:], place: .serviceCentre, languages: [.vi], note: nil)
                    return SupportEntryIngest.StoreRow(entry: entry, hash: SupportEntryIngest.contentHash(entry, campaignCode: "he-2025"),
                                                       province: References.province(ofCommune: entry.communeCode) ?? "",
                                                       entryID: entry.id, version: 1, campaignID: campaignID, createdAt: fixedNow)
                }
                return .init(rows: rows, prefixes: rows.indices.map { "entries[\($0)]." }, campaignID: campaignID, weekStartsOn: 4,
                             audit: actor.event("support_entries.batch"), policy: actor.policy)
            }
            for cache in [ReferenceCache(), ReferenceCache(maxTeams: 1)] {
                func write(_ batch: SupportEntryIngest.BatchWrite) async throws -> [String] {
                    // The cache's answer is a fresh read's, entry by entry.
                    let entries = batch.rows.map(\.entry)
                    let fresh = try await References.load(for: entries, campaignID: campaignID, weekStartsOn: 4, on: app.db)
                    let cached = try await app.db.writeTransaction { try await cache.references(for: entries, on: $0) }
                        .narrowed(to: campaignID, weekStartsOn: 4)
                    for entry in entries { #expect(cached.check(entry, prefix: "") == fresh.check(entry, prefix: "")) }
                    let outcome = try await app.db.writeTransaction { try await SupportEntryIngest.write(batch, cache: cache, on: $0) }
                    return batch.rows.map { outcome.created.contains($0.entry.id) ? "created"
                        : outcome.rejected[$0.entry.id]?.map(\.field).joined(separator: ",") ?? "?" }
                }
                #expect(try await write(batch(team, [kept, leaving])) == ["created", "created"])
                // Straight in the database, as another node or the CLI would.
                try await app.db.sql.raw("UPDATE team_memberships SET to_date = NULL WHERE volunteer_id = \(bind: leaving)").run()
                #expect(try await write(batch(team, [kept, leaving], commune: "00073")) == ["entries[0].commune_code", "entries[1].commune_code"])
                try await app.db.sql.raw("INSERT INTO team_coverage (id, team_id, commune_code) VALUES (\(bind: UUID()), \(bind: team.id), '00073')").run()
                #expect(try await write(batch(team, [kept], commune: "00073")) == ["created"])
                try await app.db.sql.raw("UPDATE team_memberships SET to_date = '2025-07-31' WHERE volunteer_id = \(bind: leaving)").run()
                #expect(try await write(batch(team, [kept, leaving])) == ["created", "entries[1].volunteer_ids"])
                let other = try await app.team(commune: "00073", members: [try await app.volunteer(phone: "09120000\(cache.maxTeams == 1 ? 71 : 72)", commune: "00073")])
                #expect(try await write(batch(other, other.members?.map(\.volunteerID) ?? [])) == ["created"])
                #expect(try await write(batch(team, [kept])) == ["created"])
                try await app.db.sql.raw("DELETE FROM team_coverage WHERE team_id = \(bind: team.id)").run()
                try await app.db.sql.raw("UPDATE team_memberships SET to_date = NULL WHERE volunteer_id = \(bind: leaving)").run()
            }
            // Approval locks the week (Thursday 7/8 to Wednesday 13/8) for every node's next group.
            let cache = ReferenceCache()
            func stored(_ batch: SupportEntryIngest.BatchWrite) async throws -> Bool {
                try await app.db.writeTransaction { try await SupportEntryIngest.write(batch, cache: cache, on: $0) }.created.count == 1
            }
            #expect(try await stored(batch(team, [kept])))
            var report = WeeklyReportDraft()
            report.communeCode = team.homeCommuneCode
            report.week = "2025-08-07"
            report.highlights = "Ổn định"
            let submitted = try await app.send(.POST, "api/v1/weekly-reports", json: report).content.decode(WeeklyReportDTO.self)
            #expect(try await stored(batch(team, [kept])))
            #expect(try await app.send(.POST, "api/v1/weekly-reports/\(submitted.id)/approve").status == .ok)
            #expect(try await !stored(batch(team, [kept])))
            #expect(try await stored(batch(team, [kept], date: "2025-08-14")))
        }
    }

    /// PostgreSQL writes two groups at once. Two batches naming the same entries in opposite orders, written in two
    /// groups at the same moment, must not deadlock: rows are inserted in id order.
    @Test("two groups written at once with the same entries in opposite orders: no deadlock, each entry created once",
          arguments: Engine.enabled)
    func concurrentGroupsSameEntries(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await app.team(members: [try await app.volunteer(phone: "0912000041")])
            let ids = (0..<6).map { _ in UUID() }
            let forward = ids.map { entry(id: $0, team: team) }
            let backward = Array(forward.reversed())
            let writer = try await HeldWriter(app)
            let statuses = try await withThrowingTaskGroup(of: [EntryResultDTO.Status].self) { group in
                for batch in [forward, backward] {
                    group.addTask {
                        let res = try await app.send(.POST, "api/v1/support-entries/batch", json: ["entries": batch])
                        #expect(res.status == .ok)
                        return try res.content.decode(SupportBatchResponse.self).results.map(\.status)
                    }
                    try await Task.sleep(for: .milliseconds(300))  // the first leads alone; the second waits in another group
                }
                try await Task.sleep(for: .milliseconds(1_000))
                writer.release()
                return try await group.reduce(into: []) { $0 += $1 }
            }
            try await writer.released()
            #expect(statuses.filter { $0 == .created }.count == 6)
            #expect(statuses.filter { $0 == .duplicate }.count == 6)
            let text = try await app.metrics.scrape(today: LocalDate.today(now: fixedNow), now: fixedNow, on: app.db)
            let oneByOne = text.split(separator: "\n").first { $0.hasPrefix("caunoi_group_commit_one_by_one_total ") }
            #expect(oneByOne == nil || oneByOne?.hasSuffix(" 0") == true, "a group failed and was written one by one: \(oneByOne ?? "")")
        }
    }

    /// A group's transaction that never answers (postgres-nio can lose a statement sent as PostgreSQL restarts) must
    /// not hold up the node's ingest: its callers get "database unavailable" at the deadline, and the next group runs.
    @Test("a group whose transaction never answers is answered 503 at its deadline; the queue goes on", arguments: Engine.enabled)
    func hungGroupDoesNotBlockTheQueue(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let calls = NIOLockedValueBox(0)
            let never = AsyncStream<Void>.makeStream()
            let db = app.db
            let commit = GroupCommit<Int, Int>(
                transaction: { _, body in
                    if calls.withLockedValue({ $0 += 1; return $0 }) == 1 {
                        for await _ in never.stream {}  // the lost statement: no answer, ever
                    }
                    return try await body(db)  // later groups answer at once: no timing in the test but the deadline's
                },
                alone: { i, _ in i }, deadline: .seconds(2))
            do {
                _ = try await commit.run(1, weight: 1, on: db)
                Issue.record("a group that never committed was answered")
            } catch AppError.databaseUnavailable {}
            #expect(try await commit.run(2, weight: 1, on: db) == 2)
            never.continuation.finish()
        }
    }
}

/// Holds the node's writer until `release`, so that batches queue behind it: on SQLite the writers' gate, on
/// PostgreSQL the entries table (batches take no ledger lock: their entries are counted later).
private struct HeldWriter {
    private let signal = AsyncStream<Void>.makeStream()
    private let holder: Task<Void, any Error>

    init(_ app: Application) async throws {
        let holding = AsyncStream<Void>.makeStream()
        let release = signal
        holder = Task {
            if app.db.isSQLite {
                await SQLitePragmas.writers.withLock {
                    holding.continuation.yield()
                    for await _ in release.stream { break }
                }
            } else {
                try await app.db.withConnection { connection in
                    try await connection.sql.raw("BEGIN").run()
                    try await connection.sql.raw("LOCK TABLE support_entries IN EXCLUSIVE MODE").run()
                    holding.continuation.yield()
                    for await _ in release.stream { break }
                    try await connection.sql.raw("COMMIT").run()
                }
            }
        }
        for await _ in holding.stream { break }
    }

    func release() { signal.continuation.yield() }

    func released() async throws { try await holder.value }
}
