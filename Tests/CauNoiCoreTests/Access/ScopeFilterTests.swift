import Foundation
import Testing
@testable import CauNoiCore

/// The list filter and the record check are one rule: for any policy, permission and place,
/// `ScopeFilter.from(policy, permission).matches(place) == policy.allows(permission, on: place)`.
struct ScopeFilterTests {
    typealias Seeded = SeededRandom

    static let provinces = ["01", "79", "48"]
    static let communes = ["00070", "00073", "26506", "20194"]
    static let teams = (0..<4).map { UUID(uuidString: "00000000-0000-4000-8000-00000000000\($0)")! }
    static let people = (0..<4).map { UUID(uuidString: "00000000-0000-4000-8000-00000000010\($0)")! }
    static let permissions: [Permission] = [.readPeople, .readPersonalFields, .writeVolunteer, .readTeams, .writeTeam, .manageMembers,
                                            .readEntries, .writeEntries, .editUnit, .readAudit, .manageUsers, .exportPersonalData,
                                            .submitReport, .approveReport, .handleDifficulties]

    func assignment(_ rng: inout Seeded) -> RoleAssignment {
        let role = Role.allCases.randomElement(using: &rng)!
        switch role {
        case .centralAdmin: return RoleAssignment(role: role, unitCode: "VN")
        case .teamLeader: return RoleAssignment(role: role, teamID: Self.teams.randomElement(using: &rng))
        case .volunteer: return RoleAssignment(role: role, volunteerID: Self.people.randomElement(using: &rng))
        default: return RoleAssignment(role: role, unitCode: (["VN"] + Self.provinces + Self.communes).randomElement(using: &rng))
        }
    }

    func place(_ rng: inout Seeded) -> RecordPlace {
        RecordPlace(provinceCode: Bool.random(using: &rng) ? Self.provinces.randomElement(using: &rng) : nil,
                    communeCodes: Set(Self.communes.filter { _ in Int.random(in: 0..<3, using: &rng) == 0 }),
                    teamIDs: Set(Self.teams.filter { _ in Int.random(in: 0..<3, using: &rng) == 0 }),
                    volunteerID: Bool.random(using: &rng) ? Self.people.randomElement(using: &rng) : nil)
    }

    @Test func listFilterEqualsRecordCheck() {
        var rng = Seeded(state: 79)
        for _ in 0..<3_000 {
            let policy = AccessPolicy(assignments: (0..<Int.random(in: 0...3, using: &rng)).map { _ in assignment(&rng) })
            let place = place(&rng)
            for permission in Self.permissions {
                #expect(ScopeFilter.from(policy, permission).matches(place) == policy.allows(permission, on: place),
                        "\(policy.assignments) \(permission) \(place)")
            }
        }
    }

    @Test func unitLevelsFromCodes() {
        #expect(OrgLevel(unitCode: "VN") == .national)
        #expect(OrgLevel(unitCode: "01") == .province)
        #expect(OrgLevel(unitCode: "00070") == .commune)
        #expect(OrgLevel(unitCode: "7") == nil)
        #expect(OrgLevel(unitCode: "ab") == nil)
        #expect(OrgLevel(unitCode: "0007") == nil)
    }
}
