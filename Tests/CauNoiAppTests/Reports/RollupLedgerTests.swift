import CauNoiCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import CauNoiApp

@Suite("Rollup ledger against the entries")
struct RollupLedgerTests {
    /// Everything that changes a figure after the entries exist: corrections that move an entry to
    /// another week and drop a volunteer, a course that makes an active volunteer trained, and
    /// communes gaining and losing the border flag. After each, the ledger must equal the raw SQL.
    @Test("the ledger equals the raw rollup after corrections, courses and flag changes, and equals a rebuild",
          arguments: Engine.enabled)
    func ledgerMatchesRaw(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            _ = try await Simulator.run(app, scale: .tiny, seed: 11) { _, _ in }
            let campaign = try await CampaignQueries.require("he-2025", on: app.db)
            try await expectLedgerMatchesRaw(app, campaign: campaign, note: "after loading")

            // Corrections: move three entries a week earlier and keep only their first volunteer.
            let ids = try await app.db.sql.raw("""
                SELECT id FROM support_entries WHERE is_current = \(bind: true) AND entry_date >= '2025-08-04' ORDER BY id LIMIT 3
                """).all().map { try $0.decode(column: "id", as: UUID.self) }
            #expect(ids.count == 3)
            for id in ids {
                let old = try #require(try await RollupLedgerStore.entries(ids: [id], on: app.db).first)
                let row = try #require(try await SupportEntry.find(id, on: app.db))
                let body: [String: AnyEncodable] = [
                    "correction_id": AnyEncodable(UUID().uuidString), "base_version": AnyEncodable(row.version), "team_id": AnyEncodable(old.teamID),
                    "commune_code": AnyEncodable(old.communeCode), "date": AnyEncodable(old.date.adding(days: -7).iso),
                    "volunteer_ids": AnyEncodable(Array(old.volunteerIDs.prefix(1))), "counts": AnyEncodable(old.counts),
                    "beneficiaries": AnyEncodable(old.groups), "place": AnyEncodable(old.place), "languages": AnyEncodable(["vi"]),
                ]
                let res = try await app.send(.POST, "api/v1/support-entries/\(row.entryID)/corrections", json: body)
                #expect(res.status == .created, "\(res.body.string)")
            }
            try await expectLedgerMatchesRaw(app, campaign: campaign, note: "after corrections")

            // An active volunteer with one of the two courses completes the second.
            let halfTrained = try #require(try await app.db.sql.raw("""
                SELECT c.volunteer_id AS v FROM course_completions c
                WHERE EXISTS (SELECT 1 FROM support_entry_volunteers s WHERE s.volunteer_id = c.volunteer_id)
                GROUP BY c.volunteer_id HAVING COUNT(*) = 1 ORDER BY c.volunteer_id LIMIT 1
                """).first()?.decode(column: "v", as: UUID.self))
            let done = try await app.db.sql.raw("SELECT course_code AS c FROM course_completions WHERE volunteer_id = \(bind: halfTrained)")
                .first()?.decode(column: "c", as: String.self)
            let missing = try #require(campaign.settings.requiredCourses.map(\.code).first { $0 != done })
            let course = try await app.send(.POST, "api/v1/volunteers/\(halfTrained)/courses",
                                            json: ["course_code": missing, "completed_on": "2025-08-01"])
            #expect(course.status == .created, "\(course.body.string)")

            // A learning platform's export completes the missing course for several more at once (the batched path).
            let halves = try await app.db.sql.raw("""
                SELECT v.phone AS p, MIN(c.course_code) AS c FROM course_completions c JOIN volunteers v ON v.id = c.volunteer_id
                WHERE EXISTS (SELECT 1 FROM support_entry_volunteers s WHERE s.volunteer_id = c.volunteer_id)
                GROUP BY c.volunteer_id, v.phone HAVING COUNT(*) = 1 ORDER BY c.volunteer_id LIMIT 6
                """).all().map { (try $0.decode(column: "p", as: String.self), try $0.decode(column: "c", as: String.self)) }
            #expect(halves.count >= 2)
            let names = Dictionary(uniqueKeysWithValues: campaign.settings.requiredCourses.map { ($0.code, $0.name) })
            let csv = "Số điện thoại;Khóa học;Ngày hoàn thành\n" + halves.map { phone, done in
                let other = campaign.settings.requiredCourses.first { $0.code != done }!.code
                return "\(phone);\(names[other]!);02/08/2025 09:15"
            }.joined(separator: "\n")
            let imported = try await app.send(.POST, "api/v1/course-completions/import", rawBody: csv, contentType: HTTPMediaType(type: "text", subType: "csv"))
            #expect(imported.status == .ok, "\(imported.body.string)")
            #expect(try imported.content.decode(ImportCourses.Result.self).newlyTrained == halves.count)

            // The busiest commune becomes a border commune; a border commune with entries stops being one.
            let busiest = try #require(try await app.db.sql.raw("""
                SELECT e.commune_code AS c FROM support_entries e JOIN org_units u ON u.code = e.commune_code
                WHERE u.is_border = \(bind: false) AND u.is_island = \(bind: false)
                GROUP BY e.commune_code ORDER BY COUNT(*) DESC, e.commune_code LIMIT 1
                """).first()?.decode(column: "c", as: String.self))
            #expect(try await app.send(.PATCH, "api/v1/org-units/\(busiest)", json: ["is_border": true]).status == .ok)
            if let border = try await app.db.sql.raw("""
                SELECT e.commune_code AS c FROM support_entries e JOIN org_units u ON u.code = e.commune_code
                WHERE u.is_border = \(bind: true) AND u.is_island = \(bind: false) AND e.commune_code <> \(bind: busiest)
                ORDER BY e.commune_code LIMIT 1
                """).first()?.decode(column: "c", as: String.self) {
                #expect(try await app.send(.PATCH, "api/v1/org-units/\(border)", json: ["is_border": false]).status == .ok)
            }
            try await expectLedgerMatchesRaw(app, campaign: campaign, note: "after course and flag changes")

            // Rebuilding from the entries gives the same ledger as all the incremental changes.
            let incremental = try await ledgerRows(app.db)
            try await RollupLedgerStore.rebuild(campaign: campaign, on: app.db)
            let rebuilt = try await ledgerRows(app.db)
            #expect(incremental == rebuilt)
            #expect(rebuilt.count > 1_000)

            // The first day of the week is data: Sunday, then Monday weeks recount the ledger, which again equals the entries.
            for weekday in [7, 1] {
                var body = CampaignDraft(try #require(try await CampaignQueries.require("he-2025", on: app.db).definition))
                body.weekStartsOn = weekday
                let res = try await app.send(.PUT, "api/v1/campaigns/he-2025", json: body)
                #expect(res.status == .ok, "\(res.body.string)")
                try await expectLedgerMatchesRaw(app, campaign: try await CampaignQueries.require("he-2025", on: app.db),
                                                 note: "weeks from day \(weekday)")
            }
        }
    }

    @Test("a week with no entries reads as zeros, and an ISO week in a Thursday campaign is a window of two weeks", arguments: Engine.enabled)
    func fallbacks(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let campaign = try await CampaignQueries.require("he-2025", on: app.db)
            let start = try #require(campaign.definition?.start)
            let monToSun = DateRange(from: LocalDate(iso: "2025-08-04")!, to: LocalDate(iso: "2025-08-10")!)!
            let span = RollupLedger.Span(start: start, lastDay: LocalDate(iso: "2025-08-15")!, weekStartsOn: 4)
            #expect(RollupLedger.period(for: monToSun, span: span) == .window(.init(monToSun, weekStartsOn: 4)))
            let empty = RollupQueries.Scope(campaignID: try campaign.requireID(), unit: .nation,
                                            range: DateRange(from: LocalDate(iso: "2025-07-24")!, to: LocalDate(iso: "2025-07-30")!)!,
                                            requiredCourses: [], ledger: span)
            let fromLedger = try #require(try await LedgerRollupQueries.figures(empty, byChild: false, on: app.db))
            #expect(fromLedger[""] == (try await RollupQueries.rawFigures(empty, on: app.db))[""])
            #expect(fromLedger[""]?.communesInScope == 3_321)
        }
    }

    @Test("a cached rollup and the home page change as soon as an entry is written", arguments: Engine.enabled)
    func cacheFollowsWrites(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let volunteer = try await app.volunteer(phone: "0912000111")
            let team = try await app.team(members: [volunteer])
            func national() async throws -> RollupFigures {
                try await app.send(.GET, "api/v1/reports/rollup?unit=VN&week=2025-W33").content.decode(RollupReport.self).current.figures
            }
            #expect(try await national().supports == 0)
            #expect(try await national().supports == 0)  // now served from the cache
            let first = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: [entry(team: team, counts: ["vneid": 12])]))
            #expect(first.status == .ok)
            #expect(try await national().supports == 12)
            #expect(try await national().volunteersActive == 1)
            _ = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: [entry(team: team, date: "2025-08-13", counts: ["ho_so": 30])]))
            #expect(try await national().supports == 42)
            let home = try await app.send(.GET, "/").body.string
            #expect(home.contains("<b>42</b><span>lượt hỗ trợ người dân</span>"))
            #expect(home.contains("<b>1</b><span>tình nguyện viên đã tham gia</span>"))
            #expect(home.contains("<b>2</b><span>bản ghi hỗ trợ</span>"))
        }
    }

    /// The seeded campaign as the ledger reads it on the test clock's day (15/8/2025).
    static func span(_ d: CampaignDefinition) -> RollupLedger.Span {
        RollupLedger.Span(start: d.start, lastDay: LocalDate(iso: "2025-08-15")!, weekStartsOn: d.weekStartsOn)
    }

    /// New entries read only the presence rows of the weeks they touch and each subject's first row (issue 16). Batches
    /// arriving out of order move a volunteer's first week and first day earlier, fill a week in between and add
    /// to a week already present; after each, the ledger must equal the raw SQL.
    @Test("additions out of order: first week and day move earlier, the ledger equals the raw rollup", arguments: Engine.enabled)
    func additionsOutOfOrder(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let members = [try await app.volunteer(phone: "0912000011"), try await app.volunteer(phone: "0912000012")]
            let team = try await app.team(members: members)
            let campaign = try await CampaignQueries.require("he-2025", on: app.db)
            let first = [members[0]]
            for (step, batch) in [
                [entry(team: team, date: "2025-08-13")],
                [entry(team: team, date: "2025-07-24", volunteers: first)],                  // an earlier week: the first week moves
                [entry(team: team, date: "2025-07-23", volunteers: first)],                  // an earlier day in an earlier week
                [entry(team: team, date: "2025-08-01"), entry(team: team, date: "2025-08-14")], // a week between, and the last week again
                [entry(team: team, date: "2025-07-25")],                                     // the second volunteer's first day moves
            ].enumerated() {
                let res = try await app.send(.POST, "api/v1/support-entries/batch", json: ["entries": batch])
                #expect(try res.content.decode(SupportBatchResponse.self).summary.created == batch.count)
                try await expectLedgerMatchesRaw(app, campaign: campaign, note: "after batch \(step)")
            }
        }
    }

    func expectLedgerMatchesRaw(_ app: Application, campaign: Campaign, note: String) async throws {
        let definition = try #require(campaign.definition)
        let courses = definition.requiredCourses.map(\.code)
        let provinces = try await app.db.sql.raw("SELECT DISTINCT province_code AS p FROM support_entries ORDER BY province_code")
            .all().map { try $0.decode(column: "p", as: String.self) }
        var units: [RollupQueries.Unit] = [.nation]
        units += provinces.prefix(4).map { .province($0) }
        var week = definition.firstWeek
        while week.start <= LocalDate(iso: "2025-08-15")! {
            // A week, the campaign to the week's end, the campaign to a mid-week day, and a single day.
            let midWeek = max(definition.start, week.start.adding(days: 2)), oneDay = week.start.adding(days: 1)
            for range in [week.range, DateRange(from: definition.start, to: week.end)!, DateRange(from: definition.start, to: midWeek)!,
                          DateRange(from: oneDay, to: oneDay)!] {
                for unit in units {
                    let scope = RollupQueries.Scope(campaignID: try campaign.requireID(), unit: unit, range: range,
                                                    requiredCourses: courses, ledger: Self.span(definition))
                    let ledger = try #require(try await LedgerRollupQueries.figures(scope, byChild: false, on: app.db), "\(unit) \(range)")
                    let raw = try await RollupQueries.rawFigures(scope, on: app.db)
                    #expect(ledger == raw, "\(note): \(unit) \(range.from)…\(range.to)")
                    if unit == .nation {
                        let children = try #require(try await LedgerRollupQueries.figures(scope, byChild: true, on: app.db))
                        #expect(children == (try await RollupQueries.rawFigures(scope, byChild: true, on: app.db)),
                                "\(note): provinces \(range.from)…\(range.to)")
                    }
                }
            }
            // Other ranges come from the presence rows of their weeks: across two week ends, inside one week, and
            // from before the campaign's first entries to mid-week.
            for range in [DateRange(from: week.start.adding(days: 2), to: week.end.adding(days: 3))!,
                          DateRange(from: week.start.adding(days: 1), to: week.start.adding(days: 4))!,
                          DateRange(from: definition.start.adding(days: -3), to: week.start.adding(days: 5))!] {
                for unit in units {
                    let scope = RollupQueries.Scope(campaignID: try campaign.requireID(), unit: unit, range: range, requiredCourses: courses,
                                                    ledger: Self.span(definition))
                    let ledger = try #require(try await LedgerRollupQueries.figures(scope, byChild: false, on: app.db), "\(unit) \(range)")
                    #expect(ledger == (try await RollupQueries.rawFigures(scope, on: app.db)), "\(note): \(unit) \(range.from)…\(range.to)")
                    if unit == .nation {
                        #expect(try await LedgerRollupQueries.figures(scope, byChild: true, on: app.db)
                                == (try await RollupQueries.rawFigures(scope, byChild: true, on: app.db)),
                                "\(note): provinces \(range.from)…\(range.to)")
                    }
                }
            }
            week = week.adding(weeks: 1)
        }
    }

    /// Every non-zero ledger row as text, sorted, so two ledgers compare as a whole.
    private func ledgerRows(_ db: any Database) async throws -> [String] {
        var out: [String] = []
        for row in try await db.sql.raw("SELECT scope_code, entry_date, measure, item, value FROM rollup_daily_sums WHERE value <> 0").all() {
            out.append(["sum", try row.decode(column: "scope_code", as: String.self), try row.decode(column: "entry_date", as: String.self),
                        try row.decode(column: "measure", as: String.self), try row.decode(column: "item", as: String.self),
                        String(try row.decode(column: "value", as: Int.self))].joined(separator: "|"))
        }
        for row in try await db.sql.raw("""
            SELECT kind, subject, province_code, week_start, refs, day_refs, day_mask, flagged FROM rollup_presence
            """).all() {
            out.append(["presence", try row.decode(column: "kind", as: String.self), try row.decode(column: "subject", as: String.self),
                        try row.decode(column: "province_code", as: String.self), try row.decode(column: "week_start", as: String.self),
                        String(try row.decode(column: "refs", as: Int.self)), try row.decode(column: "day_refs", as: String.self),
                        String(try row.decode(column: "day_mask", as: Int.self)), String(try row.decode(column: "flagged", as: Bool.self))]
                .joined(separator: "|"))
        }
        for row in try await db.sql.raw("""
            SELECT scope_code, kind, week_start, n, n_new, f, f_new FROM rollup_weekly_counts
            WHERE n <> 0 OR n_new <> 0 OR f <> 0 OR f_new <> 0
            """).all() {
            out.append("count|" + (try ["scope_code", "kind", "week_start"].map { try row.decode(column: $0, as: String.self) }.joined(separator: "|"))
                       + "|" + (try ["n", "n_new", "f", "f_new"].map { String(try row.decode(column: $0, as: Int.self)) }.joined(separator: "|")))
        }
        return out.sorted()
    }
}
