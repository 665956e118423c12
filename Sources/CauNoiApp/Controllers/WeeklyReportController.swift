import CauNoiCore
import Fluent
import Vapor

struct WeeklyReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let reports = routes.grouped("api", "v1", "weekly-reports")
        reports.get(use: list)
        reports.post(use: submit)
        reports.get(":id", use: show)
        reports.put(":id", use: edit)
        reports.post(":id", "approve", use: approve)
        reports.post(":id", "reopen", use: reopen)
        let difficulties = routes.grouped("api", "v1", "difficulties")
        difficulties.get(use: queue)
        difficulties.post(":id", "transition", use: transition)
    }

    @Sendable
    func submit(req: Request) async throws -> Response {
        _ = try req.requirePrincipal()
        let draft = try req.content.decode(WeeklyReportDraft.self)
        let campaign = try await CampaignQueries.byCode(draft.campaign, on: req.db)
        guard let definition = campaign.definition else { throw AppError.server }
        let valid = try WeeklyReportValidator.validate(draft, campaign: definition, today: req.today).get()
        let report = try await WeeklyReports.submit(valid, campaign: campaign, req: req)
        return try await WeeklyReports.dto(report, now: req.application.appConfig.now(), on: req.db).encodeResponse(status: .created, for: req)
    }

    @Sendable
    func show(req: Request) async throws -> WeeklyReportDTO {
        let report = try await WeeklyReports.require(try req.uuidParameter("id"), on: req.db)
        try await req.authorize(.readEntries, on: WeeklyReports.place(report), object: "weekly_report", id: report.id?.uuidString.lowercased())
        return try await WeeklyReports.dto(report, now: req.application.appConfig.now(), on: req.db)
    }

    @Sendable
    func edit(req: Request) async throws -> WeeklyReportDTO {
        let report = try await WeeklyReports.require(try req.uuidParameter("id"), on: req.db)
        try await req.authorize(.readEntries, on: WeeklyReports.place(report), object: "weekly_report", id: report.id?.uuidString.lowercased())
        let campaign = try await Campaign.find(report.$campaign.id, on: req.db)
        guard let definition = campaign?.definition else { throw AppError.server }
        let valid = try WeeklyReportValidator.validate(try req.content.decode(WeeklyReportDraft.self), campaign: definition,
                                                       today: req.today, requireIdentity: false).get()
        try await WeeklyReports.edit(report, with: valid, req: req)
        return try await WeeklyReports.dto(report, now: req.application.appConfig.now(), on: req.db)
    }

    @Sendable
    func approve(req: Request) async throws -> WeeklyReportDTO {
        try await setApproved(true, req: req)
    }

    @Sendable
    func reopen(req: Request) async throws -> WeeklyReportDTO {
        try await setApproved(false, req: req)
    }

    private func setApproved(_ approved: Bool, req: Request) async throws -> WeeklyReportDTO {
        let report = try await WeeklyReports.require(try req.uuidParameter("id"), on: req.db)
        try await req.authorize(.readEntries, on: WeeklyReports.place(report), object: "weekly_report", id: report.id?.uuidString.lowercased())
        try await WeeklyReports.setApproved(approved, report: report, req: req)
        return try await WeeklyReports.dto(report, now: req.application.appConfig.now(), on: req.db)
    }

    struct ListParameters: Content {
        var campaign: String?
        var week: String?
        var province: String?
        var status: String?
    }

    @Sendable
    func list(req: Request) async throws -> [WeeklyReportDTO] {
        let p = try req.query.decode(ListParameters.self)
        let scope = try await req.scope(for: .readEntries)
        let campaign = try await CampaignQueries.byCode(p.campaign, on: req.db)
        let campaignID = try campaign.requireID()
        let query = WeeklyReport.query(on: req.db).filter(\.$campaign.$id == campaignID)
        if !scope.everything {
            if scope.provinces.isEmpty && scope.communes.isEmpty { return [] }
            query.group(.or) { g in
                if !scope.provinces.isEmpty { g.filter(\.$provinceCode ~~ Array(scope.provinces)) }
                if !scope.communes.isEmpty { g.filter(\.$communeCode ~~ Array(scope.communes)) }
            }
        }
        if let week = p.week.nonEmpty { query.filter(\.$week == week) }
        if let province = p.province.nonEmpty { query.filter(\.$provinceCode == province) }
        if let status = p.status.nonEmpty { query.filter(\.$status == status) }
        let now = req.application.appConfig.now()
        var out: [WeeklyReportDTO] = []
        for report in try await query.sort(\.$week, .descending).sort(\.$communeCode).limit(1_000).all() {
            out.append(try await WeeklyReports.dto(report, now: now, on: req.db))
        }
        return out
    }

    struct QueueParameters: Content {
        var queue: String?
        var status: String?
        var province: String?
    }

    /// The province queue holds new and acknowledged items; the centre's holds escalated ones.
    @Sendable
    func queue(req: Request) async throws -> [DifficultyDTO] {
        let p = try req.query.decode(QueueParameters.self)
        let scope = try await req.scope(for: .readEntries)
        let query = Difficulty.query(on: req.db)
        if !scope.everything {
            if scope.provinces.isEmpty && scope.communes.isEmpty { return [] }
            query.group(.or) { g in
                if !scope.provinces.isEmpty { g.filter(\.$provinceCode ~~ Array(scope.provinces)) }
                if !scope.communes.isEmpty { g.filter(\.$communeCode ~~ Array(scope.communes)) }
            }
        }
        switch p.queue.nonEmpty {
        case "province": query.filter(\.$status ~~ [DifficultyStatus.open.rawValue, DifficultyStatus.acknowledged.rawValue])
        case "central": query.filter(\.$status == DifficultyStatus.escalated.rawValue)
        case nil: break
        case let other?:
            throw AppError.validation([FieldError(field: "queue", message: "Hàng đợi \"\(other)\" không có; dùng province hoặc central.",
                                                  messageEN: "Unknown queue; use province or central.")])
        }
        if let status = p.status.nonEmpty { query.filter(\.$status == status) }
        if let province = p.province.nonEmpty { query.filter(\.$provinceCode == province) }
        let now = req.application.appConfig.now()
        return try await query.sort(\.$createdAt).limit(1_000).all().map { DifficultyDTO($0, now: now) }
    }

    struct TransitionInput: Content {
        var to: String?
        var note: String?
    }

    @Sendable
    func transition(req: Request) async throws -> DifficultyDTO {
        let principal = try req.requirePrincipal()
        let id = try req.uuidParameter("id")
        guard let item = try await Difficulty.find(id, on: req.db) else { throw AppError.notFound("khó khăn", "difficulty", id.uuidString.lowercased()) }
        let place = RecordPlace(provinceCode: item.provinceCode, communeCodes: [item.communeCode])
        try await req.authorize(.readEntries, on: place, object: "difficulty", id: id.uuidString.lowercased())
        try await req.authorize(.handleDifficulties, on: place, object: "difficulty", id: id.uuidString.lowercased(), deny: .forbid)
        let input = try req.content.decode(TransitionInput.self)
        guard let next = input.to.flatMap(DifficultyStatus.init(rawValue:)), let current = DifficultyStatus(rawValue: item.status) else {
            throw AppError.validation([FieldError(field: "to", message: "Trạng thái mới phải là acknowledged, escalated hoặc resolved.",
                                                  messageEN: "to must be acknowledged, escalated or resolved.")])
        }
        guard current.canMove(to: next) else {
            throw AppError.conflict(field: "to", vi: "Không thể chuyển từ \"\(current.vietnamese)\" sang \"\(next.vietnamese)\".",
                                    en: "Cannot move from \(current.rawValue) to \(next.rawValue).")
        }
        if current == .escalated, !principal.policy.isNational(for: .handleDifficulties) {
            throw AppError.forbidden(vi: "Khó khăn đã chuyển Trung ương; chỉ Trung ương xử lý tiếp.",
                                     en: "Escalated items are handled by the centre.")
        }
        var errors = FieldErrors()
        let note = FreeText.check(input.note, field: "note", maxLength: 1_000, required: false, shape: .prose, errors: &errors)
        try errors.throwIfAny()
        let now = req.application.appConfig.now()
        item.status = next.rawValue
        item.ownerID = principal.userID
        item.ownerName = principal.displayName
        if next == .resolved, let note { item.resolutionNote = note }
        item.updatedAt = now
        let event = req.auditEvent("difficulty.\(next.rawValue)", "difficulty", id.uuidString.lowercased(), province: item.provinceCode)
        try await req.db.writeTransaction { db in
            try await item.save(on: db)
            try await Audit.record(event, on: db)
        }
        return DifficultyDTO(item, now: now)
    }
}
