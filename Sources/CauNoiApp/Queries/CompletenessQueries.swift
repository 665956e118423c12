import CauNoiCore
import Fluent
import Vapor

/// Who was expected to report for a week, who did, on time or late, and who is missing.
enum CompletenessQueries {
    struct Row: Content, Equatable {
        var code: String
        var name: String
        var expected: Int
        var submitted: Int
        var onTime: Int
        var late: Int
        var missing: Int
        var missingCommunes: [RollupReport.UnitRef]

        enum CodingKeys: String, CodingKey {
            case code, name, expected, submitted, onTime = "on_time", late, missing, missingCommunes = "missing_communes"
        }
    }

    struct Result: Content, Equatable {
        var campaign: String
        /// The reporting week's first day; `from`/`to` are the days it covers.
        var week: String
        var weekLabel: String
        var from: String
        var to: String
        var unit: RollupReport.UnitRef
        var total: Row
        var rows: [Row]

        enum CodingKeys: String, CodingKey {
            case campaign, week, weekLabel = "week_label", from, to, unit, total, rows
        }
    }

    /// Expected: communes, inside the campaign's scope, that are home to or covered by a team active at some point
    /// of the week, and any commune that reported anyway (so on time never exceeds expected).
    static func week(_ week: ReportingWeek, campaign: Campaign, provinceCode: String?, on db: any Database) async throws -> Result {
        guard let definition = campaign.definition else { throw AppError.server }
        let teams = Team.query(on: db).filter(\.$activeFrom <= week.end.iso)
            .group(.or) { $0.filter(\.$activeTo == nil).filter(\.$activeTo >= week.start.iso) }
        if let provinceCode { teams.filter(\.$provinceCode == provinceCode) }
        if let scope = definition.provinces { teams.filter(\.$provinceCode ~~ scope) }
        var expected: [String: String] = [:]   // commune → province
        let active = try await teams.all()
        for team in active { expected[team.$homeCommune.id] = team.provinceCode }
        // Coverage stays inside the team's province (`SaveTeam`), so the team's province is the commune's.
        let province = Dictionary(active.compactMap { t in t.id.map { ($0, t.provinceCode) } }, uniquingKeysWith: { a, _ in a })
        for chunk in Array(province.keys).chunked(into: 500) {
            for row in try await TeamCoverage.query(on: db).filter(\.$team.$id ~~ chunk).all() {
                expected[row.$commune.id] = province[row.$team.id]
            }
        }

        let campaignID = try campaign.requireID()
        let reports = WeeklyReport.query(on: db).filter(\.$campaign.$id == campaignID).filter(\.$week == week.key)
        if let provinceCode { reports.filter(\.$provinceCode == provinceCode) }
        let submitted = try await reports.all()
        let submittedCodes = Set(submitted.map(\.communeCode))
        for r in submitted where expected[r.communeCode] == nil { expected[r.communeCode] = r.provinceCode }

        let groupKey: (String, String) -> String = { commune, province in provinceCode == nil ? province : commune }
        let missingCodes = expected.keys.filter { !submittedCodes.contains($0) }
        let names = try await OrgUnitQueries.names(Set(expected.keys).union(submittedCodes).union(Set(expected.values)).union(submitted.map(\.provinceCode)), on: db)

        var rows: [String: Row] = [:]
        func touch(_ key: String) {
            if rows[key] == nil { rows[key] = Row(code: key, name: names[key] ?? key, expected: 0, submitted: 0, onTime: 0, late: 0, missing: 0, missingCommunes: []) }
        }
        for (commune, province) in expected { let k = groupKey(commune, province); touch(k); rows[k]!.expected += 1 }
        for r in submitted {
            let k = groupKey(r.communeCode, r.provinceCode)
            touch(k)
            rows[k]!.submitted += 1
            if r.onTime { rows[k]!.onTime += 1 } else { rows[k]!.late += 1 }
        }
        for commune in missingCodes.sorted() {
            let k = groupKey(commune, expected[commune] ?? "")
            touch(k)
            rows[k]!.missing += 1
            rows[k]!.missingCommunes.append(.init(code: commune, name: names[commune] ?? commune, level: OrgLevel.commune.rawValue))
        }
        let ordered = rows.values.sorted { $0.code < $1.code }
        var total = Row(code: provinceCode ?? OrgUnit.nationalCode, name: provinceCode.flatMap { names[$0] } ?? "Cả nước",
                        expected: 0, submitted: 0, onTime: 0, late: 0, missing: 0, missingCommunes: [])
        for row in ordered {
            total.expected += row.expected
            total.submitted += row.submitted
            total.onTime += row.onTime
            total.late += row.late
            total.missing += row.missing
            total.missingCommunes += row.missingCommunes
        }
        let unit = RollupReport.UnitRef(code: total.code, name: total.name, level: provinceCode == nil ? "national" : "province")
        return Result(campaign: campaign.code, week: week.key, weekLabel: definition.label(week), from: week.start.iso, to: week.end.iso,
                      unit: unit, total: total, rows: ordered)
    }
}
