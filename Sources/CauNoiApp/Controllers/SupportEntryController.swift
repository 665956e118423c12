import CauNoiCore
import Fluent
import Vapor

struct SupportEntryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.apiEntries, use: list)
        // 5,000 entries of a few hundred bytes each fit well within 8 MB.
        routes.on(.apiEntriesBatch, body: .collect(maxSize: "8mb"), use: batch)
        routes.on(.apiEntryCorrect, use: correct)
        routes.on(.apiEntryHistory, use: history)
    }

    @Sendable
    func correct(req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter("id")
        let input = try req.content.decode(CorrectEntry.Input.self)
        let result = try await CorrectEntry.run(entryID: id, input: input, actor: actor, on: req.db)
        return try await result.encodeResponse(status: result.status == .created ? .created : (result.status == .conflict ? .conflict : .ok), for: req)
    }

    @Sendable
    func history(req: Request) async throws -> [SupportEntryDTO] {
        try await CorrectEntry.history(entryID: try req.uuidParameter("id"), actor: try req.actor(), on: req.db)
    }

    @Sendable
    func batch(req: Request) async throws -> Response {
        guard req.headers.contentType == .json else {
            throw AppError.badRequest(vi: "Cần gửi dữ liệu dạng JSON (Content-Type: application/json).",
                                      en: "Send JSON (Content-Type: application/json).")
        }
        let actor = try req.actor()
        // The usual body read directly (`SupportBatchBody`); anything else through Codable, for its field errors.
        let fast = req.body.data.flatMap { $0.withUnsafeReadableBytes(SupportBatchBody.decode) }
        let body = try fast ?? req.content.decode(SupportBatchRequest.self)
        let response = try await RecordBatch.run(body, actor: actor,
                                                committer: req.application.groupCommit,
                                                catalog: req.application.campaignCatalog,
                                                on: req.db)
        let results = response.results
        req.application.metrics.entriesIngested(response.summary.created)
        req.logger.info("support batch", metadata: [
            "entries": "\(results.count)", "created": "\(response.summary.created)", "duplicate": "\(response.summary.duplicate)",
            "conflict": "\(response.summary.conflict)", "rejected": "\(response.summary.rejected)",
        ])
        return try await SupportBatchResponseJSON.response(response, for: req)
    }

    struct ListParameters: Content {
        var campaign: String?
        var team: String?
        var commune: String?
        var province: String?
        var from: String?
        var to: String?
        var page: Int?
        var per: Int?
    }

    @Sendable
    func list(req: Request) async throws -> Paged<SupportEntryDTO> {
        let parameters = try req.query.decode(ListParameters.self)
        var errors = FieldErrors()
        var filter = SupportEntryQueries.Filter()
        if let raw = parameters.team.nonEmpty {
            filter.team = UUID(uuidString: raw)
            if filter.team == nil { errors.add("team", "Mã đội hình không phải UUID hợp lệ.", "team is not a valid UUID.") }
        }
        filter.commune = parameters.commune.nonEmpty
        filter.province = parameters.province.nonEmpty
        for (name, raw) in [("from", parameters.from), ("to", parameters.to)] {
            guard let raw = raw.nonEmpty else { continue }
            guard let date = LocalDate(iso: raw) else {
                errors.add(name, "Ngày không hợp lệ, cần dạng YYYY-MM-DD.", "Invalid date; use YYYY-MM-DD.")
                continue
            }
            if name == "from" { filter.from = date } else { filter.to = date }
        }
        Pagination.apply(page: parameters.page, per: parameters.per, max: SupportEntryQueries.maxPer,
                         to: &filter.page, &filter.per, errors: &errors)
        try errors.throwIfAny()
        if let code = parameters.campaign.nonEmpty {
            filter.campaignID = try await CampaignQueries.byCode(code, today: req.today, on: req.db).requireID()
        }
        let scope = try await req.scope(for: .readEntries)
        let result = try await SupportEntryQueries.list(filter, scope: scope, on: req.db)
        let policy = req.policy
        let items = result.items.map { entry in
            policy.allows(.readPeople, on: Places.entry(teamID: entry.teamID, communeCode: entry.communeCode, provinceCode: entry.provinceCode))
                ? entry : entry.withoutPeople()
        }
        return Paged(items: items, page: filter.page, per: filter.per, total: result.total)
    }
}
