import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// Changes the day a volunteer joined a team: a join recorded late (so earlier days' work showed nobody) or typed
/// wrong. The earlier day stays in the audit trail. Refused when it would leave an entry without its member (a
/// later day than an entry that names them) or overlap their earlier time in the same team.
enum MoveMembershipStart {
    @discardableResult
    static func run(teamID: UUID, volunteerID: UUID, from raw: String?, actor: Actor, on db: any Database) async throws -> Team {
        let team = try await TeamQueries.require(teamID, on: db)
        let place = Places.team(team, coverage: try await TeamQueries.coverage(of: teamID, on: db))
        try await Access.require(.manageMembers, on: place, .team, id: teamID.uuidString.lowercased(), deny: .forbid, actor: actor, on: db)
        guard let from = raw.flatMap({ LocalDate(iso: $0.trimmingCharacters(in: .whitespaces)) }) else {
            throw AppError.validation([FieldError(field: "from", message: "Ngày vào đội không hợp lệ.", messageEN: "Invalid joining date.")])
        }
        if from > actor.today {
            throw AppError.validation([FieldError(field: "from", message: "Ngày vào đội không được sau hôm nay.", messageEN: "The joining date cannot be in the future.")])
        }
        try await db.writeTransaction { db in
            try await JoinTeam.lockTeam(teamID, on: db)
            let rows = try await TeamMembership.query(on: db).filter(\.$team.$id == teamID).filter(\.$volunteer.$id == volunteerID)
                .sort(\.$fromDate).all()
            guard let row = rows.last(where: { $0.toDate == nil }) ?? rows.last else {
                throw AppError.notFound(vi: "Tình nguyện viên không thuộc đội hình này.", en: "The volunteer is not a member of this team.")
            }
            if let to = row.toDate.flatMap(LocalDate.init(iso:)), from > to {
                throw AppError.validation([FieldError(field: "from", message: "Ngày vào đội phải trước ngày rời đội (\(to.longVietnamese)).",
                                                      messageEN: "The joining date must precede the leaving date.")])
            }
            if let earlier = rows.filter({ $0 !== row }).compactMap({ $0.toDate.flatMap(LocalDate.init(iso:)) }).filter({ $0 >= from }).max() {
                throw AppError.validation([FieldError(field: "from", message: "Trùng với lần tham gia đội trước (đến \(earlier.longVietnamese)).",
                                                      messageEN: "Overlaps the earlier membership of this team.")])
            }
            // The first day an entry of this team names them, counted from the current joining day.
            let first = try await db.sql.raw("""
                SELECT MIN(e.entry_date) AS d FROM support_entries e JOIN support_entry_volunteers v ON v.entry_seq = e.seq
                WHERE \(EntryPlaces.team(teamID)) AND e.is_current = \(bind: true) AND v.volunteer_id = \(bind: volunteerID)
                  AND e.entry_date >= \(bind: row.fromDate)
                """).first()?.decode(column: "d", as: String?.self).flatMap(LocalDate.init(iso:))
            if let first, from > first {
                throw AppError.validation([FieldError(field: "from", message: "Đội đã có bản ghi ngày \(first.longVietnamese) ghi nhận người này; ngày vào đội không được sau ngày đó.",
                                                      messageEN: "An entry of \(first.iso) already names this volunteer.")])
            }
            let event = actor.event("team.member_dates", .team, teamID.uuidString.lowercased(), province: team.provinceCode,
                                    detail: "volunteer \(volunteerID.uuidString.lowercased()): joined \(row.fromDate) → \(from.iso)")
            row.fromDate = from.iso
            try await row.save(on: db)
            try await Audit.record(event, on: db)
        }
        return team
    }
}
