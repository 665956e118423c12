import CauNoiCore
import Fluent
import SQLKit
import Vapor

enum BriefingQueries {
    /// Supports per reporting week from the campaign's first week to `last`, in one grouped query.
    static func weeklySupports(campaign: CampaignDefinition, campaignID: UUID, unit: RollupQueries.Unit, last: ReportingWeek,
                               on db: any Database) async throws -> [(week: ReportingWeek, supports: Int)] {
        guard let range = DateRange(from: campaign.start, to: last.end) else { return [] }
        var byWeek: [ReportingWeek: Int] = [:]
        for (day, n) in try await dailySupports(campaignID: campaignID, unit: unit, range: range, on: db) {
            byWeek[campaign.week(containing: day), default: 0] += n
        }
        var out: [(ReportingWeek, Int)] = []
        var week = campaign.firstWeek
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

    /// The campaign's unresolved difficulties (through the reports they were raised in), most severe and oldest first.
    static func openDifficulties(campaignID: UUID, provinceCode: String?, limit: Int, now: Date, on db: any Database) async throws -> [DifficultyDTO] {
        let query = Difficulty.query(on: db).join(WeeklyReport.self, on: \Difficulty.$report.$id == \WeeklyReport.$id)
            .filter(WeeklyReport.self, \.$campaign.$id == campaignID)
            .filter(\.$status != DifficultyStatus.resolved.rawValue)
        if let provinceCode { query.filter(\.$provinceCode == provinceCode) }
        return try await query.all().map { DifficultyDTO($0, now: now) }.sorted(by: DifficultyDTO.queueOrder).prefix(limit).map { $0 }
    }

    static func goodPractices(campaignID: UUID, week: ReportingWeek, provinceCode: String?, limit: Int,
                              on db: any Database) async throws -> [(commune: String, text: String, reportID: UUID?, practiceID: UUID?)] {
        let query = WeeklyReport.query(on: db).filter(\.$campaign.$id == campaignID).filter(\.$week == week.key)
            .filter(\.$goodPractice != nil)
        if let provinceCode { query.filter(\.$provinceCode == provinceCode) }
        let reports = try await query.sort(\.$submittedAt).limit(limit).all()
        let names = Dictionary(uniqueKeysWithValues: try await OrgUnit.query(on: db).filter(\.$id ~~ reports.map(\.communeCode)).all()
            .compactMap { u in u.id.map { ($0, u.name) } })
        let ids = reports.compactMap(\.id)
        let promoted = ids.isEmpty ? [:] : Dictionary(try await Practice.query(on: db).filter(\.$reportID ~~ ids).all().compactMap { p in
            p.reportID.map { ($0, p.id!) } }, uniquingKeysWith: { a, _ in a })
        return reports.compactMap { r in r.goodPractice.map { (names[r.communeCode] ?? r.communeCode, $0, r.id, r.id.flatMap { promoted[$0] }) } }
    }
}
