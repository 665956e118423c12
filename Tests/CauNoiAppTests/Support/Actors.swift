import CauNoiCore
import Foundation
import Vapor
@testable import CauNoiApp

extension Application {
    /// A new user holding `assignment`, as the actor a use case receives (signed in through a browser session).
    func actor(_ assignment: RoleAssignment, now: Date = fixedNow) async throws -> Actor {
        let user = try await TestUsers.makeUser("u\(UUID().uuidString.prefix(8).lowercased())", password: nil, assignments: [assignment], on: db)
        let principal = Principal(userID: try user.requireID(), username: user.username, displayName: user.displayName,
                                  policy: AccessPolicy(assignments: [assignment]), via: .session(tokenHash: "test", csrfToken: "test"))
        return Actor(principal: principal, now: now, requestID: "test", clientIP: "127.0.0.1")
    }
}
