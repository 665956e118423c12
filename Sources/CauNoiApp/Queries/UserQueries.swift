import CauNoiCore
import Fluent
import Foundation

/// Accounts as an admin sees them: each with its assignments placed in the hierarchy and named.
enum UserQueries {
    struct Account: Sendable {
        var user: User
        var assignments: [RoleAssignment]
        /// "Quản trị cấp xã — Phường Hồng Hà (Thành phố Hà Nội)", one per assignment.
        var roleLabels: [String]
    }

    /// The accounts the actor may manage (`ManageUser.mayManage`, the rule that also guards each one) whose name,
    /// username or roles' places hold every word of `text` (accents optional), by name; at most `limit`, with the total.
    static func manageable(by actor: Actor, matching text: String?, limit: Int, on db: any Database) async throws -> (items: [Account], total: Int) {
        let words = VietnameseText.words(text ?? "")
        let users = try await User.query(on: db).all()
        let ids = users.compactMap(\.id)
        var byUser: [UUID: [RoleAssignment]] = [:]
        for chunk in ids.chunked(into: 500) {
            for row in try await RoleAssignmentRow.query(on: db).filter(\.$user.$id ~~ Array(chunk)).all() {
                guard let role = Role(rawValue: row.role) else { continue }
                byUser[row.$user.id, default: []].append(
                    RoleAssignment(role: role, unitCode: row.unitCode, teamID: row.teamID, volunteerID: row.volunteerID))
            }
        }
        let places = try await Placer.load(Array(byUser.values.joined()), on: db)
        var out: [Account] = []
        for user in users {
            guard let id = user.id else { continue }
            let assignments = (byUser[id] ?? []).sorted { $0.role < $1.role }
            var placed: [(RoleAssignment, RecordPlace)] = []
            for assignment in assignments { placed.append((assignment, try await places.place(of: assignment, on: db))) }
            guard ManageUser.mayManage(placed, actor: actor) else { continue }
            let labels = assignments.map(places.label)
            if !words.isEmpty {
                let hay = VietnameseText.words(([user.displayName, user.username] + labels).joined(separator: " "))
                guard words.allSatisfy({ w in hay.contains { $0.hasPrefix(w) } }) else { continue }
            }
            out.append(Account(user: user, assignments: assignments, roleLabels: labels))
        }
        out.sort { ($0.user.displayName, $0.user.username) < ($1.user.displayName, $1.user.username) }
        return (Array(out.prefix(limit)), out.count)
    }

    /// Places and names of many assignments from a few queries (units, teams and their coverage).
    struct Placer: Sendable {
        var units: [String: (name: String, province: String?)] = [:]
        var teams: [UUID: (team: Team, coverage: [String])] = [:]

        static func load(_ assignments: [RoleAssignment], on db: any Database) async throws -> Placer {
            var placer = Placer()
            let teamIDs = Array(Set(assignments.compactMap(\.teamID)))
            var coverage: [UUID: [String]] = [:]
            for chunk in teamIDs.chunked(into: 500) {
                for row in try await TeamCoverage.query(on: db).filter(\.$team.$id ~~ Array(chunk)).all() {
                    coverage[row.$team.id, default: []].append(row.$commune.id)
                }
                for team in try await Team.query(on: db).filter(\.$id ~~ Array(chunk)).all() {
                    guard let id = team.id else { continue }
                    placer.teams[id] = (team, [])
                }
            }
            for (id, codes) in coverage { placer.teams[id]?.coverage = codes }
            var codes = Set(assignments.compactMap(\.unitCode))
            for (team, _) in placer.teams.values { codes.insert(team.$homeCommune.id) }
            for chunk in Array(codes).chunked(into: 500) {
                for unit in try await OrgUnit.query(on: db).filter(\.$id ~~ Array(chunk)).all() {
                    if let id = unit.id { placer.units[id] = (unit.name, unit.provinceCode) }
                }
            }
            let provinces = Set(placer.units.values.compactMap(\.province)).subtracting(placer.units.keys)
            for unit in try await OrgUnit.query(on: db).filter(\.$id ~~ Array(provinces)).all() {
                if let id = unit.id { placer.units[id] = (unit.name, unit.provinceCode) }
            }
            return placer
        }

        func place(of a: RoleAssignment, on db: any Database) async throws -> RecordPlace {
            switch a.role {
            case .teamLeader:
                guard let id = a.teamID, let entry = teams[id] else { return RecordPlace(provinceCode: nil) }
                return Places.team(entry.team, coverage: entry.coverage)
            case .volunteer:
                return try await Places.of(a, on: db)  // rare: a volunteer's own account
            default:
                guard let code = a.unitCode else { return RecordPlace(provinceCode: nil) }
                return RecordPlace.unit(code: code, provinceCode: units[code]?.province)
            }
        }

        func label(_ a: RoleAssignment) -> String {
            let place: String? = switch a.role {
            case .teamLeader: a.teamID.flatMap { teams[$0] }.map { t in
                "\(t.team.name) (\(units[t.team.$homeCommune.id]?.name ?? t.team.$homeCommune.id))" }
            case .volunteer: nil
            default: a.unitCode.flatMap { unitName($0) }
            }
            return [a.role.vietnamese, place].compactMap { $0 }.joined(separator: " — ")
        }

        /// "Phường Hồng Hà (Thành phố Hà Nội)"; a province or the nation by its name alone.
        func unitName(_ code: String) -> String? {
            if code == OrgUnit.nationalCode { return "Toàn quốc" }
            guard let unit = units[code] else { return nil }
            guard let province = unit.province, province != code, let provinceName = units[province]?.name else { return unit.name }
            return "\(unit.name) (\(provinceName))"
        }
    }
}
