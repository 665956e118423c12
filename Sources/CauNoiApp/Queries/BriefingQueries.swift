import CauNoiCore
import Fluent
import SQLKit
import Vapor

enum BriefingQueries {
    /// Supports per ISO week from the campaign's start to `last`, in one grouped query.
    static func weeklySupports(campaignID: UUID, unit: RollupQueries.Unit, from: LocalDate, last: ISOWeek,
                               on db: any Database) async throws -> [(week: ISOWeek, supports: Int)] {
        guard let range = DateRange(from: from, to: last.sunday) else { return [] }
        var byWeek: [ISOWeek: Int] = [:]
        for (day, n) in try await dailySupports(campaignID: campaignID, unit: unit, range: range, on: db) {
            byWeek[day.isoWeek, default: 0] += n
        }
        var out: [(ISOWeek, Int)] = []
        var week = from.isoWeek
        while week <= last {
            out.append((week, byWeek[week] ?? 0))
            week = week.adding(weeks: 1)
        }
        return out
    }

    private static func dailySupports(campaignID: UUID, unit: RollupQueries.Unit, range: DateRange,
                                      on db: any Database) async throws -> [LocalDate: Int] {
        if let fast = try await LedgerRollupQueries.dailySupports(campaignID: campaignID, unit: unit, range: range, on: db) { return fast }
        let scope = RollupQueries.Scope(campaignID: campaignID, unit: unit, range: range, requiredCourses: [])
        var out: [LocalDate: Int] = [:]
        for row in try await db.sql.raw("""
            SELECT e.entry_date AS d, CAST(SUM(e.total) AS BIGINT) AS n FROM support_entries e
            WHERE \(RollupQueries.whereClause(scope)) GROUP BY e.entry_date
            """).all() {
            guard let day = LocalDate(iso: try row.decode(column: "d", as: String.self)) else { continue }
            out[day] = try row.decode(column: "n", as: Int.self)
        }
        return out
    }

    static func openDifficulties(provinceCode: String?, limit: Int, now: Date, on db: any Database) async throws -> [DifficultyDTO] {
        let query = Difficulty.query(on: db).filter(\.$status != DifficultyStatus.resolved.rawValue)
        if let provinceCode { query.filter(\.$provinceCode == provinceCode) }
        return try await query.all().map { DifficultyDTO($0, now: now) }
            .sorted { (Severity(rawValue: $0.severity) ?? .low, $0.ageDays) > (Severity(rawValue: $1.severity) ?? .low, $1.ageDays) }
            .prefix(limit).map { $0 }
    }

    static func goodPractices(campaignID: UUID, week: ISOWeek, provinceCode: String?, limit: Int,
                              on db: any Database) async throws -> [(commune: String, text: String)] {
        let query = WeeklyReport.query(on: db).filter(\.$campaign.$id == campaignID).filter(\.$week == week.string)
            .filter(\.$goodPractice != nil)
        if let provinceCode { query.filter(\.$provinceCode == provinceCode) }
        let reports = try await query.sort(\.$submittedAt).limit(limit).all()
        let names = Dictionary(uniqueKeysWithValues: try await OrgUnit.query(on: db).filter(\.$id ~~ reports.map(\.communeCode)).all()
            .compactMap { u in u.id.map { ($0, u.name) } })
        return reports.compactMap { r in r.goodPractice.map { (names[r.communeCode] ?? r.communeCode, $0) } }
    }
}
