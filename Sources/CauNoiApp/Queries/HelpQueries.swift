import CauNoiCore
import Fluent
import Foundation

/// What the citizens' help page shows for one commune: public facts only.
enum HelpQueries {
    static func commune(_ code: String, today: LocalDate, on db: any Database) async throws -> HelpCommunePage.Model {
        guard let unit = try await OrgUnit.find(code, on: db), unit.level == OrgLevel.commune.rawValue,
              let entry = UnitDirectoryResource.directory.entry(code: code) else {
            throw AppError.notFound("xã, phường", "commune", code)
        }
        // Teams on the ground today: homed here, or covering this commune (mobile teams).
        let covering = try await TeamCoverage.query(on: db).filter(\.$commune.$id == code).all().map(\.$team.id)
        let teams = try await Team.query(on: db)
            .group(.or) { group in
                group.filter(\.$homeCommune.$id == code)
                if !covering.isEmpty { group.filter(\.$id ~~ covering) }
            }
            .filter(\.$activeFrom <= today.iso)
            .group(.or) { $0.filter(\.$activeTo == nil).filter(\.$activeTo >= today.iso) }
            .all()
        let infos = teams.map { t -> (HelpCommunePage.TeamInfo, String) in
            let duty = t.duty
            let stops = (duty.note ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let info = HelpCommunePage.TeamInfo(name: t.name, kindName: TeamKind(rawValue: t.kind)?.vietnamese ?? t.kind, duty: duty.summary,
                                                onDutyToday: duty.covers(weekday: today.weekday), phone: t.hotline, stops: stops)
            return (info, UnitNameMatcher.sortKey(t.name))
        }
        let sorted = infos.sorted { ($0.0.onDutyToday ? 0 : 1, $0.1) < ($1.0.onDutyToday ? 0 : 1, $1.1) }.map(\.0)
        return HelpCommunePage.Model(code: code, name: unit.name, provinceName: entry.unit.provinceName, formerNames: entry.unit.formerNames,
                                     address: unit.serviceCentreAddress, hotline: unit.hotline, teams: sorted, today: today)
    }
}

/// Communes' representative points, read once from the shipped `vn-communes-2025-geo.csv`.
enum HelpLocations {
    static let locations: CommuneLocations = {
        let csv = Bundle.module.url(forResource: "vn-communes-2025-geo", withExtension: "csv").flatMap { try? String(contentsOf: $0, encoding: .utf8) }
        return CommuneLocations(csv: csv ?? "")
    }()
}
