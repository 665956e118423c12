import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// An admin approves some proposals of a request (all of them, some, or after turning one down) and turns down
/// others. Each decision applies only to a proposal still undecided: of two admins deciding at once, one wins and
/// the other is told what happened.
enum DecideMoves {
    static func run(requestID: UUID, approve: [UUID], reject: [UUID], actor: Actor, on db: any Database) async throws -> ReinforcementRequest {
        let request = try await ReinforcementQueries.require(requestID, on: db)
        let key = requestID.uuidString.lowercased()
        try await Access.require(.coordinateForces, on: request.place, .reinforcement, id: key, deny: .forbid, actor: actor, on: db)
        guard !approve.isEmpty || !reject.isEmpty else {
            throw AppError.validation([FieldError(field: "move_ids", message: "Hãy chọn ít nhất một đề xuất.", messageEN: "Choose at least one proposal.")])
        }
        if !Set(approve).isDisjoint(with: reject) {
            throw AppError.validation([FieldError(field: "move_ids", message: "Một đề xuất không thể vừa duyệt vừa không duyệt.",
                                                  messageEN: "A proposal cannot be both approved and rejected.")])
        }
        guard request.state == .open || request.state == .proposed else {
            throw AppError.conflict(field: "status", vi: "Đề nghị này \(request.state.vietnamese.lowercased()).", en: "The request is \(request.status).")
        }
        let event = actor.event("reinforcement.decide", .reinforcement, key, province: request.provinceCode,
                                detail: "duyệt \(approve.count), không duyệt \(reject.count)")
        let who = actor.principal.displayName, now = actor.now
        try await db.writeTransaction { db in
            try await ReinforcementQueries.lock(requestID, on: db)
            let moves = try await ReinforcementMove.query(on: db).filter(\.$requestID == requestID).filter(\.$id ~~ (approve + reject)).all()
            guard moves.count == approve.count + reject.count else {
                throw AppError.notFound(vi: "Không tìm thấy đề xuất này trong đề nghị.", en: "A proposal is not part of this request.")
            }
            for move in moves {
                guard move.state == .proposed else {
                    throw AppError.conflict(field: "move_ids", vi: "Đề xuất đã được xử lý trước đó (\(move.state.vietnamese.lowercased())). Hãy tải lại trang.",
                                            en: "A proposal was already decided (\(move.status)); reload the page.")
                }
                move.status = (approve.contains(move.id!) ? MoveStatus.approved : MoveStatus.rejected).rawValue
                move.decidedBy = who
                move.updatedAt = now
                try await move.save(on: db)
            }
            try await Audit.record(event, on: db)
        }
        return request
    }
}
