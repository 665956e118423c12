import CauNoiCore
import Fluent
import Foundation

/// What an admin does to an existing account: see it, disable it, end its sessions. Only accounts whose
/// every assignment lies within one of the admin's are theirs to manage; others answer "not found".
enum ManageUser {
    static func require(_ id: UUID, actor: Actor, on db: any Database) async throws -> (User, [RoleAssignment]) {
        guard let user = try await User.find(id, on: db) else { throw AppError.notFound("tài khoản", "user", id.uuidString.lowercased()) }
        let assignments = try await AssignmentStore.assignments(of: id, on: db)
        for assignment in assignments {
            do {
                try await requireGrantable(assignment, actor: actor, on: db)
            } catch {
                throw AppError.notFound("tài khoản", "user", id.uuidString.lowercased())
            }
        }
        return (user, assignments)
    }

    /// Disabling ends every session at once; tokens stop working because their owner is inactive.
    static func disable(_ id: UUID, actor: Actor, on db: any Database) async throws -> (User, [RoleAssignment]) {
        let (user, assignments) = try await require(id, actor: actor, on: db)
        user.isActive = false
        let event = actor.event("user.disable", .user, id.uuidString.lowercased(), province: try await Places.province(of: assignments, on: db))
        try await db.writeTransaction { db in
            try await user.save(on: db)
            try await SessionStore.endAll(userID: id, on: db)
            try await Audit.record(event, on: db)
        }
        return (user, assignments)
    }

    /// Signs the person out everywhere; returns how many sessions ended.
    static func endSessions(_ id: UUID, actor: Actor, on db: any Database) async throws -> Int {
        let (_, assignments) = try await require(id, actor: actor, on: db)
        let event = actor.event("user.end_sessions", .user, id.uuidString.lowercased(), province: try await Places.province(of: assignments, on: db))
        return try await db.writeTransaction { db in
            let ended = try await SessionStore.endAll(userID: id, on: db)
            try await Audit.record(event, on: db)
            return ended
        }
    }

    /// The actor may hand out `assignment`: one of their manageUsers areas contains it (every commune it names).
    static func requireGrantable(_ assignment: RoleAssignment, actor: Actor, on db: any Database) async throws {
        let place = try await Places.of(assignment, on: db)
        guard actor.policy.areas(for: .manageUsers).contains(where: { $0.contains(assignment, at: place) }) else {
            try await Audit.recordAlone(actor.event("permission_denied", .user, nil, province: place.provinceCode, outcome: .denied,
                                                    detail: "assign \(assignment.role.rawValue)"), on: db)
            throw AppError.forbidden(vi: "Chỉ được cấp vai trò trong phạm vi quản lý của bạn.",
                                     en: "You may only grant roles within your own scope.")
        }
    }
}
