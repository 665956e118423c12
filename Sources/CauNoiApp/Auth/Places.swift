import CauNoiCore
import Fluent
import Foundation

/// Where records live in the hierarchy, for scope checks.
enum Places {
    static func unit(_ unit: OrgUnit) -> RecordPlace {
        RecordPlace.unit(code: unit.id ?? "", provinceCode: unit.provinceCode)
    }

    static func team(_ team: Team, coverage: [String]) -> RecordPlace {
        RecordPlace(provinceCode: team.provinceCode, communeCodes: Set([team.$homeCommune.id] + coverage),
                    teamIDs: team.id.map { [$0] } ?? [])
    }

    /// A volunteer belongs to their home commune's chain (whose admins see their phone), to every team
    /// they have served in (whose leaders see their name) and to themselves.
    static func volunteer(_ volunteer: Volunteer, on db: any Database) async throws -> RecordPlace {
        guard let id = volunteer.id else { return RecordPlace(provinceCode: volunteer.provinceCode) }
        let teamIDs = try await TeamMembership.query(on: db).filter(\.$volunteer.$id == id).all().map(\.$team.id)
        return RecordPlace(provinceCode: volunteer.provinceCode, communeCodes: [volunteer.$homeCommune.id],
                           teamIDs: Set(teamIDs), volunteerID: id)
    }

    /// The home chain alone: who may see and change a volunteer's personal fields.
    static func home(of volunteer: Volunteer) -> RecordPlace {
        RecordPlace(provinceCode: volunteer.provinceCode, communeCodes: [volunteer.$homeCommune.id], volunteerID: volunteer.id)
    }

    static func entry(teamID: UUID, communeCode: String, provinceCode: String) -> RecordPlace {
        RecordPlace(provinceCode: provinceCode, communeCodes: [communeCode], teamIDs: [teamID])
    }

    /// The one province a set of assignments lies in, or nil (national, several provinces, or none):
    /// the province an audit row about that user or token is filed under.
    static func province(of assignments: [RoleAssignment], on db: any Database) async throws -> String? {
        var provinces = Set<String?>()
        for assignment in assignments { provinces.insert(try await of(assignment, on: db).provinceCode) }
        return provinces.count == 1 ? provinces.first ?? nil : nil
    }

    /// Where an assignment applies, so a narrower one can be checked against a broader one.
    static func of(_ assignment: RoleAssignment, on db: any Database) async throws -> RecordPlace {
        switch assignment.role {
        case .teamLeader:
            guard let teamID = assignment.teamID, let team = try await Team.find(teamID, on: db) else {
                return RecordPlace(provinceCode: nil)
            }
            return Places.team(team, coverage: try await TeamQueries.coverage(of: teamID, on: db))
        case .volunteer:
            guard let id = assignment.volunteerID, let volunteer = try await Volunteer.find(id, on: db) else {
                return RecordPlace(provinceCode: nil)
            }
            return try await Places.volunteer(volunteer, on: db)
        default:
            guard let code = assignment.unitCode else { return RecordPlace(provinceCode: nil) }
            let unit = try await OrgUnit.find(code, on: db)
            return RecordPlace.unit(code: code, provinceCode: unit?.provinceCode)
        }
    }
}
