import CauNoiCore
import Fluent
import Foundation

/// Revokes one of the caller's tokens (any token, for the centre), and every token made with it.
enum RevokeToken {
    static func run(id: UUID, actor: Actor, on db: any Database) async throws -> APIToken {
        guard let row = try await APIToken.find(id, on: db),
              row.$user.id == actor.principal.userID || actor.policy.isNational(for: .manageUsers) else {
            throw AppError.notFound("mã truy cập", "token", id.uuidString.lowercased())
        }
        let assignment = Role(rawValue: row.role).map { RoleAssignment(role: $0, unitCode: row.unitCode, teamID: row.teamID, volunteerID: row.volunteerID) }
        let province = try await Places.province(of: assignment.map { [$0] } ?? [], on: db)
        let event = actor.event("api_token.revoke", .apiToken, id.uuidString.lowercased(), province: province)
        let now = actor.now
        try await db.writeTransaction { db in
            let revoked = try await TokenStore.revoke(id, now: now, on: db)
            var recorded = event
            recorded.detail = revoked > 1 ? "with \(revoked - 1) token(s) made with it" : nil
            try await Audit.record(recorded, on: db)
        }
        return try await APIToken.find(id, on: db) ?? row
    }
}
