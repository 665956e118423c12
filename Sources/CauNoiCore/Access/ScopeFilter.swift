import Foundation

/// The union of a user's areas for one permission, in the shape list queries filter on.
///
/// It is the list form of `AccessPolicy.allows`: `matches(place)` equals `policy.allows(permission,
/// on: place)` for every place (a property test holds them together), and the SQL a list query runs
/// (`ScopeFilter.restrict` in the app) states `matches` over columns.
public struct ScopeFilter: Sendable, Equatable {
    public var everything = false
    public var provinces: Set<String> = []
    public var communes: Set<String> = []
    public var teams: Set<UUID> = []
    public var volunteers: Set<UUID> = []

    public init(everything: Bool = false, provinces: Set<String> = [], communes: Set<String> = [], teams: Set<UUID> = [],
                volunteers: Set<UUID> = []) {
        self.everything = everything
        self.provinces = provinces
        self.communes = communes
        self.teams = teams
        self.volunteers = volunteers
    }

    public static let everything = ScopeFilter(everything: true)

    public static func from(_ policy: AccessPolicy, _ permission: Permission) -> ScopeFilter {
        var filter = ScopeFilter()
        for assignment in policy.areas(for: permission) {
            switch assignment.role {
            case .centralAdmin:
                filter.everything = true
            case .teamLeader:
                if let team = assignment.teamID { filter.teams.insert(team) }
            case .volunteer:
                if let me = assignment.volunteerID { filter.volunteers.insert(me) }
            case .provinceAdmin, .communeAdmin, .observer:
                guard let unit = assignment.unitCode else { continue }
                switch OrgLevel(unitCode: unit) {
                case .national: filter.everything = true
                case .province: filter.provinces.insert(unit)
                case .commune: filter.communes.insert(unit)
                case nil: continue
                }
            }
        }
        return filter
    }

    public var isEmpty: Bool { !everything && provinces.isEmpty && communes.isEmpty && teams.isEmpty && volunteers.isEmpty }

    /// Whether a record at `place` is in the list.
    public func matches(_ place: RecordPlace) -> Bool {
        if everything { return true }
        if let province = place.provinceCode, provinces.contains(province) { return true }
        if !communes.isDisjoint(with: place.communeCodes) { return true }
        if !teams.isDisjoint(with: place.teamIDs) { return true }
        if let me = place.volunteerID, volunteers.contains(me) { return true }
        return false
    }
}
