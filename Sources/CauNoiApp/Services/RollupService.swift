import CauNoiCore
import Fluent
import Foundation
import Vapor

/// A rollup as the briefing reads it: the period, the one before, the campaign so far, and each child unit.
struct RollupReport: Content, Equatable {
    struct Figures: Codable, Equatable, Sendable {
        var figures: RollupFigures
        var trainingCompliance: Double?
        var coverage: Double?
        var borderIslandCoverage: Double?

        init(_ f: RollupFigures) {
            figures = f
            trainingCompliance = f.trainingCompliance.map { ($0 * 10_000).rounded() / 10_000 }
            coverage = f.coverage.map { ($0 * 10_000).rounded() / 10_000 }
            borderIslandCoverage = f.borderIslandCoverage.map { ($0 * 10_000).rounded() / 10_000 }
        }

        enum CodingKeys: String, CodingKey {
            case trainingCompliance = "training_compliance", coverage, borderIslandCoverage = "border_island_coverage"
        }

        func encode(to encoder: any Encoder) throws {
            try figures.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(trainingCompliance, forKey: .trainingCompliance)
            try container.encode(coverage, forKey: .coverage)
            try container.encode(borderIslandCoverage, forKey: .borderIslandCoverage)
        }

        init(from decoder: any Decoder) throws {
            self.init(try RollupFigures(from: decoder))
        }
    }

    struct UnitRef: Codable, Equatable, Sendable {
        var code: String
        var name: String
        var level: String
    }

    struct Child: Codable, Equatable, Sendable {
        var unit: UnitRef
        var current: Figures
    }

    var campaign: String
    var unit: UnitRef
    var from: String
    var to: String
    /// The reporting week's first day, when the range is one of the campaign's weeks.
    var week: String?
    /// "Tuần 07/8–13/8/2025 (tuần thứ 6 của chiến dịch)".
    var weekLabel: String?
    var current: Figures
    var previous: Figures
    var change: RollupDelta
    var cumulative: Figures
    var children: [Child]
    var summary: String

    enum CodingKeys: String, CodingKey {
        case campaign, unit, from, to, week, weekLabel = "week_label", current, previous, change, cumulative, children, summary
    }
}

enum RollupService {
    struct Request: Sendable {
        var campaign: Campaign
        var unit: RollupQueries.Unit
        var range: DateRange
        var week: ReportingWeek?
        /// Today for the reader: no entry is dated later.
        var today: LocalDate
        var cache: LedgerCache? = nil
        /// A second handle on the database for reads to run beside `db`'s: SQLite gives each event loop one
        /// connection, so reads sent through one handle queue behind each other.
        var spare: (any Database)? = nil
    }

    static func report(_ r: Request, on db: any Database) async throws -> RollupReport {
        let other = r.spare ?? db
        guard let definition = r.campaign.definition else { throw AppError.server }
        let courses = definition.requiredCourses.map(\.code)
        let campaignID = try r.campaign.requireID()
        func scope(_ range: DateRange) -> RollupQueries.Scope {
            .init(campaignID: campaignID, unit: r.unit, range: range, requiredCourses: courses,
                  ledger: ledgerSpan(definition, today: r.today), cache: r.cache, provinces: definition.provinces)
        }
        let sinceStart = DateRange(from: min(definition.start, r.range.from), to: r.range.to) ?? r.range
        // Four independent reads: side by side they take the time of the slowest (a range the ledger cannot
        // answer whole reads the entries for its distinct counts).
        async let currentRead = RollupQueries.figures(scope(r.range), on: db)
        async let previousRead = RollupQueries.figures(scope(r.range.previous()), on: other)
        async let cumulativeRead = RollupQueries.figures(scope(sinceStart), on: db)
        async let childrenRead = r.unit.childColumn == nil ? [:] : RollupQueries.figures(scope(r.range), byChild: true, on: other)
        let current = try await currentRead[""] ?? .zero
        let previous = try await previousRead[""] ?? .zero
        let cumulative = try await cumulativeRead[""] ?? .zero
        let unitRef = try await ref(for: r.unit, on: db)
        var children: [RollupReport.Child] = []
        if r.unit.childColumn != nil {
            let byChild = try await childrenRead
            let names = try await childNames(of: r.unit, keys: Array(byChild.keys), on: db)
            children = byChild.map { key, figures in
                RollupReport.Child(unit: names[key] ?? .init(code: key, name: key, level: ""), current: .init(figures))
            }.sorted { $0.unit.code < $1.unit.code }
        }
        let scopeName = r.unit == .nation ? nil : unitRef.name
        return RollupReport(
            campaign: r.campaign.code, unit: unitRef, from: r.range.from.iso, to: r.range.to.iso, week: r.week?.key,
            weekLabel: r.week.map(definition.label),
            current: .init(current), previous: .init(previous), change: .between(previous: previous, current: current),
            cumulative: .init(cumulative), children: children,
            summary: BriefingSummary.paragraph(range: r.range, scopeName: scopeName, figures: current, previous: previous,
                                               topCategories: definition.categories))
    }

    /// What the home dashboard shows. Campaign-to-date and per-child figures are left out on purpose:
    /// at national scale they are most of a full report's cost, and the home page is opened far more often.
    struct Headline: Sendable, Equatable {
        var unit: RollupReport.UnitRef
        var week: ReportingWeek
        var weekLabel: String
        var campaign: String
        var current: RollupFigures
        var previous: RollupFigures
        var summary: String
        /// The campaign's first week has no week before it to compare with.
        var isFirstWeek = false
    }

    static func headline(campaign: Campaign, unit: RollupQueries.Unit, week: ReportingWeek, today: LocalDate, cache: LedgerCache? = nil,
                         on db: any Database) async throws -> Headline {
        guard let definition = campaign.definition else { throw AppError.server }
        let scope = { (range: DateRange) in
            RollupQueries.Scope(campaignID: try campaign.requireID(), unit: unit, range: range,
                                requiredCourses: definition.requiredCourses.map(\.code),
                                ledger: ledgerSpan(definition, today: today), cache: cache, provinces: definition.provinces)
        }
        let current = try await RollupQueries.figures(try scope(week.range), on: db)[""] ?? .zero
        let previous = try await RollupQueries.figures(try scope(week.range.previous()), on: db)[""] ?? .zero
        let ref = try await ref(for: unit, on: db)
        return Headline(unit: ref, week: week, weekLabel: definition.label(week), campaign: definition.code, current: current, previous: previous,
                        summary: BriefingSummary.paragraph(range: week.range, scopeName: unit == .nation ? nil : ref.name, figures: current,
                                                           previous: previous, topCategories: definition.categories),
                        isFirstWeek: week.start <= definition.firstWeek.start)
    }

    static func ledgerSpan(_ d: CampaignDefinition, today: LocalDate) -> RollupLedger.Span {
        RollupLedger.Span(start: d.start, lastDay: min(d.end ?? today, today), weekStartsOn: d.weekStartsOn)
    }

    static func ref(for unit: RollupQueries.Unit, on db: any Database) async throws -> RollupReport.UnitRef {
        switch unit {
        case .nation: return .init(code: OrgUnit.nationalCode, name: "Cả nước", level: OrgLevel.national.rawValue)
        case .province(let code), .commune(let code):
            let u = try await OrgUnitQueries.require(code, on: db)
            return .init(code: code, name: u.name, level: u.level)
        case .team(let id):
            let t = try await TeamQueries.require(id, on: db)
            return .init(code: id.uuidString.lowercased(), name: t.name, level: "team")
        }
    }

    private static func childNames(of unit: RollupQueries.Unit, keys: [String], on db: any Database) async throws -> [String: RollupReport.UnitRef] {
        switch unit {
        case .commune:
            let ids = keys.compactMap(UUID.init(uuidString:))
            let teams = try await Team.query(on: db).filter(\.$id ~~ ids).all()
            return Dictionary(uniqueKeysWithValues: teams.compactMap { t in
                t.id.map { ($0.uuidString, RollupReport.UnitRef(code: $0.uuidString.lowercased(), name: t.name, level: "team")) }
            })
        default:
            let units = try await OrgUnit.query(on: db).filter(\.$id ~~ keys).all()
            return Dictionary(uniqueKeysWithValues: units.compactMap { u in
                u.id.map { ($0, RollupReport.UnitRef(code: $0, name: u.name, level: u.level)) }
            })
        }
    }

    /// Parses `unit=` (VN, a province, a commune or a team id) and authorises reading its figures.
    static func resolveUnit(_ raw: String?, actor: Actor, on db: any Database) async throws -> RollupQueries.Unit {
        let code = raw?.trimmingCharacters(in: .whitespaces) ?? OrgUnit.nationalCode
        let unit: RollupQueries.Unit
        let place: RecordPlace
        if code.isEmpty || code == OrgUnit.nationalCode {
            unit = .nation
            place = RecordPlace(provinceCode: nil)
        } else if let id = UUID(uuidString: code) {
            let team = try await TeamQueries.require(id, on: db)
            unit = .team(id)
            place = Places.team(team, coverage: try await TeamQueries.coverage(of: id, on: db))
        } else {
            let org = try await OrgUnitQueries.require(code, on: db)
            unit = org.level == OrgLevel.province.rawValue ? .province(code) : .commune(code)
            place = Places.unit(org)
        }
        try await Access.require(.readEntries, on: place, .rollup, id: code, deny: .refuseRead, actor: actor, on: db)
        return unit
    }
}
