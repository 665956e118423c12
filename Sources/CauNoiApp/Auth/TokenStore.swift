import CauNoiCore
import Fluent
import Vapor

/// API tokens for devices and integrations: shown once, stored hashed, expiring, revocable.
enum TokenStore {
    static let prefix = "cn_"
    static let maxLifetimeDays = 365

    /// A token made with a token (`parent`) expires no later than its parent and records it.
    static func issue(userID: UUID, name: String, assignment: RoleAssignment, days: Int, now: Date, parent: APIToken? = nil,
                      on db: any Database) async throws -> (token: String, row: APIToken) {
        let token = Secrets.token(prefix: prefix)
        let row = APIToken()
        row.id = UUIDv7.make()
        row.$user.id = userID
        row.name = name
        row.tokenHash = Secrets.hash(token)
        row.role = assignment.role.rawValue
        row.unitCode = assignment.unitCode
        row.teamID = assignment.teamID
        row.volunteerID = assignment.volunteerID
        row.createdAt = now
        row.expiresAt = now.addingTimeInterval(TimeInterval(days) * 86400)
        if let parent {
            row.parentID = parent.id
            row.expiresAt = min(row.expiresAt, parent.expiresAt)
        }
        try await row.create(on: db)
        return (token, row)
    }

    /// Revokes a token and every token made with it, however deep; returns how many were revoked.
    @discardableResult
    static func revoke(_ id: UUID, now: Date, on db: any Database) async throws -> Int {
        var frontier = [id]
        var seen: Set<UUID> = [id]
        var count = 0
        while !frontier.isEmpty {
            count += try await APIToken.query(on: db).filter(\.$id ~~ frontier).filter(\.$revokedAt == nil)
                .count()
            try await APIToken.query(on: db).filter(\.$id ~~ frontier).filter(\.$revokedAt == nil).set(\.$revokedAt, to: now).update()
            let children = try await APIToken.query(on: db).filter(\.$parentID ~~ frontier).all().compactMap(\.id)
            frontier = children.filter { seen.insert($0).inserted }
        }
        return count
    }

    /// The token acts with its own assignment, and only while its owner still holds one that contains it.
    /// The principal and when the token expires.
    static func authenticate(token: String, now: Date, on db: any Database) async throws -> (Principal, Date)? {
        guard token.hasPrefix(prefix),
              let row = try await APIToken.query(on: db).filter(\.$tokenHash == Secrets.hash(token)).first(),
              row.revokedAt == nil, now < row.expiresAt, let tokenID = row.id,
              let role = Role(rawValue: row.role),
              let user = try await User.find(row.$user.id, on: db), user.isActive, let userID = user.id
        else { return nil }
        let assignment = RoleAssignment(role: role, unitCode: row.unitCode, teamID: row.teamID, volunteerID: row.volunteerID)
        let held = try await AssignmentStore.assignments(of: userID, on: db)
        let place = try await Places.of(assignment, on: db)
        guard held.contains(where: { $0.contains(assignment, at: place) }) else { return nil }
        return (Principal(userID: userID, username: user.username, displayName: user.displayName,
                          policy: AccessPolicy(assignments: [assignment]), via: .token(tokenID)), row.expiresAt)
    }
}
