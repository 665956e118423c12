import CauNoiCore
import Fluent
import Foundation

/// An admin creates an account for their own area or narrower (nobody grants what they do not hold);
/// the person sets their own password through a one-time link.
enum CreateAccount {
    static func run(_ draft: UserDraft, actor: Actor, on db: any Database) async throws -> (user: User, setupToken: String, assignments: [RoleAssignment]) {
        let valid = try UserValidator.validate(draft).get()
        for assignment in valid.assignments {
            try await ManageUser.requireGrantable(assignment, actor: actor, on: db)
        }
        let province = try await Places.province(of: valid.assignments, on: db)
        let (user, token) = try await SetupLinks.createUser(valid, audit: actor.event("user.create", province: province), now: actor.now, on: db)
        return (user, token, valid.assignments)
    }
}
