import Foundation

/// Everything a user can try to do; each route asks for one of these on one record.
public enum Permission: Sendable, Hashable {
    case readPeople          // volunteers' names and memberships
    case readPersonalFields  // phone numbers and birth years
    case writeVolunteer
    case readTeams
    case writeTeam
    case manageMembers
    case readEntries
    case writeEntries
    case editUnit
    case readAudit
    case manageUsers
    case exportPersonalData
    case submitReport
    case approveReport
    case handleDifficulties
    case manageCampaigns     // create and change campaigns: the centre only
    case coordinateForces    // see where help is short, raise reinforcement requests, propose and approve moves
    case answerMove          // accept or decline a move: the volunteer, their team leader, the admins above them
    case manageEquipment     // record a support point's needs and partners' pledges, follow deliveries
    case writePractice       // write up a good practice, record that a place adopts one
    case recognisePractice   // a province recognises a practice of its own
    case recommendPractice   // the centre recommends a practice for replication
    case manageTraining      // record training sessions and their attendance, read training coverage
    case assessCompetency    // assess a volunteer on the competency standard: their team leader, the officers above
    case superviseTeams      // record supervision visits and findings, close findings
    case resolveBreach       // close a finding that breaches the conduct rules: the province, the centre
}

public struct AccessPolicy: Sendable {
    public let assignments: [RoleAssignment]

    public init(assignments: [RoleAssignment]) {
        self.assignments = assignments.sorted { $0.role < $1.role }
    }

    public var isAnonymous: Bool { assignments.isEmpty }

    /// Roles allowed each permission; the record must also lie inside the assignment's area.
    static let grants: [Permission: Set<Role>] = [
        .readPeople: [.centralAdmin, .provinceAdmin, .communeAdmin, .teamLeader, .volunteer],
        .readPersonalFields: [.centralAdmin, .provinceAdmin, .communeAdmin, .volunteer],
        .writeVolunteer: [.centralAdmin, .provinceAdmin, .communeAdmin],
        .readTeams: [.centralAdmin, .provinceAdmin, .communeAdmin, .teamLeader, .observer],
        .writeTeam: [.centralAdmin, .provinceAdmin, .communeAdmin],
        .manageMembers: [.centralAdmin, .provinceAdmin, .communeAdmin, .teamLeader],
        .readEntries: [.centralAdmin, .provinceAdmin, .communeAdmin, .teamLeader, .observer],
        .writeEntries: [.centralAdmin, .provinceAdmin, .communeAdmin, .teamLeader],
        .editUnit: [.centralAdmin, .provinceAdmin, .communeAdmin],
        .readAudit: [.centralAdmin, .provinceAdmin],
        .manageUsers: [.centralAdmin, .provinceAdmin, .communeAdmin],
        .exportPersonalData: [.centralAdmin, .provinceAdmin, .communeAdmin],
        .submitReport: [.centralAdmin, .provinceAdmin, .communeAdmin],
        .approveReport: [.centralAdmin, .provinceAdmin],
        .handleDifficulties: [.centralAdmin, .provinceAdmin],
        .manageCampaigns: [.centralAdmin],
        .coordinateForces: [.centralAdmin, .provinceAdmin],
        .answerMove: [.centralAdmin, .provinceAdmin, .communeAdmin, .teamLeader, .volunteer],
        .manageEquipment: [.centralAdmin, .provinceAdmin, .communeAdmin],
        .writePractice: [.centralAdmin, .provinceAdmin, .communeAdmin],
        .recognisePractice: [.centralAdmin, .provinceAdmin],
        .recommendPractice: [.centralAdmin],
        .manageTraining: [.centralAdmin, .provinceAdmin, .communeAdmin],
        .assessCompetency: [.centralAdmin, .provinceAdmin, .communeAdmin, .teamLeader],
        .superviseTeams: [.centralAdmin, .provinceAdmin, .communeAdmin],
        .resolveBreach: [.centralAdmin, .provinceAdmin],
    ]

    public func allows(_ permission: Permission, on place: RecordPlace) -> Bool {
        let roles = Self.grants[permission, default: []]
        return assignments.contains { roles.contains($0.role) && $0.covers(place) }
    }

    /// The write rule: `permission` on every part of the place (each commune it names, coverage included).
    public func allowsEverywhere(_ permission: Permission, on place: RecordPlace) -> Bool {
        place.parts.allSatisfy { allows(permission, on: $0) }
    }

    /// The assignments that grant `permission` somewhere: list queries are restricted to their areas.
    public func areas(for permission: Permission) -> [RoleAssignment] {
        let roles = Self.grants[permission, default: []]
        return assignments.filter { roles.contains($0.role) }
    }

    /// True when some assignment grants `permission` everywhere (central admin, or a VN-wide role).
    public func isNational(for permission: Permission) -> Bool {
        areas(for: permission).contains { $0.role == .centralAdmin || $0.unitCode == "VN" }
    }
}
