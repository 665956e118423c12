import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// What the database knows about the teams, communes and volunteers entries mention, loaded with one query for
/// all of them (a group commit's batches together) rather than per entry.
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

    /// Locked weeks of every campaign read ("commune|week" by campaign), when read for a whole group (`load(for:on:)`).
    var lockedByCampaign: [UUID: Set<String>] = [:]
    /// The campaigns' generation as of this read (`CampaignCatalog`); read only for a whole group.
    var campaignsGeneration: Int64?

    /// The province of a commune, from the hierarchy the node ships (`UnitDirectoryResource`): `org_units` is seeded from
    /// the same resource and its codes and provinces are never edited, so this is what reading it would answer.
    static func province(ofCommune code: String) -> String? {
        guard let unit = UnitDirectoryResource.directory.entry(code: code), unit.level == .commune else { return nil }
        return unit.provinceCode
    }

    /// For one campaign's entries (a correction, a dry run).
    static func load(for entries: [ValidSupportEntry], campaignID: UUID, weekStartsOn: Int, on db: any Database) async throws -> References {
        try await load(teams: Set(entries.map(\.teamID)), members: .named(Set(entries.flatMap(\.volunteerIDs))),
                       communes: Set(entries.map(\.communeCode)), campaignID: campaignID, generations: false, on: db)
            .narrowed(to: campaignID, weekStartsOn: weekStartsOn)
    }

    /// For the entries of every batch a group commit writes together (issue 16), inside its transaction: every campaign's
    /// locked weeks, and the campaigns' generation (each batch was routed by campaigns of some generation).
    static func load(for entries: [ValidSupportEntry], on db: any Database) async throws -> References {
        try await load(teams: Set(entries.map(\.teamID)), members: .named(Set(entries.flatMap(\.volunteerIDs))),
                       communes: Set(entries.map(\.communeCode)), campaignID: nil, generations: true, on: db)
    }

    /// Whole teams (every membership, not only of the volunteers some entries name) and every campaign's locked weeks
    /// of `communes`, without generations: what `ReferenceCache` keeps.
    static func load(wholeTeams teams: Set<UUID>, communes: Set<String>, on db: any Database) async throws -> References {
        try await load(teams: teams, members: .all, communes: communes, campaignID: nil, generations: false, on: db)
    }

    /// Whose memberships a read brings back.
    private enum Members {
        case named(Set<UUID>)
        case all
    }

    /// These references for one campaign's entries: its locked weeks and reporting week.
    func narrowed(to campaignID: UUID, weekStartsOn: Int) -> References {
        var narrowed = self
        narrowed.weekStartsOn = weekStartsOn
        narrowed.lockedWeeks = lockedByCampaign[campaignID] ?? []
        return narrowed
    }

    /// One round trip for up to 500 teams: teams, their coverage, the named volunteers' memberships, the weeks approval
    /// locked (of one campaign, or of all) and the campaigns' generation come back as one `UNION ALL` (one text column, the
    /// kind then the values, "|" between). Seven queries a batch had been most of the database's work for phones' small batches: on
    /// PostgreSQL each is parsed and planned (issue 16).
    private static func load(teams: Set<UUID>, members: Members, communes: Set<String>, campaignID: UUID?, generations: Bool,
                             on db: any Database) async throws -> References {
        var refs = References()
        for code in communes { if let province = province(ofCommune: code) { refs.provinceOfCommune[code] = province } }
        // Memberships of the volunteers the entries name, not every member of every team (a 20-entry batch read and
        // decoded ~10 times the rows it needed); a very large group reads them all rather than bind thousands of ids.
        // nil: every member of the teams.
        let namedOnly: Set<UUID>? = if case .named(let ids) = members, ids.count <= 2_000 { ids } else { nil }
        guard !teams.isEmpty || !communes.isEmpty || generations else { return refs }
        let codes: [any Encodable & Sendable] = Array(communes)
        let named = db.uuidBinds(Array(namedOnly ?? []))
        var coverage: [UUID: Set<String>] = [:]
        let chunks = teams.isEmpty ? [[]] : Array(teams).chunked(into: 500).map(Array.init)
        for (index, chunk) in chunks.enumerated() {
            let ids = db.uuidBinds(chunk)
            var parts: [SQLQueryString] = []
            if !ids.isEmpty {
                parts.append("SELECT 't|' || CAST(id AS TEXT) || '|' || home_commune_code || '|' || COALESCE(active_from, '') || '|' || COALESCE(active_to, '') AS r FROM \(ident: Team.schema) WHERE id IN (\(binds: ids))")
                parts.append("SELECT 'c|' || CAST(team_id AS TEXT) || '|' || commune_code AS r FROM \(ident: TeamCoverage.schema) WHERE team_id IN (\(binds: ids))")
                if namedOnly?.isEmpty != true {
                    var memberRows: SQLQueryString = "SELECT 'm|' || CAST(team_id AS TEXT) || '|' || CAST(volunteer_id AS TEXT) || '|' || from_date || '|' || COALESCE(to_date, '') AS r FROM \(ident: TeamMembership.schema) WHERE team_id IN (\(binds: ids))"
                    if namedOnly != nil { memberRows += " AND volunteer_id IN (\(binds: named))" }
                    parts.append(memberRows)
                }
            }
            if index == 0, !codes.isEmpty {
                var locked: SQLQueryString = "SELECT 'w|' || commune_code || '|' || week || '|' || CAST(campaign_id AS TEXT) AS r FROM \(ident: WeeklyReport.schema) WHERE commune_code IN (\(binds: codes)) AND status = \(bind: WeeklyReport.Status.approved.rawValue)"
                if let campaignID { locked += " AND campaign_id = \(bind: campaignID)" }
                parts.append(locked)
            }
            if index == 0, generations {  // only a group's read checks the campaigns its batches were routed by
                parts.append("SELECT 'g|' || CAST(generation AS TEXT) AS r FROM cache_generations WHERE name = 'campaigns'")
            }
            guard !parts.isEmpty else { continue }
            for row in try await db.sql.raw(parts.joined(separator: " UNION ALL ")).all() {
                // One text column a row: decoding a column through SQLKit costs more than splitting it (on PostgreSQL
                // the read's decoding was 5% of the node's CPU under phones' small batches). No value holds a "|".
                let fields = try row.decode(column: "r", as: String.self).split(separator: "|", omittingEmptySubsequences: false)
                func field(_ i: Int) -> String? { i < fields.count && !fields[i].isEmpty ? String(fields[i]) : nil }
                guard let a = field(1) else { continue }
                switch fields[0] {
                case "t":
                    guard let id = UUIDText.parse(a), let home = field(2) else { continue }
                    refs.teams[id] = TeamInfo(homeCommune: home, covered: [], activeFrom: field(3).flatMap { LocalDate(iso: $0) },
                                              activeTo: field(4).flatMap { LocalDate(iso: $0) })
                case "c":
                    guard let id = UUIDText.parse(a), let commune = field(2) else { continue }
                    coverage[id, default: []].insert(commune)
                case "m":
                    guard let team = UUIDText.parse(a), let volunteer = field(2).flatMap(UUIDText.parse),
                          let from = field(3).flatMap({ LocalDate(iso: $0) }) else { continue }
                    refs.memberships[team, default: [:]][volunteer, default: []].append(Membership(from: from, to: field(4).flatMap { LocalDate(iso: $0) }))
                case "w":
                    guard let week = field(2), let campaign = field(3).flatMap(UUIDText.parse) else { continue }
                    refs.lockedByCampaign[campaign, default: []].insert("\(a)|\(week)")
                case "g":
                    refs.campaignsGeneration = Int64(a)
                default:
                    continue
                }
            }
        }
        for (id, communes) in coverage { refs.teams[id]?.covered = communes }
        return refs
    }

    /// The campaigns' and references' generations now: what `ReferenceCache` holds is current while the second has
    /// not moved.
    static func generations(on db: any Database) async throws -> (campaigns: Int64?, references: Int64?) {
        var found: (campaigns: Int64?, references: Int64?) = (nil, nil)
        for row in try await db.sql.raw("SELECT name, generation FROM cache_generations WHERE name IN ('campaigns', 'references')").all() {
            let generation = try row.decode(column: "generation", as: Int64.self)
            switch try row.decode(column: "name", as: String.self) {
            case "campaigns": found.campaigns = generation
            case "references": found.references = generation
            default: continue
            }
        }
        return found
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
