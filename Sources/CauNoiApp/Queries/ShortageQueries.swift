import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// Gathers what `ShortageRanking` weighs for every commune of an area: the briefing week's rollups per commune, the
/// teams active today, languages spoken by their members, open difficulties asking for reinforcement, and members
/// whose time ends within the horizon.
enum ShortageQueries {
    struct Result: Sendable {
        var ranked: [ShortageRanking.Ranked]
        var week: ReportingWeek
        var weekLabel: String
        var names: [String: (commune: String, province: String)]
        var communesChecked: Int
    }

    static let horizonDays = 14

    static func rank(provinces: Set<String>?, campaign: Campaign, today: LocalDate, on db: any Database) async throws -> Result {
        guard let definition = campaign.definition else { throw AppError.server }
        let campaignID = try campaign.requireID()
        let week = definition.briefingWeek(today: today)
        var scopeProvinces = provinces
        if let own = definition.provinces, !own.isEmpty { scopeProvinces = Set(own).intersection(provinces ?? Set(own)) }
        let sql = db.sql
        let inProvinces: SQLQueryString = "\(unsafeRaw: ProvinceClause.sql("u.province_code", scopeProvinces))"
        let day = today.iso, horizon = today.adding(days: horizonDays).iso

        var communes: [String: ShortageRanking.Commune] = [:]
        var names: [String: (String, String)] = [:]
        var provinceNames: [String: String] = [:]
        for row in try await sql.raw("SELECT code, name FROM org_units WHERE level = 'province'").all() {
            provinceNames[try row.decode(column: "code", as: String.self)] = try row.decode(column: "name", as: String.self)
        }
        for row in try await sql.raw("""
            SELECT u.code, u.name, u.province_code, u.is_border, u.is_island, u.is_remote, u.is_ethnic_area, u.languages
            FROM org_units u WHERE u.level = 'commune'\(inProvinces)
            """).all() {
            let code = try row.decode(column: "code", as: String.self), province = try row.decode(column: "province_code", as: String.self)
            let hard = try row.decode(column: "is_border", as: Bool.self) || row.decode(column: "is_island", as: Bool.self)
                || row.decode(column: "is_remote", as: Bool.self) || row.decode(column: "is_ethnic_area", as: Bool.self)
            communes[code] = .init(code: code, provinceCode: province,
                                   areaLanguages: LanguageSet(codes: try row.decode(column: "languages", as: String.self)), isHardArea: hard)
            names[code] = (try row.decode(column: "name", as: String.self), provinceNames[province] ?? province)
        }

        // Teams serving each commune today (home commune or coverage) that have at least one current member.
        let serving: SQLQueryString = """
            SELECT s.commune_code, t.id AS team_id FROM (SELECT id AS team_id, home_commune_code AS commune_code FROM teams
              UNION SELECT team_id, commune_code FROM team_coverage) s
            JOIN teams t ON t.id = s.team_id
            WHERE t.active_from <= \(bind: day) AND (t.active_to IS NULL OR t.active_to >= \(bind: day))
            """
        for row in try await sql.raw("""
            SELECT x.commune_code, COUNT(DISTINCT x.team_id) AS n FROM (\(serving)) x
            WHERE EXISTS (SELECT 1 FROM team_memberships m WHERE m.team_id = x.team_id AND m.from_date <= \(bind: day)
                          AND (m.to_date IS NULL OR m.to_date >= \(bind: day)))
            GROUP BY x.commune_code
            """).all() {
            let code = try row.decode(column: "commune_code", as: String.self)
            communes[code]?.activeTeams = try row.decode(column: "n", as: Int.self)
        }
        // Languages spoken in hard-area communes' teams (the only place they count).
        for row in try await sql.raw("""
            SELECT DISTINCT x.commune_code, v.languages FROM (\(serving)) x
            JOIN org_units u ON u.code = x.commune_code
            JOIN team_memberships m ON m.team_id = x.team_id
            JOIN volunteers v ON v.id = m.volunteer_id
            WHERE (u.is_border OR u.is_island OR u.is_remote OR u.is_ethnic_area) AND u.languages <> ''
              AND m.from_date <= \(bind: day) AND (m.to_date IS NULL OR m.to_date >= \(bind: day))\(inProvinces)
            """).all() {
            let code = try row.decode(column: "commune_code", as: String.self)
            communes[code]?.spokenLanguages.formUnion(LanguageSet(codes: try row.decode(column: "languages", as: String.self)))
        }
        for row in try await sql.raw("""
            SELECT d.commune_code, COUNT(*) AS n FROM difficulties d JOIN weekly_reports r ON r.id = d.report_id
            WHERE d.reinforcement_requested AND d.status <> 'resolved' AND r.campaign_id = \(bind: campaignID)
            GROUP BY d.commune_code
            """).all() {
            communes[try row.decode(column: "commune_code", as: String.self)]?.reinforcementDifficulties = try row.decode(column: "n", as: Int.self)
        }
        // Per team: members leaving within the horizon less members joining in it; a team's shortfall counts in its home commune.
        for row in try await sql.raw("""
            SELECT t.home_commune_code AS commune_code,
              SUM(CASE WHEN m.to_date >= \(bind: day) AND m.to_date < \(bind: horizon) THEN 1 ELSE 0 END) AS leaving,
              SUM(CASE WHEN m.from_date > \(bind: day) AND m.from_date <= \(bind: horizon) THEN 1 ELSE 0 END) AS joining
            FROM team_memberships m JOIN teams t ON t.id = m.team_id
            WHERE (m.to_date >= \(bind: day) AND m.to_date < \(bind: horizon)) OR (m.from_date > \(bind: day) AND m.from_date <= \(bind: horizon))
            GROUP BY t.id, t.home_commune_code
            """).all() {
            let short = try row.decode(column: "leaving", as: Int.self) - row.decode(column: "joining", as: Int.self)
            if short > 0 { communes[try row.decode(column: "commune_code", as: String.self)]?.leavingWithoutReplacement += short }
        }
        // The briefing week's figures, one province at a time (the ledger answers per province by commune).
        let requiredCourses = definition.requiredCourses.map(\.code)
        for province in Set(communes.values.map(\.provinceCode)) {
            let scope = RollupQueries.Scope(campaignID: campaignID, unit: .province(province), range: week.range, requiredCourses: requiredCourses,
                                            ledger: RollupService.ledgerSpan(definition, today: today), provinces: definition.provinces)
            for (code, f) in try await RollupQueries.figures(scope, byChild: true, on: db) {
                communes[code]?.activeVolunteers = f.volunteersActive
                communes[code]?.supports = f.supports
                communes[code]?.trainedActive = requiredCourses.isEmpty ? f.volunteersActive : f.trainedActive
            }
        }
        for (code, n) in try await EquipmentQueries.unmetNeeds(provinces: scopeProvinces, on: db) { communes[code]?.unmetEquipment = n }
        let ranked = ShortageRanking.rank(Array(communes.values), horizonDays: horizonDays)
        return Result(ranked: ranked, week: week, weekLabel: definition.label(week), names: names.mapValues { (commune: $0.0, province: $0.1) },
                      communesChecked: communes.count)
    }
}
