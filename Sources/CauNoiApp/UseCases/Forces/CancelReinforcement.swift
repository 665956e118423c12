import CauNoiCore
import Fluent
import Foundation

/// An admin withdraws a request that is no longer needed: its proposals and approved moves still unanswered are turned
/// down (the volunteers are free again); moves already accepted stay, with their memberships.
enum CancelReinforcement {
    static func run(requestID: UUID, actor: Actor, on db: any Database) async throws -> ReinforcementRequest {
        let request = try await ReinforcementQueries.require(requestID, on: db)
        let key = requestID.uuidString.lowercased()
        try await Access.require(.coordinateForces, on: request.place, .reinforcement, id: key, deny: .forbid, actor: actor, on: db)
        guard request.state.isActive else {
            throw AppError.conflict(field: "status", vi: "Đề nghị này \(request.state.vietnamese.lowercased()), không hủy được.",
                                    en: "The request is \(request.status); it cannot be cancelled.")
        }
        let event = actor.event("reinforcement.cancel", .reinforcement, key, province: request.provinceCode)
        let who = actor.principal.displayName, now = actor.now
        try await db.writeTransaction { db in
            try await ReinforcementQueries.lock(requestID, on: db)
            guard let fresh = try await ReinforcementRequest.find(requestID, on: db), fresh.state.isActive else {
                throw AppError.conflict(field: "status", vi: "Đề nghị vừa được người khác cập nhật.", en: "Changed meanwhile.")
            }
            for move in try await ReinforcementMove.query(on: db).filter(\.$requestID == requestID).all() where move.state.isLive {
                move.status = MoveStatus.rejected.rawValue
                move.decidedBy = who
                move.updatedAt = now
                try await move.save(on: db)
            }
            fresh.status = ReinforcementStatus.cancelled.rawValue
            fresh.updatedAt = now
            try await fresh.save(on: db)
            try await Audit.record(event, on: db)
        }
        return request
    }
}
