import CauNoiCore
import Fluent
import Vapor

struct WeeklyReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.apiWeeklyReports, use: list)
        routes.on(.apiWeeklyReportSubmit, use: submit)
        routes.on(.apiWeeklyReport, use: show)
        routes.on(.apiWeeklyReportEdit, use: edit)
        routes.on(.apiWeeklyReportApprove, use: approve)
        routes.on(.apiWeeklyReportReopen, use: reopen)
        routes.on(.apiDifficulties, use: queue)
        routes.on(.apiDifficultyMove, use: transition)
    }

    @Sendable
    func submit(req: Request) async throws -> Response {
        let actor = try req.actor()
        let report = try await SubmitWeeklyReport.run(try req.content.decode(WeeklyReportDraft.self), actor: actor, on: req.db)
        return try await WeeklyReports.dto(report, now: actor.now, on: req.db).encodeResponse(status: .created, for: req)
    }

    @Sendable
    func show(req: Request) async throws -> WeeklyReportDTO {
        let report = try await WeeklyReports.require(try req.uuidParameter("id"), on: req.db)
        try await req.authorize(.readEntries, on: WeeklyReports.place(report), object: .weeklyReport, id: report.id?.uuidString.lowercased())
        return try await WeeklyReports.dto(report, now: req.application.appConfig.now(), on: req.db)
    }

    @Sendable
    func edit(req: Request) async throws -> WeeklyReportDTO {
        let actor = try req.actor()
        let report = try await EditWeeklyReport.run(id: try req.uuidParameter("id"), try req.content.decode(WeeklyReportDraft.self),
                                                    actor: actor, on: req.db)
        return try await WeeklyReports.dto(report, now: actor.now, on: req.db)
    }

    @Sendable
    func approve(req: Request) async throws -> WeeklyReportDTO {
        let actor = try req.actor()
        return try await WeeklyReports.dto(try await ApproveWeek.run(id: try req.uuidParameter("id"), approved: true, actor: actor, on: req.db),
                                           now: actor.now, on: req.db)
    }

    struct ReopenInput: Content {
        var reason: String?
    }

    /// The body is optional: `{"reason": "…"}` tells the commune what to fix.
    @Sendable
    func reopen(req: Request) async throws -> WeeklyReportDTO {
        let actor = try req.actor()
        let reason = (req.body.data?.readableBytes ?? 0) > 0 ? try req.content.decode(ReopenInput.self).reason : nil
        return try await WeeklyReports.dto(try await ApproveWeek.run(id: try req.uuidParameter("id"), approved: false, reason: reason,
                                                                     actor: actor, on: req.db),
                                           now: actor.now, on: req.db)
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
        let campaign = try await CampaignQueries.byCode(p.campaign, today: try req.actor().today, on: req.db)
        guard let definition = campaign.definition else { throw AppError.server }
        let week = try p.week.nonEmpty.map { try WeeklyReportValidator.requireWeek($0, campaign: definition) }
        let campaignID = try campaign.requireID()
        let query = WeeklyReport.query(on: req.db).filter(\.$campaign.$id == campaignID)
        guard scope.restrict(query, .init(province: \.$provinceCode, commune: \.$communeCode)) else { return [] }
        if let week { query.filter(\.$week == week.key) }
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
        var campaign: String?
    }

    /// The province queue holds new and acknowledged items; the centre's holds escalated ones.
    @Sendable
    func queue(req: Request) async throws -> [DifficultyDTO] {
        let p = try req.query.decode(QueueParameters.self)
        let scope = try await req.scope(for: .readEntries)
        let query = Difficulty.query(on: req.db)
        guard scope.restrict(query, .init(province: \.$provinceCode, commune: \.$communeCode)) else { return [] }
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
        if let code = p.campaign.nonEmpty {
            // A difficulty belongs to the campaign of the weekly report it was raised in.
            let campaignID = try await CampaignQueries.byCode(code, today: req.today, on: req.db).requireID()
            query.join(WeeklyReport.self, on: \Difficulty.$report.$id == \WeeklyReport.$id).filter(WeeklyReport.self, \.$campaign.$id == campaignID)
        }
        let now = req.application.appConfig.now()
        return try await query.sort(\.$createdAt).limit(1_000).all().map { DifficultyDTO($0, now: now) }
    }

    @Sendable
    func transition(req: Request) async throws -> DifficultyDTO {
        let actor = try req.actor()
        let item = try await MoveDifficulty.run(id: try req.uuidParameter("id"), try req.content.decode(MoveDifficulty.Input.self),
                                                actor: actor, on: req.db)
        return DifficultyDTO(item, now: actor.now)
    }
}
