import CauNoiCore
import Fluent
import Foundation

/// The volunteer, their team leader or an admin above them accepts or declines an approved move. Accepting ends the
/// current membership the day before the move starts and opens the new one (history kept); when the request has
/// all its people it is filled. Declining proposes the next best candidate from the request's province.
enum AnswerMove {
    struct Outcome: Sendable {
        var move: ReinforcementMove
        /// After a decline: how many people were proposed in that person's place (0 when nobody else fits).
        var reproposed: Int
    }

    static func run(moveID: UUID, accept: Bool, actor: Actor, on db: any Database) async throws -> Outcome {
        let key = moveID.uuidString.lowercased()
        guard let move = try await ReinforcementMove.find(moveID, on: db) else {
            throw AppError.notFound(ObjectKind.move.vietnamese, ObjectKind.move.english, key)
        }
        let volunteer = try await VolunteerQueries.require(move.volunteerID, on: db)
        try await Access.require(.answerMove, on: place(move, volunteer), .move, id: key, deny: .forbid, actor: actor, on: db)
        let request = try await ReinforcementQueries.require(move.requestID, on: db)
        guard let start = LocalDate(iso: move.startDate) else { throw AppError.server }
        let event = actor.event(accept ? "move.accept" : "move.decline", .move, key, province: request.provinceCode,
                                detail: request.communeCode)
        let who = actor.principal.displayName, now = actor.now
        let requestID = request.id!
        try await db.writeTransaction { db in
            try await ReinforcementQueries.lock(requestID, on: db)
            guard let fresh = try await ReinforcementMove.find(moveID, on: db), fresh.state == .approved else {
                let state = try await ReinforcementMove.find(moveID, on: db)?.state
                throw AppError.conflict(field: "status",
                    vi: state == .proposed ? "Đề xuất chưa được duyệt." : "Đề xuất đã được trả lời trước đó (\(state?.vietnamese.lowercased() ?? "")).",
                    en: "The move is not awaiting an answer.")
            }
            fresh.status = (accept ? MoveStatus.accepted : MoveStatus.declined).rawValue
            fresh.answeredBy = who
            fresh.updatedAt = now
            try await fresh.save(on: db)
            if accept {
                try await transfer(volunteerID: fresh.volunteerID, to: fresh.toTeamID, from: start,
                                   until: request.toDate.flatMap(LocalDate.init(iso:)), on: db)
                let accepted = try await ReinforcementMove.query(on: db).filter(\.$requestID == requestID)
                    .filter(\.$status == MoveStatus.accepted.rawValue).count()
                if accepted >= request.people {
                    request.status = ReinforcementStatus.filled.rawValue
                    request.updatedAt = now
                    try await request.save(on: db)
                }
            }
            try await Audit.record(event, on: db)
        }
        guard !accept else { return Outcome(move: move, reproposed: 0) }
        // The next best candidate, for an admin to approve; the decliner is never proposed again for this request.
        let next = try await ProposeReinforcements.propose([request], pool: [request.provinceCode], actor: actor, on: db)
        return Outcome(move: move, reproposed: next.proposed)
    }

    /// Where a move is answered from: the volunteer themself, the team they leave, their home commune's chain.
    static func place(_ move: ReinforcementMove, _ volunteer: Volunteer) -> RecordPlace {
        RecordPlace(provinceCode: volunteer.provinceCode, communeCodes: [volunteer.$homeCommune.id],
                    teamIDs: move.fromTeamID.map { [$0] } ?? [], volunteerID: move.volunteerID)
    }

    /// Ends every membership still open on `from` the day before, and opens the new one.
    static func transfer(volunteerID: UUID, to teamID: UUID, from: LocalDate, until: LocalDate?, on db: any Database) async throws {
        let open = try await TeamMembership.query(on: db).filter(\.$volunteer.$id == volunteerID).all().filter { m in
            m.toDate.map { $0 >= from.iso } ?? true
        }
        let dayBefore = from.adding(days: -1).iso
        for membership in open where membership.$team.id != teamID || membership.fromDate < from.iso {
            // A membership starting on or after the move day ends the day it starts: it never began.
            membership.toDate = max(membership.fromDate, dayBefore)
            try await membership.save(on: db)
        }
        try await JoinTeam.lockTeam(teamID, on: db)
        try await JoinTeam.insert(teamID: teamID, volunteerID: volunteerID, from: from, to: until, on: db)
    }
}
