import CauNoiCore
import Fluent
import Foundation

/// What an admin does to an existing account: see it, disable it, end its sessions, send a new set-up link.
/// Only accounts whose every assignment lies within one of the admin's are theirs to manage (`mayManage`, the
/// same rule the account list filters by); others answer "not found".
enum ManageUser {
    static func require(_ id: UUID, actor: Actor, on db: any Database) async throws -> (User, [RoleAssignment]) {
        let notFound = AppError.notFound("tài khoản", "user", id.uuidString.lowercased())
        guard let user = try await User.find(id, on: db) else { throw notFound }
        let assignments = try await AssignmentStore.assignments(of: id, on: db)
        var placed: [(RoleAssignment, RecordPlace)] = []
        for assignment in assignments { placed.append((assignment, try await Places.of(assignment, on: db))) }
        guard mayManage(placed, actor: actor) else {
            try await Audit.recordAlone(actor.event("permission_denied", .user, id.uuidString.lowercased(),
                                                    province: placed.first?.1.provinceCode, outcome: .denied, detail: "manage user"), on: db)
            throw notFound
        }
        return (user, assignments)
    }

    /// The one rule for "may manage this account": each of its assignments lies within one of the actor's
    /// manageUsers areas (an account without any is the centre's alone).
    static func mayManage(_ assignments: [(RoleAssignment, RecordPlace)], actor: Actor) -> Bool {
        let areas = actor.policy.areas(for: .manageUsers)
        guard !assignments.isEmpty else { return actor.policy.isNational(for: .manageUsers) }
        return assignments.allSatisfy { assignment, place in areas.contains { $0.contains(assignment, at: place) } }
    }

    /// A new one-time link with which the person sets a new password; earlier unused links stop working.
    static func resetLink(_ id: UUID, actor: Actor, on db: any Database) async throws -> (User, String) {
        let (user, assignments) = try await require(id, actor: actor, on: db)
        guard user.isActive else {
            throw AppError.conflict(field: "user", vi: "Tài khoản này đã bị vô hiệu hoá, không cấp lại liên kết được.",
                                    en: "This account is disabled; no new link can be issued.")
        }
        let event = actor.event("user.reset_link", .user, id.uuidString.lowercased(), province: try await Places.province(of: assignments, on: db))
        let now = actor.now
        let token = try await db.writeTransaction { db in
            let token = try await SetupLinks.insert(userID: id, replacingEarlier: true, now: now, on: db)
            try await Audit.record(event, on: db)
            return token
        }
        return (user, token)
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
