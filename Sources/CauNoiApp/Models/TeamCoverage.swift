import Fluent
import Foundation

/// A commune a team serves besides its home commune (mobile teams cover several).
final class TeamCoverage: Model, @unchecked Sendable {
    static let schema = "team_coverage"

    @ID(key: .id) var id: UUID?
    @Parent(key: "team_id") var team: Team
    @Parent(key: "commune_code") var commune: OrgUnit

    init() {}
}
