import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// Reading reinforcement requests and moves for pages and the API.
enum ReinforcementQueries {
    static func require(_ id: UUID, on db: any Database) async throws -> ReinforcementRequest {
        guard let request = try await ReinforcementRequest.find(id, on: db) else {
            throw AppError.notFound(ObjectKind.reinforcement.vietnamese, ObjectKind.reinforcement.english, id.uuidString.lowercased())
        }
        return request
    }

    /// Serialises decisions on one request on PostgreSQL (SQLite already has one writer at a time).
    static func lock(_ id: UUID, on db: any Database) async throws {
        guard !db.isSQLite else { return }
        _ = try await db.sql.select().column("id").from(ReinforcementRequest.schema).where("id", .equal, id).for(.update).all()
    }

    /// Requests of the caller's area, newest first; open and proposed ones before the rest.
    static func list(area: ScopeFilter, province: String? = nil, on db: any Database) async throws -> [ForcesPage.RequestRow] {
        let query = ReinforcementRequest.query(on: db)
        guard area.restrict(query, .init(province: \.$provinceCode)) else { return [] }
        if let province { query.filter(\.$provinceCode == province) }
        let requests = try await query.sort(\.$createdAt, .descending).limit(200).all()
        let ids = requests.compactMap(\.id)
        let moves = ids.isEmpty ? [] : try await ReinforcementMove.query(on: db).filter(\.$requestID ~~ ids).all()
        let names = UnitPicker.labels(Set(requests.map(\.communeCode)))
        let teams = requests.isEmpty ? [] : try await Team.query(on: db).filter(\.$id ~~ Array(Set(requests.map(\.teamID)))).all()
        let teamName = Dictionary(teams.compactMap { t in t.id.map { ($0, t.name) } }, uniquingKeysWith: { a, _ in a })
        let competencies = try await competencyNames(on: db)
        return requests.map { r in
            let mine = moves.filter { $0.requestID == r.id }
            return ForcesPage.RequestRow(
                id: r.id!, communeName: names[r.communeCode] ?? r.communeCode, teamName: teamName[r.teamID] ?? "",
                askedOn: BriefingDates.dayMonthYear(LocalDate.today(now: r.createdAt)), people: r.people, needs: needsText(r, competencies),
                from: LocalDate(iso: r.fromDate).map(BriefingDates.dayMonthYear) ?? r.fromDate, status: r.state,
                proposed: mine.filter { $0.state == .proposed }.count, approved: mine.filter { $0.state == .approved }.count,
                accepted: mine.filter { $0.state == .accepted }.count)
        }.sorted { ($0.status.isActive ? 0 : 1) < ($1.status.isActive ? 0 : 1) }
    }

    static func detail(_ id: UUID, actor: Actor, on db: any Database) async throws -> ReinforcementPage.Model {
        let request = try await require(id, on: db)
        try await Access.require(.coordinateForces, on: request.place, .reinforcement, id: id.uuidString.lowercased(), actor: actor, on: db)
        let moves = try await ReinforcementMove.query(on: db).filter(\.$requestID == id).sort(\.$cost).all()
        let volunteers = try await moves.isEmpty ? [] : Volunteer.query(on: db).filter(\.$id ~~ moves.map(\.volunteerID)).all()
        let teamIDs = Set(moves.compactMap(\.fromTeamID) + [request.teamID])
        let teams = try await Team.query(on: db).filter(\.$id ~~ Array(teamIDs)).all()
        let teamName = Dictionary(teams.compactMap { t in t.id.map { ($0, t.name) } }, uniquingKeysWith: { a, _ in a })
        let names = UnitPicker.labels(Set([request.communeCode] + volunteers.map(\.$homeCommune.id)))
        let byID = Dictionary(volunteers.compactMap { v in v.id.map { ($0, v) } }, uniquingKeysWith: { a, _ in a })
        let rows = moves.map { m in
            let v = byID[m.volunteerID]
            return ReinforcementPage.MoveRow(
                id: m.id!, volunteerName: v?.fullName ?? "—", homeName: v.flatMap { names[$0.$homeCommune.id] } ?? "",
                fromTeam: m.fromTeamID.flatMap { teamName[$0] }, kilometres: m.kilometres, reasons: m.reasons, status: m.state,
                decidedBy: m.decidedBy, answeredBy: m.answeredBy)
        }
        return ReinforcementPage.Model(
            id: id, communeName: names[request.communeCode] ?? request.communeCode, teamID: request.teamID, teamName: teamName[request.teamID] ?? "",
            people: request.people, needs: needsText(request, try await competencyNames(on: db)),
            from: LocalDate(iso: request.fromDate).map(BriefingDates.dayMonthYear) ?? request.fromDate,
            to: request.toDate.flatMap(LocalDate.init(iso:)).map(BriefingDates.dayMonthYear), note: request.note, status: request.state,
            createdBy: request.createdBy, moves: rows)
    }

    /// Approved moves the caller may answer: their own, their team's members', or those of the communes they run.
    static func awaitingAnswer(policy: AccessPolicy, on db: any Database) async throws -> [MovesPage.Row] {
        let area = ScopeFilter.from(policy, .answerMove)
        guard !area.isEmpty else { return [] }
        let query = ReinforcementMove.query(on: db).filter(\.$status == MoveStatus.approved.rawValue)
        if !area.everything && area.provinces.isEmpty && area.communes.isEmpty {
            // A volunteer or team leader (every home page asks): only their own moves and their team's are read.
            query.group(.or) { g in
                if !area.volunteers.isEmpty { g.filter(\.$volunteerID ~~ Array(area.volunteers)) }
                if !area.teams.isEmpty { g.filter(\.$fromTeamID ~~ area.teams.map { Optional($0) }) }
            }
        }
        let moves = try await query.sort(\.$startDate).limit(500).all()
        guard !moves.isEmpty else { return [] }
        let volunteers = try await Volunteer.query(on: db).filter(\.$id ~~ moves.map(\.volunteerID)).all()
        let byID = Dictionary(volunteers.compactMap { v in v.id.map { ($0, v) } }, uniquingKeysWith: { a, _ in a })
        let mine = moves.filter { m in byID[m.volunteerID].map { policy.allows(.answerMove, on: AnswerMove.place(m, $0)) } ?? false }
        guard !mine.isEmpty else { return [] }
        let requests = try await ReinforcementRequest.query(on: db).filter(\.$id ~~ mine.map(\.requestID)).all()
        let requestByID = Dictionary(requests.compactMap { r in r.id.map { ($0, r) } }, uniquingKeysWith: { a, _ in a })
        let teams = try await Team.query(on: db).filter(\.$id ~~ Array(Set(mine.map(\.toTeamID)))).all()
        let teamName = Dictionary(teams.compactMap { t in t.id.map { ($0, t.name) } }, uniquingKeysWith: { a, _ in a })
        let names = UnitPicker.labels(Set(requests.map(\.communeCode)))
        return mine.map { m in
            let r = requestByID[m.requestID]
            return MovesPage.Row(id: m.id!, volunteerName: byID[m.volunteerID]?.fullName ?? "—",
                                 communeName: r.flatMap { names[$0.communeCode] } ?? "", teamName: teamName[m.toTeamID] ?? "",
                                 start: LocalDate(iso: m.startDate).map(BriefingDates.dayMonthYear) ?? m.startDate,
                                 until: r?.toDate.flatMap(LocalDate.init(iso:)).map(BriefingDates.dayMonthYear),
                                 note: r?.note, reasons: m.reasons)
        }
    }

    /// "2 người · tiếng H'Mông (bắt buộc) · kỹ năng công nghệ · có xe máy (bắt buộc)".
    /// "campaign id|competency code" → the competency's name, over every campaign's standard (campaigns are few).
    static func competencyNames(on db: any Database) async throws -> [String: String] {
        var out: [String: String] = [:]
        for campaign in try await CampaignQueries.all(on: db) {
            guard let id = campaign.id else { continue }
            for c in campaign.settings.competencyStandard?.competencies ?? [] { out["\(id)|\(c.code)"] = c.name }
        }
        return out
    }

    static func needsText(_ r: ReinforcementRequest, _ competencies: [String: String] = [:]) -> String {
        var parts: [String] = []
        if !r.languageList.isEmpty {
            parts.append("tiếng " + r.languageList.map(\.vietnamese).joined(separator: ", ") + (r.languagesRequired ? " (bắt buộc)" : " (ưu tiên)"))
        }
        if !r.skillList.isEmpty {
            parts.append("kỹ năng " + r.skillList.map { $0.vietnamese.lowercased() }.joined(separator: ", ") + (r.skillsRequired ? " (bắt buộc)" : " (ưu tiên)"))
        }
        if r.motorbikeRequired { parts.append("có xe máy") }
        if let code = r.competency, r.competencyLevel > 0 {
            // The competency by its name in the request's campaign; its code if the standard no longer has it.
            parts.append("\(competencies["\(r.campaignID)|\(code)"] ?? code) cấp \(r.competencyLevel) trở lên (bắt buộc)")
        }
        return parts.isEmpty ? "không yêu cầu riêng" : parts.joined(separator: " · ")
    }

}

extension ReinforcementStatus {
    var isActive: Bool { self == .open || self == .proposed }
}
