import Foundation

public struct TeamDraft: Codable, Sendable, Hashable {
    /// A first member, as when someone joins later (`MembershipDraft`).
    public typealias Member = MembershipDraft

    public var name: String?
    public var code: String?
    public var homeCommuneCode: String?
    public var kind: String?
    public var leaderID: String?
    public var hotline: String?
    public var activeFrom: String?
    public var activeTo: String?
    public var coveredCommunes: [String]?
    public var members: [Member]?
    /// Days on duty, 1 = Monday … 7 = Sunday; hours as the team writes them; a mobile team's stops.
    public var dutyDays: [Int]?
    public var dutyHours: String?
    public var scheduleNote: String?
    /// The fewest members the team may keep when others are moved away (default 3).
    public var minMembers: Int?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case name, code, homeCommuneCode = "home_commune_code", kind, leaderID = "leader_id", hotline
        case activeFrom = "active_from", activeTo = "active_to", coveredCommunes = "covered_communes", members
        case dutyDays = "duty_days", dutyHours = "duty_hours", scheduleNote = "schedule_note", minMembers = "min_members"
    }
}

public struct ValidTeam: Sendable, Hashable {
    public struct Member: Sendable, Hashable {
        public var volunteerID: UUID
        public var from: LocalDate
        public var to: LocalDate?

        public init(volunteerID: UUID, from: LocalDate, to: LocalDate?) {
            self.volunteerID = volunteerID; self.from = from; self.to = to
        }
    }

    public var name: String
    public var code: String?
    public var homeCommuneCode: String
    public var kind: TeamKind
    public var leaderID: UUID?
    public var hotline: String?
    public var activeFrom: LocalDate
    public var activeTo: LocalDate?
    /// Communes served besides the home commune, without it and without repeats.
    public var coveredCommunes: [String]
    public var members: [Member]
    public var duty = DutySchedule()
    public var minMembers = ValidTeam.defaultMinMembers

    public static let defaultMinMembers = 3
}
