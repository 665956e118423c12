import CauNoiCore
import Fluent
import Vapor

struct SupportEntryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let entries = routes.grouped("api", "v1", "support-entries")
        entries.get(use: list)
        // 5,000 entries of a few hundred bytes each fit well within 8 MB.
        entries.on(.POST, "batch", body: .collect(maxSize: "8mb"), use: batch)
        entries.post(":id", "corrections", use: correct)
        entries.get(":id", "history", use: history)
    }

    @Sendable
    func correct(req: Request) async throws -> Response {
        let id = try req.uuidParameter("id")
        let input = try req.content.decode(SupportEntryCorrection.Input.self)
        let result = try await SupportEntryCorrection.correct(entryID: id, input: input, req: req)
        return try await result.encodeResponse(status: result.status == .created ? .created : (result.status == .conflict ? .conflict : .ok), for: req)
    }

    @Sendable
    func history(req: Request) async throws -> [SupportEntryDTO] {
        try await SupportEntryCorrection.history(entryID: try req.uuidParameter("id"), req: req)
    }

    @Sendable
    func batch(req: Request) async throws -> SupportBatchResponse {
        guard req.headers.contentType == .json else {
            throw AppError.badRequest(vi: "Cần gửi dữ liệu dạng JSON (Content-Type: application/json).",
                                      en: "Send JSON (Content-Type: application/json).")
        }
        let principal = try req.requirePrincipal()
        let body = try req.content.decode(SupportBatchRequest.self)
        if body.entries.isEmpty {
            throw AppError.validation([FieldError(field: "entries", message: "Danh sách bản ghi đang trống.", messageEN: "entries is empty.")])
        }
        if body.entries.count > SupportEntryIngest.maxBatch {
            throw AppError.payloadTooLarge(
                vi: "Mỗi lần gửi tối đa 5.000 bản ghi (đã gửi \(VietnameseNumber.grouped(body.entries.count))). Hãy chia nhỏ.",
                en: "At most 5,000 entries per call (got \(body.entries.count)). Split the batch.")
        }
        let campaign = try await CampaignQueries.byCode(body.campaign, on: req.db)
        let results = try await SupportEntryIngest.ingest(body.entries, campaign: campaign, today: req.today, policy: principal.policy,
                                                          audit: req.auditEvent("support_entries.batch"), on: req.db)
        let response = SupportBatchResponse(results: results)
        req.logger.info("support batch", metadata: [
            "entries": "\(results.count)", "created": "\(response.summary.created)", "duplicate": "\(response.summary.duplicate)",
            "conflict": "\(response.summary.conflict)", "rejected": "\(response.summary.rejected)",
        ])
        return response
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
            filter.campaignID = try await CampaignQueries.byCode(code, on: req.db).requireID()
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
