import CauNoiCore
import Fluent
import Foundation

/// Closes a volunteer's open membership of a team on a day. The row stays, so the history of who served
/// when is kept.
enum LeaveTeam {
    /// The team, for the caller's answer.
    @discardableResult
    static func run(teamID: UUID, volunteerID: UUID, _ draft: EndMembershipDraft, actor: Actor, on db: any Database) async throws -> Team {
        let team = try await TeamQueries.require(teamID, on: db)
        let place = Places.team(team, coverage: try await TeamQueries.coverage(of: teamID, on: db))
        try await Access.require(.manageMembers, on: place, .team, id: teamID.uuidString.lowercased(), deny: .forbid, actor: actor, on: db)
        let date = try MembershipValidator.validate(draft).get()
        let event = actor.event("team.member_leave", .team, teamID.uuidString.lowercased(), province: team.provinceCode)
        try await db.writeTransaction { db in
            try await JoinTeam.lockTeam(teamID, on: db)
            guard let open = try await TeamMembership.query(on: db)
                .filter(\.$team.$id == teamID).filter(\.$volunteer.$id == volunteerID).filter(\.$toDate == nil).first() else {
                throw AppError.notFound(vi: "Tình nguyện viên không đang ở trong đội hình này.", en: "The volunteer is not a current member.")
            }
            if let from = LocalDate(iso: open.fromDate), date < from {
                throw AppError.validation([FieldError(field: "to", message: "Ngày rời đội phải sau ngày vào đội (\(from.longVietnamese)).",
                                                      messageEN: "to must not precede the joining date \(from.iso).")])
            }
            open.toDate = date.iso
            try await open.save(on: db)
            try await Audit.record(event, on: db)
        }
        return team
    }
}
