import CauNoiCore
import Fluent
import Foundation

/// A volunteer team (đội hình).
final class Team: Model, @unchecked Sendable {
    static let schema = "teams"

    @ID(key: .id) var id: UUID?
    /// Short code a leader can type in a text report, e.g. "26506-1".
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "name_search") var nameSearch: String
    @Parent(key: "home_commune_code") var homeCommune: OrgUnit
    @Field(key: "province_code") var provinceCode: String
    @Field(key: "kind") var kind: String
    @OptionalParent(key: "leader_id") var leader: Volunteer?
    @OptionalField(key: "hotline") var hotline: String?
    /// Weekdays on duty, bit 0 = Monday (`DutySchedule`).
    @Field(key: "duty_days") var dutyDays: Int
    @OptionalField(key: "duty_hours") var dutyHours: String?
    @OptionalField(key: "schedule_note") var scheduleNote: String?
    /// Reinforcement proposals never take the team below this many members.
    @Field(key: "min_members") var minMembers: Int
    @Field(key: "active_from") var activeFrom: String
    @OptionalField(key: "active_to") var activeTo: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    @Children(for: \.$team) var memberships: [TeamMembership]
    @Children(for: \.$team) var coverage: [TeamCoverage]

    init() {}

    var duty: DutySchedule { DutySchedule(mask: dutyDays, hours: dutyHours, note: scheduleNote) }
}
