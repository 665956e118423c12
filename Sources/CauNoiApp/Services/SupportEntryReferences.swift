import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// What the database knows about the teams, communes and volunteers a batch mentions,
/// loaded with a handful of IN queries for the whole batch rather than per entry.
struct References: Sendable {
    struct TeamInfo: Sendable {
        var homeCommune: String
        var covered: Set<String>
        var activeFrom: LocalDate?
        var activeTo: LocalDate?
    }

    struct Membership: Sendable {
        var from: LocalDate
        var to: LocalDate?
        func covers(_ date: LocalDate) -> Bool { from <= date && (to.map { date <= $0 } ?? true) }
    }

    var teams: [UUID: TeamInfo] = [:]
    var provinceOfCommune: [String: String] = [:]
    var memberships: [UUID: [UUID: [Membership]]] = [:]
    /// "commune|week" of weeks the province has approved: their entries are locked.
    var lockedWeeks: Set<String> = []
    /// The campaign's reporting week, which approvals lock.
    var weekStartsOn = 1

    /// `provinces`: the communes' provinces when the caller already read them.
    /// One round trip for a batch of up to 500 teams: teams, their coverage, the named volunteers' memberships, the
    /// communes' provinces and the weeks approval locked come back as one `UNION ALL` (every column as text, tagged by
    /// kind). Seven queries a batch had been most of the database's work for phones' small batches: on PostgreSQL
    /// each is parsed and planned (issue 16).
    static func load(for entries: [ValidSupportEntry], campaignID: UUID, weekStartsOn: Int, provinces: [String: String]? = nil,
                     on db: any Database) async throws -> References {
        var refs = References()
        refs.weekStartsOn = weekStartsOn
        guard !entries.isEmpty else { return refs }
        let teamIDs = Array(Set(entries.map(\.teamID)))
        // Memberships of the volunteers the entries name, not every member of every team (a 20-entry batch read and
        // decoded ~10 times the rows it needed); a very large batch reads them all rather than bind thousands of ids.
        let volunteers = Array(Set(entries.flatMap(\.volunteerIDs)))
        let namedOnly = volunteers.count <= 1_000
        let communes = Set(entries.map(\.communeCode))
        let knownProvinces = provinces.flatMap { communes.isSubset(of: $0.keys) ? $0.filter { communes.contains($0.key) } : nil }
        if let knownProvinces { refs.provinceOfCommune = knownProvinces }
        var coverage: [UUID: Set<String>] = [:]
        for (index, chunk) in teamIDs.chunked(into: 500).enumerated() {
            let ids: [any Encodable & Sendable] = Array(chunk)
            var parts: [SQLQueryString] = [
                "SELECT 't' AS k, CAST(id AS TEXT) AS a, home_commune_code AS b, active_from AS c, active_to AS d FROM \(ident: Team.schema) WHERE id IN (\(binds: ids))",
                "SELECT 'c', CAST(team_id AS TEXT), commune_code, CAST(NULL AS TEXT), CAST(NULL AS TEXT) FROM \(ident: TeamCoverage.schema) WHERE team_id IN (\(binds: ids))",
            ]
            if !(namedOnly && volunteers.isEmpty) {
                var members: SQLQueryString = "SELECT 'm', CAST(team_id AS TEXT), CAST(volunteer_id AS TEXT), from_date, to_date FROM \(ident: TeamMembership.schema) WHERE team_id IN (\(binds: ids))"
                if namedOnly { members += " AND volunteer_id IN (\(binds: volunteers as [any Encodable & Sendable]))" }
                parts.append(members)
            }
            if index == 0 {
                let codes: [any Encodable & Sendable] = Array(communes)
                if knownProvinces == nil {
                    parts.append("SELECT 'p', code, province_code, CAST(NULL AS TEXT), CAST(NULL AS TEXT) FROM \(ident: OrgUnit.schema) WHERE code IN (\(binds: codes)) AND level = \(bind: OrgLevel.commune.rawValue)")
                }
                parts.append("SELECT 'w', commune_code, week, CAST(NULL AS TEXT), CAST(NULL AS TEXT) FROM \(ident: WeeklyReport.schema) WHERE campaign_id = \(bind: campaignID) AND commune_code IN (\(binds: codes)) AND status = \(bind: WeeklyReport.Status.approved.rawValue)")
            }
            for row in try await db.sql.raw(parts.joined(separator: " UNION ALL ")).all() {
                let a = try row.decode(column: "a", as: String.self), b = try row.decode(column: "b", as: String?.self)
                switch try row.decode(column: "k", as: String.self) {
                case "t":
                    guard let id = UUID(uuidString: a), let home = b else { continue }
                    refs.teams[id] = TeamInfo(homeCommune: home, covered: [],
                                              activeFrom: try row.decode(column: "c", as: String?.self).flatMap { LocalDate(iso: $0) },
                                              activeTo: try row.decode(column: "d", as: String?.self).flatMap { LocalDate(iso: $0) })
                case "c":
                    guard let id = UUID(uuidString: a), let commune = b else { continue }
                    coverage[id, default: []].insert(commune)
                case "m":
                    guard let team = UUID(uuidString: a), let volunteer = b.flatMap(UUID.init(uuidString:)),
                          let from = try row.decode(column: "c", as: String?.self).flatMap({ LocalDate(iso: $0) }) else { continue }
                    refs.memberships[team, default: [:]][volunteer, default: []]
                        .append(Membership(from: from, to: try row.decode(column: "d", as: String?.self).flatMap { LocalDate(iso: $0) }))
                case "p":
                    refs.provinceOfCommune[a] = b ?? ""
                case "w":
                    if let week = b { refs.lockedWeeks.insert("\(a)|\(week)") }
                default:
                    continue
                }
            }
        }
        for (id, communes) in coverage { refs.teams[id]?.covered = communes }
        return refs
    }

    func check(_ entry: ValidSupportEntry, prefix: String) -> [FieldError] {
        var errors = FieldErrors()
        guard let team = teams[entry.teamID] else {
            errors.add("\(prefix)team_id", "Không tìm thấy đội hình \(entry.teamID.uuidString.lowercased()).", "Unknown team.")
            return errors.all
        }
        if provinceOfCommune[entry.communeCode] == nil {
            errors.add("\(prefix)commune_code", "Không tìm thấy xã \(entry.communeCode).", "Unknown commune \(entry.communeCode).")
        } else if entry.communeCode != team.homeCommune, !team.covered.contains(entry.communeCode) {
            errors.add("\(prefix)commune_code", "Đội hình không phụ trách xã \(entry.communeCode).",
                       "The team does not serve commune \(entry.communeCode).")
        }
        if let from = team.activeFrom, entry.date < from {
            errors.add("\(prefix)date", "Đội hình bắt đầu hoạt động từ \(from.longVietnamese).", "The team starts on \(from.iso).")
        }
        if let to = team.activeTo, entry.date > to {
            errors.add("\(prefix)date", "Đội hình đã ngừng hoạt động từ \(to.longVietnamese).", "The team ended on \(to.iso).")
        }
        let week = ReportingWeek(containing: entry.date, startsOn: weekStartsOn)
        if lockedWeeks.contains("\(entry.communeCode)|\(week.key)") {
            let locked = WeeklyReports.lockedError(week)
            errors.add("\(prefix)date", locked.messageVI, locked.messageEN)
        }
        let members = memberships[entry.teamID] ?? [:]
        for volunteer in entry.volunteerIDs where !(members[volunteer]?.contains { $0.covers(entry.date) } ?? false) {
            let id = volunteer.uuidString.lowercased()
            errors.add("\(prefix)volunteer_ids", "Tình nguyện viên \(id) không thuộc đội hình vào ngày \(entry.date.longVietnamese).",
                       "Volunteer \(id) is not a team member on \(entry.date.iso).")
        }
        return errors.all
    }
}
