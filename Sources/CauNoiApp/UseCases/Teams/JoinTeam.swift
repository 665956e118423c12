import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// Adds a volunteer to a team for a period. The overlap check and the insert share one transaction
/// that holds the team's row (PostgreSQL: SELECT … FOR UPDATE; SQLite: the single writer), so two
/// simultaneous joins of the same person cannot both pass.
enum JoinTeam {
    /// The team, for the caller's answer.
    @discardableResult
    static func run(teamID: UUID, _ draft: MembershipDraft, actor: Actor, on db: any Database) async throws -> Team {
        let team = try await TeamQueries.require(teamID, on: db)
        let place = Places.team(team, coverage: try await TeamQueries.coverage(of: teamID, on: db))
        try await Access.require(.manageMembers, on: place, .team, id: teamID.uuidString.lowercased(), deny: .forbid, actor: actor, on: db)
        let valid = try MembershipValidator.validate(draft).get()
        // Whoever is added must be someone the caller may see.
        let volunteer = try await VolunteerQueries.require(valid.volunteerID, on: db)
        try await Access.require(.readPeople, on: try await Places.volunteer(volunteer, on: db), .volunteer,
                                 id: valid.volunteerID.uuidString.lowercased(), actor: actor, on: db)
        let event = actor.event("team.member_join", .team, teamID.uuidString.lowercased(), province: team.provinceCode)
        try await db.writeTransaction { db in
            try await lockTeam(teamID, on: db)
            let existing = try await TeamMembership.query(on: db)
                .filter(\.$team.$id == teamID).filter(\.$volunteer.$id == valid.volunteerID).all()
            for row in existing {
                guard let from = LocalDate(iso: row.fromDate) else { continue }
                if MembershipValidator.overlaps((from, row.toDate.flatMap { LocalDate(iso: $0) }), (valid.from, valid.to)) {
                    throw AppError.conflict(field: "volunteer_id",
                                            vi: "Tình nguyện viên đã là thành viên của đội hình trong khoảng thời gian này.",
                                            en: "The volunteer is already a member of this team in that period.")
                }
            }
            try await insert(teamID: teamID, volunteerID: valid.volunteerID, from: valid.from, to: valid.to, on: db)
            try await Audit.record(event, on: db)
        }
        return team
    }

    /// Serialises membership changes of one team on PostgreSQL (SQLite already has one writer at a time).
    static func lockTeam(_ teamID: UUID, on db: any Database) async throws {
        guard !db.isSQLite else { return }
        _ = try await db.sql.select().column("id").from(Team.schema).where("id", .equal, teamID).for(.update).all()
    }

    static func insert(teamID: UUID, volunteerID: UUID, from: LocalDate, to: LocalDate?, on db: any Database) async throws {
        let row = TeamMembership()
        row.id = UUIDv7.make()
        row.$team.id = teamID
        row.$volunteer.id = volunteerID
        row.fromDate = from.iso
        row.toDate = to?.iso
        try await row.create(on: db)
    }
}
