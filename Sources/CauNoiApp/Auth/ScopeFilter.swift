import CauNoiCore
import Fluent
import Foundation

/// The union of a user's areas for one permission, in the shape list queries filter on.
struct ScopeFilter: Sendable, Equatable {
    var everything = false
    var provinces: Set<String> = []
    var communes: Set<String> = []
    var teams: Set<UUID> = []
    var volunteers: Set<UUID> = []

    static let everything = ScopeFilter(everything: true)

    static func from(_ policy: AccessPolicy, _ permission: Permission) -> ScopeFilter {
        var filter = ScopeFilter()
        for assignment in policy.areas(for: permission) {
            switch assignment.role {
            case .centralAdmin:
                filter.everything = true
            case .teamLeader:
                if let team = assignment.teamID { filter.teams.insert(team) }
            case .volunteer:
                if let me = assignment.volunteerID { filter.volunteers.insert(me) }
            default:
                guard let unit = assignment.unitCode else { continue }
                if unit == OrgUnit.nationalCode { filter.everything = true }
                else if unit.count == 2 { filter.provinces.insert(unit) }
                else { filter.communes.insert(unit) }
            }
        }
        return filter
    }

    var isEmpty: Bool { !everything && provinces.isEmpty && communes.isEmpty && teams.isEmpty && volunteers.isEmpty }
}
