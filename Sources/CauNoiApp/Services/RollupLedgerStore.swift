import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// Keeps the rollup ledger (`RollupLedger`) in step with the entries, inside the caller's write transaction.
///
/// Every path that changes what counts calls in here: new entries (`SupportEntryIngest.store`),
/// corrections (the old version is removed, the new one added), course completions (trained flag)
/// and border/island attributes of a commune (edge flag). `rebuild` recomputes everything from the
/// entries and is what the tests compare against.
enum RollupLedgerStore {
    typealias Change = (entry: RollupLedger.Entry, sign: Int)

    /// Ledger writes read, then write, the presence rows of a subject, so writers must not interleave.
    /// SQLite writers already queue on one gate; PostgreSQL nodes take a transaction-scoped advisory lock.
    /// Take it first in the transaction, before any row lock, so lock order is the same for everyone.
    static func lock(on db: any Database) async throws {
        guard !db.isSQLite else { return }
        try await db.sql.raw("SELECT pg_advisory_xact_lock(\(literal: advisoryKey))").run()
    }

    static let advisoryKey = 0x4361_754E_6F69 // "CauNoi"

    /// Records `changes` now. A removal first folds in the entries still pending (`applyPending`): the version it
    /// takes away may be one of them. Additions need not wait: the ledger's result does not depend on their order.
    static func record(_ changes: [Change], campaignID: UUID, weekStartsOn: Int, on db: any Database) async throws {
        guard !changes.isEmpty else { return }
        if changes.contains(where: { $0.sign < 0 }) { try await applyAllPending(campaignID: campaignID, on: db) }
        try await fold(changes, campaignID: campaignID, weekStartsOn: weekStartsOn, on: db)
    }

    /// The ledger arithmetic and writes of `record`, without waiting for pending entries.
    static func fold(_ changes: [Change], campaignID: UUID, weekStartsOn: Int, on db: any Database) async throws {
        guard !changes.isEmpty else { return }
        try await write(try await plan(changes, campaignID: campaignID, weekStartsOn: weekStartsOn, on: db), on: db)
    }

    /// What `fold` writes, worked out from the changes and the stored rows they touch.
    struct Plan: Sendable {
        var campaignID: UUID
        var sums: [RollupLedger.SumKey: Int]
        var transition: RollupLedger.Transition
        /// Subjects whose flag was read, and those of them flagged.
        var checked: Set<RollupLedger.Subject>
        var flagged: Set<RollupLedger.Subject>
    }

    /// Reads what the changes touch and computes the rows to write; writes nothing.
    static func plan(_ changes: [Change], campaignID: UUID, weekStartsOn: Int, on db: any Database) async throws -> Plan {
        let deltas = RollupLedger.presenceDeltas(changes, weekStartsOn: weekStartsOn)
        let subjects = Set(deltas.keys.map(\.subject))
        // Only additions: a subject's counters move in the weeks touched, and its first week can only move earlier, so
        // those weeks and each province's first row are all `apply` needs. A removal can empty the first row, which
        // makes the next row the first: then every row is read.
        let weeks = changes.allSatisfy { $0.sign > 0 } ? Set(deltas.keys.map(\.week)) : nil
        let stored = try await presence(of: subjects, weeks: weeks, campaignID: campaignID, on: db.sql)
        let pending = RollupLedger.apply(deltas, stored: stored)
        // Flags are read only for subjects whose counters move, which includes every subject with a new row; the
        // others' rows already carry their flag.
        let checked = pending.subjectsWithCounterChanges
        let flagged = try await flaggedSubjects(checked, campaignID: campaignID, on: db)
        return Plan(campaignID: campaignID, sums: RollupLedger.sums(changes), transition: pending.transition(flagged: flagged),
                    checked: checked, flagged: flagged)
    }

    /// Writes a plan and moves the generation on, in the caller's write transaction.
    static func write(_ plan: Plan, on db: any Database) async throws {
        let sql = db.sql, campaignID = plan.campaignID
        try await writeSums(plan.sums, campaignID: campaignID, on: db)
        try await writePresence(plan.transition.rows, flags: (plan.checked, plan.flagged), campaignID: campaignID, on: db)
        try await addCounters(plan.transition.counters, to: Upserts.weeklyCounters, campaignID: campaignID, on: db)
        try await addCounters(plan.transition.dayCounters, to: Upserts.dailyCounters, campaignID: campaignID, on: db)
        try await bumpGeneration(campaignID: campaignID, on: sql)
    }

    /// The campaign's ledger generation: any write since a cached read makes it larger.
    static func generation(campaignID: UUID, on db: any Database) async throws -> Int {
        try await db.sql.select().column("generation").from(Tables.rollupGenerations)
            .where("campaign_id", .equal, campaignID).first()?.decode(column: "generation", as: Int.self) ?? 0
    }

    static func bumpGeneration(campaignID: UUID, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: Tables.rollupGenerations).columns("campaign_id", "generation")
            .values(SQLBind(campaignID), SQLBind(1))
            .onConflict(with: ["campaign_id"]) {
                $0.set("generation", to: SQLRaw("\(Tables.rollupGenerations).generation + 1"))
            }
            .run()
    }

    /// The stored versions with these row ids, as the ledger sees them.
    static func entries(ids: [UUID], on db: any Database) async throws -> [RollupLedger.Entry] {
        Array(try await entriesByID(ids: ids, on: db).values)
    }

    /// The same by row id.
    static func entriesByID(ids: [UUID], on db: any Database) async throws -> [UUID: RollupLedger.Entry] {
        let sql = db.sql
        var out: [UUID: RollupLedger.Entry] = [:]
        for chunk in ids.chunked(into: 500) {
            let chunk = Array(chunk)
            let details = try await SupportEntryQueries.details(ids: chunk, on: db)
            for row in try await sql.select()
                .columns("id", "team_id", "commune_code", "province_code", "entry_date", "total", "place")
                .from(SupportEntry.schema).where("id", .in, chunk).all() {
                let id = try row.decode(column: "id", as: UUID.self)
                guard let date = LocalDate(iso: try row.decode(column: "entry_date", as: String.self)) else { continue }
                out[id] = RollupLedger.Entry(
                    date: date, teamID: UUIDText.lower(try row.decode(column: "team_id", as: UUID.self)),
                    communeCode: try row.decode(column: "commune_code", as: String.self),
                    provinceCode: try row.decode(column: "province_code", as: String.self),
                    total: try row.decode(column: "total", as: Int.self), place: try row.decode(column: "place", as: String.self),
                    counts: details.counts[id] ?? [:], groups: details.groups[id] ?? [:],
                    volunteerIDs: (details.people[id] ?? []).map(UUIDText.lower))
            }
        }
        return out
    }

    static func ledgerEntry(_ e: ValidSupportEntry, province: String) -> RollupLedger.Entry {
        RollupLedger.Entry(date: e.date, teamID: UUIDText.lower(e.teamID), communeCode: e.communeCode, provinceCode: province,
                           total: e.total, place: e.place.rawValue, counts: e.counts,
                           groups: Dictionary(uniqueKeysWithValues: e.beneficiaries.map { ($0.key.rawValue, $0.value) }),
                           volunteerIDs: e.volunteerIDs.map(UUIDText.lower))
    }

    /// Rebuilds the ledger of every campaign that has entries but no ledger generation: a database whose
    /// entries were stored before the ledger existed. Cheap when there is nothing to do (two lookups a campaign).
    @discardableResult
    static func rebuildMissing(on db: any Database) async throws -> [String] {
        var rebuilt: [String] = []
        for campaign in try await Campaign.query(on: db).all() {
            let id = try campaign.requireID()
            if try await generation(campaignID: id, on: db) > 0 { continue }
            let hasEntries = try await db.sql.select().column("id").from(SupportEntry.schema)
                .where("campaign_id", .equal, id).limit(1).first() != nil
            guard hasEntries else { continue }
            try await rebuild(campaign: campaign, on: db)
            rebuilt.append(campaign.code)
        }
        return rebuilt
    }

    /// Throws the campaign's ledger away and recomputes it from the current entries.
    static func rebuild(campaign: Campaign, on db: any Database) async throws {
        try await db.writeTransaction { db in try await recompute(campaign: campaign, on: db) }
    }

    /// The same inside the caller's write transaction (a campaign whose week changed is recounted with the change): the
    /// current entries are read in pages and summed in memory (`RollupLedger.Load`), and the ledger written once.
    static func recompute(campaign: Campaign, on db: any Database) async throws {
        let campaignID = try campaign.requireID()
        try await lock(on: db)
        for table in [Tables.rollupDailySums, Tables.rollupPresence, Tables.rollupWeeklyCounts, Tables.rollupDailyCounts] {
            try await db.sql.delete(from: table).where("campaign_id", .equal, campaignID).run()
        }
        var load = RollupLedger.Load(weekStartsOn: campaign.weekStartsOn)
        var counted: [UUID] = []
        var after: UUID?
        while true {
            let query = db.sql.select().column("id").from(SupportEntry.schema)
                .where("campaign_id", .equal, campaignID).where("is_current", .equal, true)
            if let after { query.where("id", .greaterThan, after) }
            let ids = try await query.orderBy("id").limit(5_000).all().map { try $0.decode(column: "id", as: UUID.self) }
            guard let last = ids.last else { break }
            load.add(try await entries(ids: ids, on: db))
            counted += ids
            after = last
        }
        // Counted now: their marks go, and only theirs (an entry committed after the reads above keeps its own).
        try await writeLoad(load, campaignID: campaignID, dropping: .these(counted), on: db)
    }

    // MARK: - Flags

    /// Per campaign, which of these volunteers count as trained (every required course). Read before and after
    /// a course change.
    static func trainedVolunteers(_ ids: [UUID], on db: any Database) async throws -> [UUID: Set<UUID>] {
        var out: [UUID: Set<UUID>] = [:]
        for campaign in try await Campaign.query(on: db).all() {
            guard let id = campaign.id else { continue }
            out[id] = try await trained(ids, courses: campaign.settings.requiredCourses.map(\.code), on: db.sql)
        }
        return out
    }

    /// Moves subjects in or out of the flagged counts ("trained", "border or island") in one campaign.
    static func flagsChanged(_ subjects: [RollupLedger.Subject], on: Bool, campaignID: UUID, on db: any Database) async throws {
        guard !subjects.isEmpty else { return }
        let stored = try await presence(of: Set(subjects), campaignID: campaignID, on: db.sql)
        let change = RollupLedger.flagsChanged(subjects, stored: stored, on: on)
        for kind in RollupLedger.Kind.allCases {
            let ids = subjects.filter { $0.kind == kind }.map(\.id)
            for chunk in ids.chunked(into: 500) {
                try await db.sql.update(Tables.rollupPresence).set("flagged", to: on)
                    .where("campaign_id", .equal, campaignID).where("kind", .equal, kind.rawValue).where("subject", .in, Array(chunk))
                    .run()
            }
        }
        try await addCounters(change.weeks, to: Upserts.weeklyCounters, campaignID: campaignID, on: db)
        try await addCounters(change.days, to: Upserts.dailyCounters, campaignID: campaignID, on: db)
        // Also when the subjects have no entries: a commune's flag changes the communes in scope.
        try await bumpGeneration(campaignID: campaignID, on: db.sql)
    }

    /// Moves the volunteers whose "trained" status differs between `before` and `after` (from `trainedVolunteers`).
    static func trainingChanged(before: [UUID: Set<UUID>], after: [UUID: Set<UUID>], on db: any Database) async throws {
        for (campaignID, now) in after {
            let was = before[campaignID] ?? []
            func subjects(_ ids: Set<UUID>) -> [RollupLedger.Subject] { ids.map { .init(kind: .volunteer, id: $0.uuidString.lowercased()) } }
            try await flagsChanged(subjects(now.subtracting(was)), on: true, campaignID: campaignID, on: db)
            try await flagsChanged(subjects(was.subtracting(now)), on: false, campaignID: campaignID, on: db)
        }
    }

    static func flaggedSubjects(_ subjects: Set<RollupLedger.Subject>, campaignID: UUID,
                                        on db: any Database) async throws -> Set<RollupLedger.Subject> {
        var out = Set<RollupLedger.Subject>()
        let volunteers = subjects.filter { $0.kind == .volunteer }.compactMap { UUID(uuidString: $0.id) }
        if !volunteers.isEmpty, let campaign = try await Campaign.find(campaignID, on: db) {
            for id in try await trained(volunteers, courses: campaign.settings.requiredCourses.map(\.code), on: db.sql) {
                out.insert(.init(kind: .volunteer, id: id.uuidString.lowercased()))
            }
        }
        let communes = subjects.filter { $0.kind == .commune }.map(\.id)
        for chunk in communes.chunked(into: 500) {
            for row in try await db.sql.select().column("code").from(OrgUnit.schema).where("code", .in, Array(chunk))
                .where(group: { $0.where("is_border", .equal, true).orWhere("is_island", .equal, true) }).all() {
                out.insert(.init(kind: .commune, id: try row.decode(column: "code", as: String.self)))
            }
        }
        return out
    }

    /// Those among `volunteers` who completed every required course (everyone when none is required). Looked up 500 at a
    /// time; for a whole campaign's ledger written at once (`writeLoad`) one scan of the completions instead. (Seed
    /// scale, 551,042 completions: the scan took 1.3–1.5 s, the lookups ~20 µs a volunteer, so the ledger applier's
    /// 10,000 volunteers of a 5,000-entry fold are looked up, and a campaign's 300,000 scanned.)
    private static func trained(_ volunteers: [UUID], courses: [String], on sql: any SQLDatabase) async throws -> Set<UUID> {
        guard !courses.isEmpty else { return Set(volunteers) }
        if volunteers.count > 50_000 { return try await completedAll(courses, on: sql).intersection(volunteers) }
        var out = Set<UUID>()
        for chunk in volunteers.chunked(into: 500) { out.formUnion(try await completedAll(courses, among: Array(chunk), on: sql)) }
        return out
    }

    /// The volunteers — among `volunteers`, or all of them — who completed every course of `courses` (not empty).
    private static func completedAll(_ courses: [String], among volunteers: [UUID]? = nil, on sql: any SQLDatabase) async throws -> Set<UUID> {
        let among: SQLQueryString = volunteers.map { "volunteer_id IN (\(binds: $0)) AND " } ?? ""
        return Set(try await sql.raw("""
            SELECT volunteer_id AS v FROM course_completions WHERE \(among)course_code IN (\(binds: courses))
            GROUP BY volunteer_id HAVING COUNT(DISTINCT course_code) = \(literal: courses.count)
            """).all().map { try $0.decode(column: "v", as: UUID.self) })
    }

    // MARK: - Rows

    /// The presence rows of `subjects`: all of them, or (`weeks`) those of these weeks and each subject's first row
    /// in each province.
    private static func presence(of subjects: Set<RollupLedger.Subject>, weeks: Set<String>? = nil, campaignID: UUID,
                                 on sql: any SQLDatabase) async throws -> [RollupLedger.PresenceKey: RollupLedger.Days] {
        var out: [RollupLedger.PresenceKey: RollupLedger.Days] = [:]
        let table = SQLIdentifier(Tables.rollupPresence)
        let onlyWeeks: SQLQueryString = if let weeks {
            """
             AND (p.week_start IN (\(binds: weeks.sorted())) OR p.week_start = (SELECT MIN(q.week_start) FROM \(table) q
                WHERE q.campaign_id = p.campaign_id AND q.kind = p.kind AND q.subject = p.subject AND q.province_code = p.province_code))
            """
        } else {
            ""
        }
        for kind in RollupLedger.Kind.allCases {
            let ids = subjects.filter { $0.kind == kind }.map(\.id)
            for chunk in ids.chunked(into: 500) {
                // One text column per row: decoding four columns per row was most of this read's cost on bulk loads.
                // Subjects (UUIDs, commune codes), province codes and ISO dates never contain '|'.
                for row in try await sql.raw("""
                    SELECT p.subject || '|' || p.province_code || '|' || p.week_start || '|' || p.day_refs AS r FROM \(table) p
                    WHERE p.campaign_id = \(bind: campaignID) AND p.kind = \(bind: kind.rawValue) AND p.subject IN (\(binds: Array(chunk)))\(onlyWeeks)
                    """).all() {
                    guard let (key, days) = presenceRow(try row.decode(column: "r", as: String.self), kind: kind) else { throw AppError.server }
                    out[key] = days
                }
            }
        }
        return out
    }

    /// One row of `presence`'s "subject|province|week|day refs", read byte by byte (splitting it into `Substring`s,
    /// Character by Character, was most of the cost of reading a fold's presence rows).
    static func presenceRow(_ text: String, kind: RollupLedger.Kind) -> (RollupLedger.PresenceKey, RollupLedger.Days)? {
        var text = text
        return text.withUTF8 { bytes -> (RollupLedger.PresenceKey, RollupLedger.Days)? in
            var bars: [Int] = []
            for i in 0..<bytes.count where bytes[i] == UInt8(ascii: "|") { bars.append(i) }
            guard bars.count == 3 else { return nil }
            func part(_ from: Int, _ to: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self) }
            guard let days = RollupLedger.Days(stored: part(bars[2] + 1, bytes.count)) else { return nil }
            return (RollupLedger.PresenceKey(subject: .init(kind: kind, id: part(0, bars[0])), province: part(bars[0] + 1, bars[1]),
                                             week: part(bars[1] + 1, bars[2])), days)
        }
    }

    /// The ledger's upserts, sent without SQLKit (`RawInsert`): a seed-scale load writes about a million presence rows,
    /// and building each row's binds through SQLKit cost more than SQLite's own work on them.
    enum Upserts {
        static let sums = RawInsert(table: Tables.rollupDailySums, columns: ["campaign_id", "scope_code", "entry_date", "measure", "item", "value"],
                                    rowsPerStatement: 5_000, onConflict: #" ON CONFLICT ("campaign_id","scope_code","entry_date","measure","item") DO UPDATE SET "value" = "\#(Tables.rollupDailySums)"."value" + excluded."value""#)
        static let presenceColumns = ["campaign_id", "kind", "subject", "province_code", "week_start", "refs", "day_refs", "day_mask", "flagged"]
        static let presenceConflict = #" ON CONFLICT ("campaign_id","kind","subject","province_code","week_start") DO UPDATE SET "refs" = excluded."refs", "day_refs" = excluded."day_refs", "day_mask" = excluded."day_mask""#
        /// Rows whose subject's flag was read set it; the others keep the one they have.
        static let presenceSettingFlag = RawInsert(table: Tables.rollupPresence, columns: presenceColumns, rowsPerStatement: 3_000,
                                                   onConflict: presenceConflict + #", "flagged" = excluded."flagged""#)
        static let presenceKeepingFlag = RawInsert(table: Tables.rollupPresence, columns: presenceColumns, rowsPerStatement: 3_000,
                                                   onConflict: presenceConflict)
        static func counters(_ table: String, bucket: String) -> RawInsert {
            RawInsert(table: table, columns: ["campaign_id", "scope_code", "kind", bucket, "n", "n_new", "f", "f_new"], rowsPerStatement: 4_000,
                      onConflict: #" ON CONFLICT ("campaign_id","scope_code","kind",""# + bucket + #"") DO UPDATE SET "#
                        + ["n", "n_new", "f", "f_new"].map { #""\#($0)" = "\#(table)"."\#($0)" + excluded."\#($0)""# }.joined(separator: ", "))
        }
        static let weeklyCounters = counters(Tables.rollupWeeklyCounts, bucket: "week_start")
        static let dailyCounters = counters(Tables.rollupDailyCounts, bucket: "day")
    }

    static func writeSums(_ sums: [RollupLedger.SumKey: Int], campaignID: UUID, on db: any Database) async throws {
        var values: [BoundValue] = []
        values.reserveCapacity(sums.count * 6)
        for (key, value) in sums {
            values += [.uuid(campaignID), .text(key.scope), .text(key.date), .text(key.measure.rawValue), .text(key.item), .integer(value)]
        }
        try await Upserts.sums.run(values, on: db)
    }

    /// Upserts the non-empty rows and deletes the empty ones. `flags.checked` are the subjects whose flag was read
    /// (`flags.on` those flagged); other subjects' rows keep the flag they have.
    private static func writePresence(_ rows: [RollupLedger.PresenceKey: RollupLedger.Days],
                                      flags: (checked: Set<RollupLedger.Subject>, on: Set<RollupLedger.Subject>),
                                      campaignID: UUID, on db: any Database) async throws {
        var settingFlag: [BoundValue] = [], keepingFlag: [BoundValue] = []
        for (key, days) in rows where !days.isEmpty {
            func append(to values: inout [BoundValue]) {
                values.append(.uuid(campaignID))
                values.append(.text(key.subject.kind.rawValue))
                values.append(.text(key.subject.id))
                values.append(.text(key.province))
                values.append(.text(key.week))
                values.append(.integer(days.total))
                values.append(.text(days.description))
                values.append(.integer(days.mask))
                values.append(.bool(flags.on.contains(key.subject)))
            }
            if flags.checked.contains(key.subject) { append(to: &settingFlag) } else { append(to: &keepingFlag) }
        }
        try await Upserts.presenceSettingFlag.run(settingFlag, on: db)
        try await Upserts.presenceKeepingFlag.run(keepingFlag, on: db)
        let sql = db.sql
        // Only corrections empty a row; they come one at a time.
        for key in rows.filter({ $0.value.isEmpty }).keys {
            try await sql.delete(from: Tables.rollupPresence)
                .where("campaign_id", .equal, campaignID).where("kind", .equal, key.subject.kind.rawValue)
                .where("subject", .equal, key.subject.id).where("province_code", .equal, key.province)
                .where("week_start", .equal, key.week).run()
        }
    }

    /// Adds counter changes to the weekly (`week_start`) or daily (`day`) counters.
    static func addCounters(_ counters: [RollupLedger.CounterKey: RollupLedger.Counter], to upsert: RawInsert,
                                    campaignID: UUID, on db: any Database) async throws {
        var values: [BoundValue] = []
        values.reserveCapacity(counters.count * 8)
        for (key, c) in counters {
            values += [.uuid(campaignID), .text(key.scope), .text(key.kind.rawValue), .text(key.week),
                       .integer(c.n), .integer(c.nNew), .integer(c.f), .integer(c.fNew)]
        }
        try await upsert.run(values, on: db)
    }
}
