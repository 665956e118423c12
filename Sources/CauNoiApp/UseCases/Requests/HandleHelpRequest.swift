import CauNoiCore
import Fluent
import Foundation

/// Where a request lives, for the one access rule: its commune, and its team once assigned.
enum HelpRequestAccess {
    static func place(_ r: HelpRequest) -> RecordPlace {
        RecordPlace(provinceCode: r.provinceCode, communeCodes: [r.communeCode], teamIDs: r.teamID.map { [$0] } ?? [])
    }

    /// The phone: whoever handles the request (the commune's officers above it, the assigned team).
    static func seesPhone(_ r: HelpRequest, _ policy: AccessPolicy) -> Bool { policy.allows(.writeEntries, on: place(r)) }

    /// The address: the assigned team's leader only, who goes there.
    static func seesAddress(_ r: HelpRequest, _ policy: AccessPolicy) -> Bool {
        guard let team = r.teamID else { return false }
        return ScopeFilter.from(policy, .writeEntries).teams.contains(team)
    }

    /// Assigning is the commune's (or above): a team leader cannot hand a request to another team.
    static func mayAssign(_ r: HelpRequest, _ policy: AccessPolicy) -> Bool {
        policy.allows(.writeEntries, on: RecordPlace(provinceCode: r.provinceCode, communeCodes: [r.communeCode]))
    }
}

/// The queue's moves: assign a team, schedule the visit, close it (done, with the support logged in the same step,
/// or could not help, with the reason the person reads).
enum HandleHelpRequest {
    enum Action: Sendable {
        case assign(team: UUID)
        case schedule(date: String?, time: String?)
        case done(Visit)
        case couldNotHelp(reason: String?)
    }

    /// The support entry a done visit becomes ("Tại nhà người dân").
    struct Visit: Sendable {
        var category: String?
        var count: Int?
        var volunteerIDs: [UUID]
        var note: String?
    }

    static func run(id: UUID, _ action: Action, actor: Actor, on db: any Database) async throws -> HelpRequest {
        guard let request = try await HelpRequest.find(id, on: db) else {
            throw AppError.notFound("đề nghị hỗ trợ", "help request", id.uuidString.lowercased())
        }
        let key = id.uuidString.lowercased()
        try await Access.require(.writeEntries, on: HelpRequestAccess.place(request), .helpRequest, id: key, actor: actor, on: db)
        let current = request.state
        var errors = FieldErrors()
        let next: HelpRequestStatus
        var detail = ""
        switch action {
        case .assign(let teamID):
            guard HelpRequestAccess.mayAssign(request, actor.policy) else { throw AppError.noPermission }
            next = .assigned
            guard let team = try await Team.find(teamID, on: db), try await serves(team, request.communeCode, on: actor.today, db) else {
                throw AppError.validation([FieldError(field: "team_id", message: "Đội này không hoạt động tại xã của đề nghị.",
                                                      messageEN: "That team does not serve the request's commune.")])
            }
            guard current.allows(next) else { throw refused(current, next) }
            request.teamID = teamID
            request.visitDate = nil
            request.visitTime = nil
            detail = team.name
        case .schedule(let date, let time):
            next = .scheduled
            guard current.allows(next) else { throw refused(current, next) }
            let appointment = try VisitAppointment.validate(date: date, time: time, today: actor.today).get()
            request.visitDate = appointment.day.iso
            request.visitTime = appointment.time
        case .done(let visit):
            next = .done
            guard current.allows(next) else { throw refused(current, next) }
            let note = FreeText.check(visit.note, field: "note", maxLength: 300, required: false, shape: .prose, errors: &errors)
            try errors.throwIfAny()
            request.outcome = note
            if let category = visit.category, !category.isEmpty {
                request.supportEntryID = try await logVisit(request, category: category, count: visit.count ?? 1, volunteers: visit.volunteerIDs,
                                                            actor: actor, on: db)
            }
        case .couldNotHelp(let reason):
            next = .couldNotHelp
            guard current.allows(next) else { throw refused(current, next) }
            // The person reads this on the status page: it must say why.
            let why = FreeText.check(reason, field: "reason", maxLength: 300, required: true, shape: .prose, errors: &errors)
            try errors.throwIfAny()
            request.outcome = why
        }
        request.status = next.rawValue
        request.updatedAt = actor.now
        if next.isClosed {
            request.closedAt = actor.now
            request.eraseAfter = actor.today.adding(days: try await retentionDays(request, on: db)).iso
        }
        let event = actor.event("help_request.\(next.rawValue)", .helpRequest, key, province: request.provinceCode,
                                detail: detail.isEmpty ? nil : detail)
        try await db.writeTransaction { db in
            try await request.save(on: db)
            try await Audit.record(event, on: db)
        }
        return request
    }

    /// Teams that may take a request: active that day, homed in or covering the commune.
    static func serves(_ team: Team, _ commune: String, on day: LocalDate, _ db: any Database) async throws -> Bool {
        guard team.activeFrom <= day.iso, team.activeTo.map({ $0 >= day.iso }) ?? true else { return false }
        if team.$homeCommune.id == commune { return true }
        return try await TeamCoverage.query(on: db).filter(\.$team.$id == team.requireID()).filter(\.$commune.$id == commune).count() > 0
    }

    static func teams(serving commune: String, on day: LocalDate, _ db: any Database) async throws -> [Team] {
        let covering = try await TeamCoverage.query(on: db).filter(\.$commune.$id == commune).all().map(\.$team.id)
        return try await Team.query(on: db)
            .group(.or) { group in
                group.filter(\.$homeCommune.$id == commune)
                if !covering.isEmpty { group.filter(\.$id ~~ covering) }
            }
            .filter(\.$activeFrom <= day.iso)
            .group(.or) { $0.filter(\.$activeTo == nil).filter(\.$activeTo >= day.iso) }
            .sort(\.$name).all()
    }

    /// Days the contact data is kept after closing: the request's campaign's setting, else 30.
    static func retentionDays(_ r: HelpRequest, on db: any Database) async throws -> Int {
        guard let id = r.campaignID, let campaign = try await Campaign.find(id, on: db) else { return CampaignDefinition.defaultRequestRetentionDays }
        return campaign.definition?.requestRetentionDays ?? CampaignDefinition.defaultRequestRetentionDays
    }

    /// The visit as a support entry through the same path as the field app (its id is the request's, so logging
    /// twice stores one entry).
    private static func logVisit(_ r: HelpRequest, category: String, count: Int, volunteers: [UUID], actor: Actor,
                                 on db: any Database) async throws -> UUID {
        guard let team = r.teamID, let id = r.id else {
            throw AppError.validation([FieldError(field: "team_id", message: "Đề nghị chưa giao cho đội nào.", messageEN: "No team assigned.")])
        }
        var d = SupportEntryDraft()
        d.id = id.uuidString.lowercased()
        d.teamID = team.uuidString.lowercased()
        d.communeCode = r.communeCode
        d.date = r.visitDate.flatMap { LocalDate(iso: $0) }.map { min($0, actor.today) }?.iso ?? actor.today.iso
        d.volunteerIDs = volunteers.map { $0.uuidString.lowercased() }
        d.counts = [category: max(1, count)]
        d.beneficiaries = [:]
        d.place = SupportPlace.home.rawValue
        d.languages = [r.language]
        // The campaign the request came in under, so overlapping campaigns never need a choice here.
        let campaign = try await r.campaignID.asyncMap { try await Campaign.find($0, on: db) }??.code
        let answer = try await RecordBatch.run(SupportBatchRequest(campaign: campaign, entries: [LenientEntry(rawID: d.id, draft: .success(d))]),
                                               actor: actor, on: db)
        guard let result = answer.results.first else { throw AppError.server }
        switch result.status {
        case .created, .duplicate: return id
        case .conflict, .rejected:
            throw AppError.validation(result.error?.fields.isEmpty == false ? result.error!.fields
                : [FieldError(field: "category", message: result.error?.message ?? "Không ghi được lượt hỗ trợ.", messageEN: "The support entry was refused.")])
        }
    }

    private static func refused(_ from: HelpRequestStatus, _ to: HelpRequestStatus) -> AppError {
        .conflict(field: "status", vi: "Đề nghị đang ở trạng thái “\(from.vietnamese)”, không chuyển sang “\(to.vietnamese)” được.",
                  en: "Cannot move from \(from.rawValue) to \(to.rawValue).")
    }
}
