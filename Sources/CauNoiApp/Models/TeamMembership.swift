import Fluent
import Foundation

/// A volunteer's time in a team. Rows are closed (to_date set), never deleted, so rotation keeps history.
final class TeamMembership: Model, @unchecked Sendable {
    static let schema = "team_memberships"

    @ID(key: .id) var id: UUID?
    @Parent(key: "team_id") var team: Team
    @Parent(key: "volunteer_id") var volunteer: Volunteer
    @Field(key: "from_date") var fromDate: String
    @OptionalField(key: "to_date") var toDate: String?

    init() {}
}
