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
        var coverage: [UUID: Set<String>] = [:]
        // SQLKit with the columns needed: decoding whole Fluent models (reflection per row) was the biggest
        // single cost of an API batch, mostly for the memberships of every referenced team.
        let sql = db.sql
        for chunk in teamIDs.chunked(into: 500) {
            let ids = Array(chunk)
            for row in try await sql.select().columns("team_id", "commune_code").from(TeamCoverage.schema).where("team_id", .in, ids).all() {
                coverage[try row.decode(column: "team_id", as: UUID.self), default: []].insert(try row.decode(column: "commune_code", as: String.self))
            }
            for row in try await sql.select().columns("id", "home_commune_code", "active_from", "active_to").from(Team.schema)
                .where("id", .in, ids).all() {
                refs.teams[try row.decode(column: "id", as: UUID.self)] = TeamInfo(
                    homeCommune: try row.decode(column: "home_commune_code", as: String.self), covered: [],
                    activeFrom: LocalDate(iso: try row.decode(column: "active_from", as: String.self)),
                    activeTo: try row.decode(column: "active_to", as: String?.self).flatMap { LocalDate(iso: $0) })
            }
            let members = sql.select().columns("team_id", "volunteer_id", "from_date", "to_date").from(TeamMembership.schema)
                .where("team_id", .in, ids)
            if namedOnly { members.where("volunteer_id", .in, volunteers) }
            for row in namedOnly && volunteers.isEmpty ? [] : try await members.all() {
                guard let from = LocalDate(iso: try row.decode(column: "from_date", as: String.self)) else { continue }
                refs.memberships[try row.decode(column: "team_id", as: UUID.self), default: [:]][
                    try row.decode(column: "volunteer_id", as: UUID.self), default: []]
                    .append(Membership(from: from, to: try row.decode(column: "to_date", as: String?.self).flatMap { LocalDate(iso: $0) }))
            }
        }
        for (id, communes) in coverage { refs.teams[id]?.covered = communes }
        let communes = Set(entries.map(\.communeCode))
        if let provinces, communes.isSubset(of: provinces.keys) {
            refs.provinceOfCommune = provinces.filter { communes.contains($0.key) }
        } else {
            refs.provinceOfCommune = try await OrgUnitQueries.communes(communes, on: db)
        }
        refs.lockedWeeks = try await WeeklyReports.lockedWeeks(campaignID: campaignID, communes: Set(entries.map(\.communeCode)), on: db)
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
