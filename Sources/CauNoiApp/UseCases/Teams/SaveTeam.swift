import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// Creates a team (with its first members) or changes one's fields and coverage: authorises where the
/// team is and where it would be, validates the draft and its references, writes and audits in one
/// transaction. The API and the team pages both call this.
enum SaveTeam {
    /// `id` nil creates. On update, members are refused here (they change through `JoinTeam`/`LeaveTeam`
    /// so rotation history is kept).
    static func run(_ draft: TeamDraft, id: UUID?, actor: Actor, on db: any Database) async throws -> Team {
        let existing = try await id.asyncMap { try await TeamQueries.require($0, on: db) }
        if let existing {
            let place = Places.team(existing, coverage: try await TeamQueries.coverage(of: try existing.requireID(), on: db))
            try await Access.require(.writeTeam, on: place, .team, id: id?.uuidString.lowercased(), deny: .forbid, actor: actor, on: db)
        }
        let valid = try TeamValidator.validate(draft).get()
        if id != nil, !valid.members.isEmpty {
            throw AppError.validation([FieldError(
                field: "members", message: "Thay đổi thành viên qua /members để giữ lịch sử luân chuyển.",
                messageEN: "Change members through /members so rotation history is kept.")])
        }
        let communes = try await OrgUnitQueries.communes(Set([valid.homeCommuneCode] + valid.coveredCommunes), on: db)
        try await authorizePlace(of: valid, communes: communes, id: id, actor: actor, on: db)
        try await checkReferences(valid, communes: communes, id: id, on: db)

        let provinceCode = communes[valid.homeCommuneCode] ?? ""
        let event = actor.event(id == nil ? "team.create" : "team.update", .team, nil, province: provinceCode)
        return try await db.writeTransaction { db in
            let team = existing ?? Team()
            let isNew = team.id == nil
            if isNew { team.id = UUIDv7.make() }
            if let code = valid.code {
                team.code = code
            } else if isNew {
                team.code = try await nextCode(for: valid.homeCommuneCode, on: db)
            }
            team.name = valid.name
            team.nameSearch = VietnameseText.fold(valid.name)
            team.$homeCommune.id = valid.homeCommuneCode
            team.provinceCode = provinceCode
            team.kind = valid.kind.rawValue
            team.$leader.id = valid.leaderID
            team.hotline = valid.hotline
            team.dutyDays = valid.duty.mask
            team.dutyHours = valid.duty.hours
            team.scheduleNote = valid.duty.note
            team.minMembers = valid.minMembers
            team.activeFrom = valid.activeFrom.iso
            team.activeTo = valid.activeTo?.iso
            try await team.save(on: db)
            let teamID = try team.requireID()

            try await TeamCoverage.query(on: db).filter(\.$team.$id == teamID).delete()
            for code in valid.coveredCommunes {
                let row = TeamCoverage()
                row.id = UUIDv7.make()
                row.$team.id = teamID
                row.$commune.id = code
                try await row.create(on: db)
            }
            if isNew {
                var members = valid.members
                if let leader = valid.leaderID, !members.contains(where: { $0.volunteerID == leader }) {
                    members.append(.init(volunteerID: leader, from: valid.activeFrom, to: nil))
                }
                for member in members {
                    try await JoinTeam.insert(teamID: teamID, volunteerID: member.volunteerID, from: member.from, to: member.to, on: db)
                }
            }
            try await Audit.record(event.object("team", teamID.uuidString.lowercased(), province: provinceCode), on: db)
            return team
        }
    }

    /// Both where the team is and where it would be after the change must be in the caller's area:
    /// the home commune and every covered commune, each in its own province.
    static func authorizePlace(of valid: ValidTeam, communes: [String: String], id: UUID?, actor: Actor, on db: any Database) async throws {
        guard let province = communes[valid.homeCommuneCode] else { return }
        let named = Set([valid.homeCommuneCode] + valid.coveredCommunes).filter { communes[$0] != nil }
        let place = RecordPlace(provinceCode: province, communeCodes: named, teamIDs: id.map { [$0] } ?? [],
                                provinceOfCommune: communes)
        try await Access.require(.writeTeam, on: place, .team, id: id?.uuidString.lowercased(), deny: .refuse, actor: actor, on: db)
    }

    /// Communes, people and the code the draft names must exist (and the code be free); coverage stays
    /// in the home commune's province.
    private static func checkReferences(_ valid: ValidTeam, communes: [String: String], id: UUID?, on db: any Database) async throws {
        var errors = FieldErrors()
        if communes[valid.homeCommuneCode] == nil {
            errors.add("home_commune_code", "Không tìm thấy xã \(valid.homeCommuneCode).", "No commune \(valid.homeCommuneCode).")
        }
        for (index, code) in valid.coveredCommunes.enumerated() {
            guard let province = communes[code] else {
                errors.add("covered_communes[\(index)]", "Không tìm thấy xã \(code).", "No commune \(code).")
                continue
            }
            // A team works for one provincial Youth Union; its figures count in that province only.
            if let home = communes[valid.homeCommuneCode], province != home {
                errors.add("covered_communes[\(index)]", "Xã \(code) thuộc tỉnh khác với xã đặt đội hình; đội hình chỉ hỗ trợ các xã trong cùng tỉnh.",
                           "Commune \(code) lies in another province than the team's home commune; a team covers communes of its own province only.")
            }
        }
        var volunteerIDs = Set(valid.members.map(\.volunteerID))
        if let leader = valid.leaderID { volunteerIDs.insert(leader) }
        let known = Set(try await Volunteer.query(on: db).filter(\.$id ~~ Array(volunteerIDs)).all().compactMap(\.id))
        if let leader = valid.leaderID, !known.contains(leader) {
            errors.add("leader_id", "Không tìm thấy tình nguyện viên làm đội trưởng.", "Leader is not a known volunteer.")
        }
        for (index, member) in valid.members.enumerated() where !known.contains(member.volunteerID) {
            errors.add("members[\(index)].volunteer_id", "Không tìm thấy tình nguyện viên.", "Unknown volunteer.")
        }
        if let code = valid.code {
            let clash = Team.query(on: db).filter(\.$code == code)
            if let id { clash.filter(\.$id != id) }
            if try await clash.count() > 0 {
                errors.add("code", "Mã đội hình \(code) đã được dùng.", "Team code \(code) is taken.")
            }
        }
        try errors.throwIfAny()
    }

    /// "<commune>-<n>": short enough to type in a text message.
    private static func nextCode(for commune: String, on db: any Database) async throws -> String {
        var n = try await Team.query(on: db).filter(\.$homeCommune.$id == commune).count() + 1
        while try await Team.query(on: db).filter(\.$code == "\(commune)-\(n)").count() > 0 { n += 1 }
        return "\(commune)-\(n)"
    }
}
