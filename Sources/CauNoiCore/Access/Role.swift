import Foundation

/// What a user may do, always bound to a place in the hierarchy (or a team, or themselves).
public enum Role: String, Codable, CaseIterable, Sendable, Comparable {
    case centralAdmin = "central_admin"
    case provinceAdmin = "province_admin"
    case communeAdmin = "commune_admin"
    case teamLeader = "team_leader"
    case volunteer
    case observer

    public var vietnamese: String {
        switch self {
        case .centralAdmin: "Quản trị Trung ương"
        case .provinceAdmin: "Quản trị cấp tỉnh"
        case .communeAdmin: "Quản trị cấp xã"
        case .teamLeader: "Đội trưởng"
        case .volunteer: "Tình nguyện viên"
        case .observer: "Theo dõi (chỉ xem)"
        }
    }

    /// Lower ranks are broader; used to order a user's assignments and to check "narrower or equal".
    var rank: Int {
        switch self {
        case .centralAdmin: 0
        case .provinceAdmin: 1
        case .communeAdmin: 2
        case .teamLeader: 3
        case .observer: 4
        case .volunteer: 5
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    public var isAdmin: Bool { self == .centralAdmin || self == .provinceAdmin || self == .communeAdmin }
}

/// Where a record lives: enough to decide every scope question without another query.
///
/// A record may span several communes (a mobile team covering villages of neighbouring communes).
/// Reading it needs any one of its places; writing it needs every one (`parts`), so nobody reaches
/// into a commune or province they do not hold by naming it next to one they do.
public struct RecordPlace: Sendable, Hashable {
    public var provinceCode: String?
    public var communeCodes: Set<String>
    public var teamIDs: Set<UUID>
    public var volunteerID: UUID?
    /// The province of each commune, where it may differ from `provinceCode` (coverage being checked
    /// before it is stored); communes missing here are taken to lie in `provinceCode`.
    public var provinceOfCommune: [String: String]

    public init(provinceCode: String?, communeCodes: Set<String> = [], teamIDs: Set<UUID> = [], volunteerID: UUID? = nil,
                provinceOfCommune: [String: String] = [:]) {
        self.provinceCode = provinceCode
        self.communeCodes = communeCodes
        self.teamIDs = teamIDs
        self.volunteerID = volunteerID
        self.provinceOfCommune = provinceOfCommune
    }

    /// One place per commune (with the record's teams and person), or the place itself if it has one
    /// commune or none. A write must be allowed on every part.
    public var parts: [RecordPlace] {
        guard communeCodes.count > 1 || !provinceOfCommune.isEmpty else { return [self] }
        return communeCodes.sorted().map { code in
            RecordPlace(provinceCode: provinceOfCommune[code] ?? provinceCode, communeCodes: [code], teamIDs: teamIDs,
                        volunteerID: volunteerID)
        }
    }

    public static func unit(code: String, provinceCode: String?) -> RecordPlace {
        switch OrgLevel(unitCode: code) {
        case .commune: RecordPlace(provinceCode: provinceCode, communeCodes: [code])
        case .province: RecordPlace(provinceCode: code)
        case .national, nil: RecordPlace(provinceCode: nil)
        }
    }
}

/// One role on one unit, team or person.
public struct RoleAssignment: Sendable, Hashable, Codable {
    public var role: Role
    /// "VN", a 2-digit province or a 5-digit commune code.
    public var unitCode: String?
    public var teamID: UUID?
    public var volunteerID: UUID?

    public init(role: Role, unitCode: String? = nil, teamID: UUID? = nil, volunteerID: UUID? = nil) {
        self.role = role
        self.unitCode = unitCode
        self.teamID = teamID
        self.volunteerID = volunteerID
    }

    enum CodingKeys: String, CodingKey { case role, unitCode = "unit_code", teamID = "team_id", volunteerID = "volunteer_id" }

    /// Does this assignment's area include the record? (Not yet: may it act on it.)
    public func covers(_ place: RecordPlace) -> Bool {
        switch role {
        case .centralAdmin:
            return true
        case .provinceAdmin, .communeAdmin, .observer:
            guard let unit = unitCode else { return false }
            switch OrgLevel(unitCode: unit) {
            case .national: return true
            case .province: return place.provinceCode == unit
            case .commune: return place.communeCodes.contains(unit)
            case nil: return false
            }
        case .teamLeader:
            guard let team = teamID else { return false }
            return place.teamIDs.contains(team)
        case .volunteer:
            guard let me = volunteerID else { return false }
            return place.volunteerID == me
        }
    }

    /// Is `other` the same as or narrower than this assignment? Used for API tokens and for users that
    /// admins create: nobody hands out more than they hold. `otherPlace` is where `other` applies.
    public func contains(_ other: RoleAssignment, at otherPlace: RecordPlace) -> Bool {
        guard Self.delegable[role, default: []].contains(other.role) else { return false }
        switch role {
        case .teamLeader: return other.teamID == teamID
        case .volunteer: return other.volunteerID == volunteerID
        // Handing out a role is a write: every commune the other role would act in must be ours.
        default: return otherPlace.parts.allSatisfy(covers)
        }
    }

    /// The roles this assignment may hand out (each only inside its own area).
    public var delegableRoles: Set<Role> { Self.delegable[role, default: []] }

    private static let delegable: [Role: Set<Role>] = [
        .centralAdmin: Set(Role.allCases),
        .provinceAdmin: [.provinceAdmin, .communeAdmin, .observer, .teamLeader, .volunteer],
        .communeAdmin: [.communeAdmin, .observer, .teamLeader, .volunteer],
        .teamLeader: [.teamLeader],
        .observer: [.observer],
        .volunteer: [.volunteer],
    ]
}
