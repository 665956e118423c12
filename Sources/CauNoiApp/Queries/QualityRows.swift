import CauNoiCore
import Fluent
import Foundation

extension BriefingPage {
    /// One unit's line of "Tập huấn và giám sát": course compliance (from the rollup), session coverage at the
    /// week's end, its least-covered topic, visits during the week and findings open at its end.
    struct QualityRow: Equatable, Sendable {
        var name: String
        var courseCompliance: Double?
        var trainedAny: Double?
        var weakestTopic: String?
        var weakestShare: Double?
        var visits = 0
        var openFindings = 0
        var breaches = 0

        /// Provinces of the nation, communes of a province, or the commune itself; nothing for a team.
        static func rows(campaign: Campaign, unit: RollupQueries.Unit, report: RollupReport, week: ReportingWeek,
                         on db: any Database) async throws -> [QualityRow] {
            guard let standard = campaign.definition?.competencyStandard else { return [] }
            let code: String, supervisionProvince: String?
            switch unit {
            case .nation: code = "VN"; supervisionProvince = nil
            case .province(let p): code = p; supervisionProvince = p
            case .commune(let c): code = c; supervisionProvince = UnitDirectoryResource.directory.entry(code: c)?.provinceCode
            case .team: return []
            }
            let coverage = try await TrainingController.coverage(campaign: campaign, unit: code, day: week.end, withTotal: false, on: db)
            let supervision = try await SupervisionQueries.briefing(campaignID: try campaign.requireID(), week: week, province: supervisionProvince, on: db)
            let compliance = Dictionary(report.children.map { ($0.unit.code, $0.current.trainingCompliance) }, uniquingKeysWith: { a, _ in a })
            func row(code: String, name: String, coverage c: TrainingCoverage?, compliance: Double?) -> QualityRow {
                let weakest = c.flatMap { c in standard.competencies.min { (c.share($0.code) ?? 0) < (c.share($1.code) ?? 0) } }
                let counts = supervision[code] ?? .init()
                return QualityRow(name: name, courseCompliance: compliance, trainedAny: c?.shareAny, weakestTopic: weakest?.name,
                                  weakestShare: weakest.flatMap { c?.share($0.code) }, visits: counts.visits, openFindings: counts.open, breaches: counts.breaches)
            }
            if case .commune = unit {
                let c = coverage.total?.coverage
                let only = row(code: code, name: report.unit.name, coverage: c, compliance: report.current.trainingCompliance)
                return c == nil && only.visits + only.openFindings == 0 ? [] : [only]
            }
            let byCode = Dictionary(coverage.rows.map { ($0.coverage.unitCode, $0) }, uniquingKeysWith: { a, _ in a })
            let codes = Set(byCode.keys).union(supervision.keys).union(report.children.map(\.unit.code))
            let names = Dictionary(report.children.map { ($0.unit.code, $0.unit.name) }, uniquingKeysWith: { a, _ in a })
            return codes.map { child in
                row(code: child, name: names[child] ?? byCode[child]?.name ?? UnitDirectoryResource.directory.entry(code: child)?.unit.name ?? child,
                    coverage: byCode[child]?.coverage, compliance: compliance[child] ?? nil)
            }
            .filter { $0.trainedAny != nil || $0.visits + $0.openFindings > 0 }
            .sorted { UnitNameMatcher.sortKey($0.name) < UnitNameMatcher.sortKey($1.name) }
        }
    }
}
