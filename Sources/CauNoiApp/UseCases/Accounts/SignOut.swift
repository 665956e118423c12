import CauNoiCore
import Fluent
import Foundation

/// Ends the caller's browser session on the server, so the old cookie is worthless even if it was copied.
/// A caller with an API token has no session to end.
enum SignOut {
    static func run(actor: Actor, on db: any Database) async throws {
        guard case .session(let hash, _) = actor.principal.via else { return }
        let event = actor.event("logout", .user, actor.principal.userID.uuidString.lowercased())
        try await db.writeTransaction { db in
            try await SessionStore.end(tokenHash: hash, on: db)
            try await Audit.record(event, on: db)
        }
    }
}
