import CauNoiCore
import Vapor

struct TeamMemberDTO: Content, Equatable {
    var volunteerID: UUID
    var fullName: String
    var from: String
    var to: String?

    enum CodingKeys: String, CodingKey { case volunteerID = "volunteer_id", fullName = "full_name", from, to }
}

struct TeamDTO: Content, Equatable {
    var id: UUID
    var code: String
    var name: String
    var homeCommuneCode: String
    var provinceCode: String
    var kind: String
    var kindName: String
    var leaderID: UUID?
    var hotline: String?
    var activeFrom: String
    var activeTo: String?
    var coveredCommunes: [String]
    /// Current and past members, so rotation history stays visible; nil for callers who may not see people.
    var members: [TeamMemberDTO]?
    var memberCount: Int?
    /// When the team is on duty (shown on the public help page).
    var dutyDays: [Int]
    var dutyHours: String?
    var scheduleNote: String?
    var minMembers: Int

    enum CodingKeys: String, CodingKey {
        case id, code, name, homeCommuneCode = "home_commune_code", provinceCode = "province_code", kind
        case kindName = "kind_name", leaderID = "leader_id", hotline, activeFrom = "active_from", activeTo = "active_to"
        case coveredCommunes = "covered_communes", members, memberCount = "member_count"
        case dutyDays = "duty_days", dutyHours = "duty_hours", scheduleNote = "schedule_note", minMembers = "min_members"
    }

    func withoutPeople() -> TeamDTO {
        var copy = self
        copy.memberCount = members?.filter { $0.to == nil }.count
        copy.members = nil
        copy.leaderID = nil
        return copy
    }

    init(_ team: Team, coverage: [String], members: [TeamMemberDTO]?) {
        id = team.id ?? UUID()
        code = team.code
        name = team.name
        homeCommuneCode = team.$homeCommune.id
        provinceCode = team.provinceCode
        kind = team.kind
        kindName = TeamKind(rawValue: team.kind)?.vietnamese ?? team.kind
        leaderID = team.$leader.id
        hotline = team.hotline
        activeFrom = team.activeFrom
        activeTo = team.activeTo
        coveredCommunes = coverage.sorted()
        self.members = members
        memberCount = members?.filter { $0.to == nil }.count
        let duty = team.duty
        dutyDays = duty.days
        dutyHours = duty.hours
        scheduleNote = duty.note
        // A team built in memory without it (a fixture, a bulk load) has the column's default.
        minMembers = team.$minMembers.value ?? ValidTeam.defaultMinMembers
    }
}

extension TeamMemberDTO {
    /// Still in the team on `day`: no end date, or one not yet passed.
    func isCurrent(on day: LocalDate) -> Bool { to.map { $0 >= day.iso } ?? true }
}
