import CauNoiCore
import Fluent
import Foundation

/// Proposes who to move for the open requests of one request, a province or the nation: the planner's exact optimum
/// over the volunteers of the caller's area. Undecided proposals of those requests are replaced; approved and
/// accepted moves stay, and only the places still open are proposed.
enum ProposeReinforcements {
    enum Scope: Sendable, Equatable {
        case request(UUID)
        case province(String)
        case nation
    }

    struct Outcome: Sendable, Equatable {
        var requests: Int
        var proposed: Int
        var unfilled: Int
    }

    static func run(_ scope: Scope, actor: Actor, on db: any Database) async throws -> Outcome {
        let area = try await Access.scope(for: .coordinateForces, actor: actor, on: db)
        var query = ReinforcementRequest.query(on: db).filter(\.$status ~~ [ReinforcementStatus.open.rawValue, ReinforcementStatus.proposed.rawValue])
        switch scope {
        case .request(let id):
            let request = try await ReinforcementQueries.require(id, on: db)
            try await Access.require(.coordinateForces, on: request.place, .reinforcement, id: id.uuidString.lowercased(),
                                     deny: .forbid, actor: actor, on: db)
            query = query.filter(\.$id == id)
        case .province(let code):
            try await Access.require(.coordinateForces, on: RecordPlace(provinceCode: code), .reinforcement, id: nil,
                                     deny: .refuse, actor: actor, on: db)
            query = query.filter(\.$provinceCode == code)
        case .nation:
            _ = area.restrict(query, .init(province: \.$provinceCode))
        }
        let requests = try await query.sort(\.$createdAt).all()
        // The pool is the caller's area: a province admin moves only their own province's people.
        return try await propose(requests, pool: area.everything ? nil : area.provinces, actor: actor, on: db)
    }

    /// Also used after a decline, with the request's own province as the pool.
    static func propose(_ requests: [ReinforcementRequest], pool provinces: Set<String>?, actor: Actor,
                        on db: any Database) async throws -> Outcome {
        guard !requests.isEmpty else { return Outcome(requests: 0, proposed: 0, unfilled: 0) }
        let requestIDs = try requests.map { try $0.requireID() }
        let moves = try await ReinforcementMove.query(on: db).filter(\.$requestID ~~ requestIDs).all()
        let replaced = Set(moves.filter { $0.state == .proposed }.compactMap(\.id))
        let pool = try await ForcePoolQueries.load(provinces: provinces, today: actor.today, releasing: replaced, on: db)

        var needs: [ReinforcementPlanner.Need] = [], planned: [ReinforcementRequest] = []
        // Who holds a required competency level, read once per (campaign, competency, level) among these requests.
        var holders: [String: Set<Int32>] = [:]
        for request in requests {
            let id = try request.requireID()
            let mine = moves.filter { $0.requestID == id }
            let held = mine.filter { $0.state == .approved || $0.state == .accepted }.count
            guard let commune = pool.communeIndex[request.communeCode], request.people > held else { continue }
            var need = request.need
            need.commune = commune
            need.people = request.people - held
            need.excluded = Set(mine.filter { $0.state == .declined || $0.state == .rejected }.compactMap { pool.index[$0.volunteerID] })
            if let competency = request.competency, request.competencyLevel > 0 {
                let key = "\(request.campaignID)|\(competency)|\(request.competencyLevel)"
                if holders[key] == nil {
                    let ids = try await TrainingQueries.holding(competency: competency, level: request.competencyLevel, campaignID: request.campaignID, on: db)
                    holders[key] = Set(ids.compactMap { pool.index[$0] })
                }
                need.onlyFrom = holders[key]
            }
            needs.append(need)
            planned.append(request)
        }
        let plan = pool.planner.plan(needs)
        var rows: [ReinforcementMove] = []
        for move in plan.moves {
            let request = planned[move.need]
            let row = ReinforcementMove()
            row.id = UUIDv7.make()
            row.requestID = try request.requireID()
            row.volunteerID = pool.volunteerIDs[move.volunteer]
            row.fromTeamID = pool.currentTeam[move.volunteer]
            row.toTeamID = request.teamID
            row.startDate = max(request.fromDate, actor.today.iso)
            row.cost = move.cost
            row.kilometres = move.kilometres
            row.reasons = move.reasons.map(\.vietnamese).joined(separator: ", ")
            row.status = MoveStatus.proposed.rawValue
            row.createdAt = actor.now
            row.updatedAt = actor.now
            rows.append(row)
        }
        let proposedPerRequest = Dictionary(grouping: rows, by: \.requestID).mapValues(\.count)
        let events = try planned.map { request in
            actor.event("reinforcement.propose", .reinforcement, try request.requireID().uuidString.lowercased(), province: request.provinceCode,
                        detail: "\(proposedPerRequest[try request.requireID()] ?? 0)/\(request.people) người")
        }
        let replacedIDs = Array(replaced), newRows = rows, touched = planned
        do {
            try await db.writeTransaction { db in
                if !replacedIDs.isEmpty {
                    // Only proposals still undecided: one approved meanwhile stays (and its volunteer is not reused).
                    try await ReinforcementMove.query(on: db).filter(\.$id ~~ replacedIDs)
                        .filter(\.$status == MoveStatus.proposed.rawValue).delete()
                }
                for chunk in newRows.chunked(into: 500) { try await Array(chunk).create(on: db) }
                for request in touched where (proposedPerRequest[try request.requireID()] ?? 0) > 0 && request.state == .open {
                    request.status = ReinforcementStatus.proposed.rawValue
                    request.updatedAt = actor.now
                    try await request.save(on: db)
                }
                for event in events { try await Audit.record(event, on: db) }
            }
        } catch {
            // The unique index on live moves: someone proposed or approved one of these volunteers at the same moment.
            let volunteers = rows.map(\.volunteerID)
            let taken = try await ReinforcementMove.query(on: db).filter(\.$volunteerID ~~ volunteers)
                .filter(\.$status ~~ [MoveStatus.proposed.rawValue, MoveStatus.approved.rawValue]).count()
            guard taken > 0 else { throw error }
            throw AppError.conflict(field: "volunteer_id",
                                    vi: "Một đề xuất khác vừa giữ một trong các TNV này. Hãy đề xuất lại.",
                                    en: "Another proposal has just taken one of these volunteers; propose again.")
        }
        return Outcome(requests: planned.count, proposed: rows.count, unfilled: plan.unfilled.reduce(0, +))
    }
}
