import CauNoiCore
import Fluent
import Foundation

/// Turns a rotation plan into reinforcement requests: one per team that falls below its minimum on the day, for the
/// missing places, preferring the local force; proposals follow at once, and people decide as for any request.
enum PlanRotation {
    struct Outcome: Sendable, Equatable {
        var teams: Int
        var proposals: ProposeReinforcements.Outcome
    }

    static func run(day: LocalDate, actor: Actor, on db: any Database) async throws -> Outcome {
        let area = try await Access.scope(for: .coordinateForces, actor: actor, on: db)
        guard day >= actor.today else {
            throw AppError.validation([FieldError(field: "day", message: "Ngày \(day.longVietnamese) đã qua.", messageEN: "The day is in the past.")])
        }
        let provinces = area.everything ? nil : area.provinces
        let short = try await RotationQueries.shortTeams(on: day, provinces: provinces, today: actor.today, on: db)
        // A team that already has an active request for that day is not asked for twice.
        let existing = Set(try await ReinforcementRequest.query(on: db)
            .filter(\.$status ~~ [ReinforcementStatus.open.rawValue, ReinforcementStatus.proposed.rawValue])
            .filter(\.$fromDate == day.iso).all().map(\.teamID))
        var created: [ReinforcementRequest] = []
        for team in short where !existing.contains(team.teamID) {
            var draft = ReinforcementRequestDraft()
            draft.communeCode = team.communeCode
            draft.teamID = team.teamID.uuidString
            draft.people = team.shortfall
            draft.fromDate = day.iso
            draft.note = "Kế hoạch luân chuyển ngày \(BriefingDates.dayMonthYear(day)): \(team.leaving) TNV kết thúc trước ngày này; ưu tiên lực lượng tại chỗ."
            created.append(try await RaiseReinforcement.run(draft, preferLocalForce: true, actor: actor, on: db))
        }
        let proposals = try await ProposeReinforcements.propose(created, pool: provinces, actor: actor, on: db)
        return Outcome(teams: created.count, proposals: proposals)
    }
}
