import CauNoiCore
import Fluent
import Foundation

/// Reads behind the home-visit pages: the status a citizen sees by code, and the queue a commune or team works.
enum HelpRequestQueries {
    static func status(reference: String, on db: any Database) async throws -> HelpRequestStatusPage.Found? {
        guard let request = try await HelpRequest.query(on: db).filter(\.$reference == reference).first() else { return nil }
        let unit = try await OrgUnit.find(request.communeCode, on: db)
        let visit = request.state == .scheduled ? visitText(request) : nil
        return .init(reference: request.reference, communeName: UnitDirectoryResource.directory.label(code: request.communeCode) ?? request.communeCode,
                     status: request.state, sentOn: LocalDate.today(now: request.createdAt).longVietnamese, visit: visit,
                     outcome: request.state.isClosed ? request.outcome : nil, hotline: unit?.hotline)
    }

    static func visitText(_ r: HelpRequest) -> String? {
        guard let day = r.visitDate.flatMap(LocalDate.init(iso:)) else { return nil }
        return "\(Weekday.vietnamese(day.weekday)), \(day.longVietnamese)\(r.visitTime.map { ", \($0)" } ?? "")"
    }

    /// The open requests the actor handles, oldest first, as the field app shows them (contact data by visibility).
    static func openDTOs(actor: Actor, on db: any Database) async throws -> [HelpRequestDTO] {
        let queue = try await queue(actor: actor, on: db)
        return queue.open.map { r in
            HelpRequestDTO(id: r.id, reference: r.reference, communeName: r.communeName, needs: r.needs, window: r.window, language: r.language,
                           forRelative: r.forRelative, status: r.status.rawValue, statusName: r.status.vietnamese, teamName: r.teamName,
                           visit: r.visit, callName: r.callName, phone: r.phone, address: r.address, details: r.details)
        }
    }

    /// The requests the actor handles: open ones oldest first, and those closed in the last 14 days.
    static func queue(actor: Actor, on db: any Database) async throws -> HelpQueuePage.Model {
        let scope = try await Access.scope(for: .writeEntries, actor: actor, on: db)
        func scoped() -> QueryBuilder<HelpRequest>? {
            let query = HelpRequest.query(on: db)
            if scope.everything { return query }
            guard !scope.provinces.isEmpty || !scope.communes.isEmpty || !scope.teams.isEmpty else { return nil }
            query.group(.or) { group in
                if !scope.provinces.isEmpty { group.filter(\.$provinceCode ~~ Array(scope.provinces)) }
                if !scope.communes.isEmpty { group.filter(\.$communeCode ~~ Array(scope.communes)) }
                if !scope.teams.isEmpty { group.filter(\.$teamID ~~ Array(scope.teams)) }
            }
            return query
        }
        let closedStates = [HelpRequestStatus.done.rawValue, HelpRequestStatus.couldNotHelp.rawValue]
        let open = try await scoped()?.filter(\.$status !~ closedStates).sort(\.$createdAt).limit(500).all() ?? []
        let closed = try await scoped()?.filter(\.$status ~~ closedStates).filter(\.$closedAt > actor.now.addingTimeInterval(-14 * 86_400))
            .sort(\.$closedAt, .descending).limit(100).all() ?? []
        let all = open + closed
        let teamNames = Dictionary(try await Team.query(on: db).filter(\.$id ~~ Array(Set(all.compactMap(\.teamID)))).all()
            .compactMap { t in t.id.map { ($0, t.name) } }, uniquingKeysWith: { a, _ in a })
        var teamsByCommune: [String: [EntryListPage.Option]] = [:]
        var categoriesByCampaign: [UUID: [EntryListPage.Option]] = [:]
        var membersByTeam: [UUID: [EntryListPage.Option]] = [:]
        var rows: [UUID: HelpQueuePage.Row] = [:]
        for r in all {
            guard let id = r.id else { continue }
            let mayAssign = HelpRequestAccess.mayAssign(r, actor.policy)
            if mayAssign, !r.state.isClosed, teamsByCommune[r.communeCode] == nil {
                teamsByCommune[r.communeCode] = try await HandleHelpRequest.teams(serving: r.communeCode, on: actor.today, db)
                    .compactMap { t in t.id.map { .init(value: $0.uuidString.lowercased(), label: t.name) } }
            }
            if let campaign = r.campaignID, categoriesByCampaign[campaign] == nil {
                categoriesByCampaign[campaign] = (try await Campaign.find(campaign, on: db))?.definition?.categories.filter { !$0.retired }
                    .map { .init(value: $0.code, label: $0.name) } ?? []
            }
            var members: [EntryListPage.Option] = []
            if let team = r.teamID, !r.state.isClosed, HelpRequestAccess.seesPhone(r, actor.policy) {
                // One read per team, however many of its requests are open.
                if membersByTeam[team] == nil {
                    membersByTeam[team] = try await TeamQueries.members(of: team, on: db)
                        .filter { m in LocalDate(iso: m.from).map { $0 <= actor.today } ?? true && (m.to.flatMap(LocalDate.init(iso:)).map { $0 >= actor.today } ?? true) }
                        .map { .init(value: $0.volunteerID.uuidString.lowercased(), label: $0.fullName) }
                }
                members = membersByTeam[team] ?? []
            }
            let categories = r.campaignID.flatMap { categoriesByCampaign[$0] } ?? []
            let suggested = r.needList.first.map(\.rawValue).flatMap { need in categories.first { $0.value == need }?.value } ?? categories.first?.value
            let phone = HelpRequestAccess.seesPhone(r, actor.policy)
            rows[id] = .init(
                id: id, reference: r.reference,
                communeName: UnitDirectoryResource.directory.label(code: r.communeCode) ?? r.communeCode,
                needs: r.needList.map(\.vietnamese).joined(separator: ", "),
                window: VisitWindow(rawValue: r.visitWindow)?.vietnamese ?? r.visitWindow,
                language: Language(rawValue: r.language)?.vietnamese ?? r.language, forRelative: r.forRelative, status: r.state,
                teamName: r.teamID.flatMap { teamNames[$0] }, callName: phone ? r.callName : nil, phone: phone ? r.phone : nil,
                address: HelpRequestAccess.seesAddress(r, actor.policy) ? r.address : nil, details: phone ? r.details : nil,
                visit: visitText(r), outcome: r.outcome, sentOn: LocalDate.vietnameseDateTime(r.createdAt), erased: r.erasedAt != nil,
                mayAssign: mayAssign, teams: teamsByCommune[r.communeCode] ?? [],
                categories: categories, members: members, suggested: suggested)
        }
        return HelpQueuePage.Model(open: open.compactMap { $0.id.flatMap { rows[$0] } }, closed: closed.compactMap { $0.id.flatMap { rows[$0] } })
    }
}
