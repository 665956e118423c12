import CauNoiCore
import Fluent
import SQLKit
import Vapor

enum TeamQueries {
    struct Filter: Sendable, Equatable {
        var commune: String?
        var province: String?
        var kind: TeamKind?
        var text: String?
        var page = 1
        var per = 50
    }

    static func require(_ id: UUID, on db: any Database) async throws -> Team {
        guard let team = try await Team.find(id, on: db) else {
            throw AppError.notFound("đội hình", "team", id.uuidString.lowercased())
        }
        return team
    }

    static func list(_ filter: Filter, scope: ScopeFilter, on db: any Database) async throws -> (items: [Team], total: Int) {
        let query = Team.query(on: db)
        if !scope.everything {
            var ids = scope.teams
            if !scope.communes.isEmpty {
                ids.formUnion(try await TeamCoverage.query(on: db).filter(\.$commune.$id ~~ Array(scope.communes)).all().map(\.$team.id))
            }
            if scope.provinces.isEmpty && scope.communes.isEmpty && ids.isEmpty { return ([], 0) }
            query.group(.or) { group in
                if !scope.provinces.isEmpty { group.filter(\.$provinceCode ~~ Array(scope.provinces)) }
                if !scope.communes.isEmpty { group.filter(\.$homeCommune.$id ~~ Array(scope.communes)) }
                if !ids.isEmpty { group.filter(\.$id ~~ Array(ids)) }
            }
        }
        if let commune = filter.commune {
            let covering = try await TeamCoverage.query(on: db).filter(\.$commune.$id == commune).all().map(\.$team.id)
            query.group(.or) { $0.filter(\.$homeCommune.$id == commune).filter(\.$id ~~ covering) }
        }
        if let province = filter.province { query.filter(\.$provinceCode == province) }
        if let kind = filter.kind { query.filter(\.$kind == kind.rawValue) }
        if let text = filter.text {
            for token in OrgUnitQueries.searchTokens(text) {
                query.filter(\.$nameSearch, .contains(inverse: false, .anywhere), token)
            }
        }
        let total = try await query.count()
        let items = try await query.sort(\.$code).range(((filter.page - 1) * filter.per)..<(filter.page * filter.per)).all()
        return (items, total)
    }

    static func coverage(of teamID: UUID, on db: any Database) async throws -> [String] {
        try await TeamCoverage.query(on: db).filter(\.$team.$id == teamID).all().map(\.$commune.id)
    }

    /// List rows: coverage for a whole page of teams in one query instead of one per team.
    static func summaries(_ teams: [Team], on db: any Database) async throws -> [TeamDTO] {
        let ids = teams.compactMap(\.id)
        var coverage: [UUID: [String]] = [:]
        if !ids.isEmpty {
            for row in try await TeamCoverage.query(on: db).filter(\.$team.$id ~~ ids).all() {
                coverage[row.$team.id, default: []].append(row.$commune.id)
            }
        }
        return teams.map { TeamDTO($0, coverage: $0.id.flatMap { coverage[$0] } ?? [], members: nil) }
    }

    static func members(of teamID: UUID, on db: any Database) async throws -> [TeamMemberDTO] {
        let rows = try await TeamMembership.query(on: db).filter(\.$team.$id == teamID).with(\.$volunteer).all()
        return rows
            .map { TeamMemberDTO(volunteerID: $0.$volunteer.id, fullName: $0.volunteer.fullName, from: $0.fromDate, to: $0.toDate) }
            .sorted { ($0.to == nil ? 0 : 1, $0.fullName, $0.from) < ($1.to == nil ? 0 : 1, $1.fullName, $1.from) }
    }

    static func dto(_ team: Team, on db: any Database) async throws -> TeamDTO {
        let id = try team.requireID()
        return TeamDTO(team, coverage: try await coverage(of: id, on: db),
                       members: try await members(of: id, on: db))
    }

    /// Creates a team (with its first members) or updates one's fields and coverage, atomically.
    static func save(_ valid: ValidTeam, id: UUID?, audit: AuditEvent, on db: any Database) async throws -> Team {
        if id != nil, !valid.members.isEmpty {
            throw AppError.validation([FieldError(
                field: "members", message: "Thay đổi thành viên qua /members để giữ lịch sử luân chuyển.",
                messageEN: "Change members through /members so rotation history is kept.")])
        }
        let communes = try await OrgUnitQueries.communes(Set([valid.homeCommuneCode] + valid.coveredCommunes), on: db)
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

        let existing = try await id.asyncMap { try await require($0, on: db) }
        let provinceCode = communes[valid.homeCommuneCode] ?? ""
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
                    try await addMembership(teamID: teamID, volunteerID: member.volunteerID, from: member.from, to: member.to, on: db)
                }
            }
            try await Audit.record(audit.object("team", teamID.uuidString.lowercased(), province: provinceCode), on: db)
            return team
        }
    }

    static func bulkRow(_ t: ValidTeam, id: UUID, provinceCode: String) -> [any SQLExpression] {
        let now = Date()
        return [SQLBind(id), SQLBind(t.code ?? id.uuidString), SQLBind(t.name), SQLBind(VietnameseText.fold(t.name)), SQLBind(t.homeCommuneCode),
                SQLBind(provinceCode), SQLBind(t.kind.rawValue), SQLBind(t.leaderID), SQLBind(t.hotline), SQLBind(t.activeFrom.iso),
                SQLBind(t.activeTo?.iso), SQLBind(now), SQLBind(now)]
    }

    /// Bulk load for the simulator: teams, their memberships and the members' course completions, in one transaction.
    static func bulkInsert(teams: [[any SQLExpression]], memberships: [[any SQLExpression]], courses: [[any SQLExpression]],
                           on db: any Database) async throws {
        try await db.writeTransaction { db in
            for chunk in teams.chunked(into: 1_000) {
                try await db.sql.insert(into: Team.schema).columns("id", "code", "name", "name_search", "home_commune_code", "province_code",
                                                                   "kind", "leader_id", "hotline", "active_from", "active_to", "created_at", "updated_at")
                    .rows(Array(chunk)).run()
            }
            for chunk in memberships.chunked(into: 2_000) {
                try await db.sql.insert(into: TeamMembership.schema).columns("id", "team_id", "volunteer_id", "from_date", "to_date")
                    .rows(Array(chunk)).run()
            }
            for chunk in courses.chunked(into: 2_000) {
                try await db.sql.insert(into: CourseCompletion.schema).columns("id", "volunteer_id", "course_code", "completed_on", "certificate_no", "source")
                    .rows(Array(chunk)).run()
            }
        }
    }

    /// "<commune>-<n>": short enough to type in a text message.
    private static func nextCode(for commune: String, on db: any Database) async throws -> String {
        var n = try await Team.query(on: db).filter(\.$homeCommune.$id == commune).count() + 1
        while try await Team.query(on: db).filter(\.$code == "\(commune)-\(n)").count() > 0 { n += 1 }
        return "\(commune)-\(n)"
    }

    static func addMembership(teamID: UUID, volunteerID: UUID, from: LocalDate, to: LocalDate?, on db: any Database) async throws {
        let row = TeamMembership()
        row.id = UUIDv7.make()
        row.$team.id = teamID
        row.$volunteer.id = volunteerID
        row.fromDate = from.iso
        row.toDate = to?.iso
        try await row.create(on: db)
    }

    /// Adds a member, refusing an overlap with a membership the volunteer already has in this team.
    static func join(teamID: UUID, volunteerID: UUID, from: LocalDate, to: LocalDate?, audit: AuditEvent, on db: any Database) async throws {
        let team = try await require(teamID, on: db)
        _ = try await VolunteerQueries.require(volunteerID, on: db)
        let existing = try await TeamMembership.query(on: db)
            .filter(\.$team.$id == teamID).filter(\.$volunteer.$id == volunteerID).all()
        let end = to ?? LocalDate(year: 9999, month: 12, day: 31)!
        for row in existing {
            guard let rowFrom = LocalDate(iso: row.fromDate) else { continue }
            let rowTo = row.toDate.flatMap { LocalDate(iso: $0) } ?? LocalDate(year: 9999, month: 12, day: 31)!
            if rowFrom <= end && from <= rowTo {
                throw AppError.conflict(field: "volunteer_id",
                                        vi: "Tình nguyện viên đã là thành viên của đội hình trong khoảng thời gian này.",
                                        en: "The volunteer is already a member of this team in that period.")
            }
        }
        let event = audit.object("team", teamID.uuidString.lowercased(), province: team.provinceCode)
        try await db.writeTransaction { db in
            try await addMembership(teamID: teamID, volunteerID: volunteerID, from: from, to: to, on: db)
            try await Audit.record(event, on: db)
        }
    }

    /// Closes the open membership: the row stays, so the history of who served when is kept.
    static func leave(teamID: UUID, volunteerID: UUID, on date: LocalDate, audit: AuditEvent, on db: any Database) async throws {
        guard let open = try await TeamMembership.query(on: db)
            .filter(\.$team.$id == teamID).filter(\.$volunteer.$id == volunteerID).filter(\.$toDate == nil).first() else {
            throw AppError.notFound(vi: "Tình nguyện viên không đang ở trong đội hình này.", en: "The volunteer is not a current member.")
        }
        if let from = LocalDate(iso: open.fromDate), date < from {
            throw AppError.validation([FieldError(field: "to", message: "Ngày rời đội phải sau ngày vào đội (\(from.longVietnamese)).",
                                                  messageEN: "to must not precede the joining date \(from.iso).")])
        }
        open.toDate = date.iso
        let event = audit.object("team", teamID.uuidString.lowercased(), province: try await require(teamID, on: db).provinceCode)
        try await db.writeTransaction { db in
            try await open.save(on: db)
            try await Audit.record(event, on: db)
        }
    }
}
