import CauNoiCore
import CauNoiSheets
import Fluent
import Vapor

struct ReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.apiRollup, use: rollup)
        routes.on(.apiRollupCSV, use: rollupCSV)
        routes.on(.apiCompleteness, use: completeness)
        routes.on(.apiRollupXLSX, use: rollupXLSX)
    }

    struct CompletenessParameters: Content {
        var campaign: String?
        var week: String?
        var unit: String?
    }

    /// Per province nationally, or per commune for a province, with the missing communes listed.
    @Sendable
    func completeness(req: Request) async throws -> CompletenessQueries.Result {
        let actor = try req.actor()
        let p = try req.query.decode(CompletenessParameters.self)
        let campaign = try await CampaignQueries.byCode(p.campaign, today: actor.today, on: req.db)
        guard let definition = campaign.definition else { throw AppError.server }
        let week = try WeeklyReportValidator.requireWeek(p.week, campaign: definition)
        let unit = try await RollupService.resolveUnit(p.unit, actor: actor, on: req.db)
        let province: String?
        switch unit {
        case .nation: province = nil
        case .province(let code): province = code
        default:
            throw AppError.validation([FieldError(field: "unit", message: "Chỉ xem theo cả nước (VN) hoặc một tỉnh.", messageEN: "unit must be VN or a province.")])
        }
        return try await CompletenessQueries.week(week, campaign: campaign, provinceCode: province, on: req.db)
    }

    struct Parameters: Content {
        var campaign: String?
        var unit: String?
        var week: String?
        var from: String?
        var to: String?
    }

    /// `week=` (the campaign's week number, a day in the week, or an ISO week), or `from=…&to=…` (any range).
    static func period(_ p: Parameters, campaign: CampaignDefinition) throws -> (DateRange, ReportingWeek?) {
        var errors = FieldErrors()
        if let raw = p.week.nonEmpty {
            guard let period = campaign.period(week: raw) else {
                errors.add("week", "Tuần phải là số thứ tự tuần của chiến dịch (ví dụ 6), một ngày trong tuần (2025-08-07) hoặc tuần ISO (2025-W32).",
                           "week must be the campaign's week number (e.g. 6), a day of the week (2025-08-07) or an ISO week (2025-W32).")
                try errors.throwIfAny()
                throw AppError.server
            }
            return period
        }
        let from = p.from.nonEmpty.flatMap { LocalDate(iso: $0) }
        let to = p.to.nonEmpty.flatMap { LocalDate(iso: $0) }
        if from == nil { errors.add("from", "Cần week=… hoặc from/to dạng YYYY-MM-DD.", "Give week=… or from/to as YYYY-MM-DD.") }
        if to == nil { errors.add("to", "Cần ngày kết thúc dạng YYYY-MM-DD.", "to must be YYYY-MM-DD.") }
        try errors.throwIfAny()
        guard let from, let to, let range = DateRange(from: from, to: to), range.dayCount <= 366 else {
            throw AppError.validation([FieldError(field: "to", message: "Khoảng ngày không hợp lệ (tối đa 366 ngày, kết thúc sau bắt đầu).",
                                                  messageEN: "Invalid range (at most 366 days, ending after it starts).")])
        }
        return (range, nil)
    }

    static func report(_ req: Request) async throws -> RollupReport {
        let actor = try req.actor()
        let p = try req.query.decode(Parameters.self)
        let campaign = try await CampaignQueries.cached(code: p.campaign, today: actor.today, cache: req.application.readCache, on: req.db)
        guard let definition = campaign.definition else { throw AppError.server }
        let (range, week) = try period(p, campaign: definition)
        let unit = try await RollupService.resolveUnit(p.unit, actor: actor, on: req.db)
        // The report depends only on campaign, unit and range; access was checked by resolveUnit above.
        let key = CacheKey<RollupReport>.rollup(campaign: try campaign.requireID(), unit: unit, range: range, week: week?.key)
        let cache = req.application.ledgerCache, db = req.db, spare = req.spareDatabase
        return try await req.cachedRead(key) {
            try await RollupService.report(.init(campaign: campaign, unit: unit, range: range, week: week, today: actor.today, cache: cache,
                                                 spare: spare), on: db)
        }
    }

    @Sendable
    func rollup(req: Request) async throws -> RollupReport {
        try await Self.report(req)
    }

    /// One table for both exports: each child unit, then the unit itself.
    static func table(_ report: RollupReport, req: Request) async throws -> (header: [String], rows: [[Cell]]) {
        let campaign = try await CampaignQueries.byCode(report.campaign, today: try req.actor().today, on: req.db)
        let categories = campaign.settings.categories
        let header = ["Mã", "Đơn vị", "Đội hình duy trì", "Tình nguyện viên hoạt động", "Lượt hỗ trợ", "Xã có hoạt động", "Xã trong phạm vi",
                      "Tỷ lệ hoàn thành khóa học bắt buộc"] + categories.map(\.name)
        func row(_ unit: RollupReport.UnitRef, _ f: RollupReport.Figures) -> [Cell] {
            [.text(unit.code), .text(unit.name), .integer(f.figures.teamsMaintained), .integer(f.figures.volunteersActive),
             .integer(f.figures.supports), .integer(f.figures.communesCovered), .integer(f.figures.communesInScope),
             f.trainingCompliance.map { .number($0) } ?? .empty]
                + categories.map { .integer(f.figures.supportsByCategory[$0.code] ?? 0) }
        }
        return (header, report.children.map { row($0.unit, $0.current) } + [row(report.unit, report.current)])
    }

    @Sendable
    func rollupXLSX(req: Request) async throws -> Response {
        let report = try await Self.report(req)
        let (header, rows) = try await Self.table(report, req: req)
        let data = try XLSXWriter.workbook(sheets: [Sheet(name: "Tổng hợp \(report.week ?? report.from)", header: header, rows: rows)])
        return Response.xlsx(data, filename: "tong-hop-\(report.unit.code)-\(report.week ?? report.from).xlsx")
    }

    @Sendable
    func rollupCSV(req: Request) async throws -> Response {
        let report = try await Self.report(req)
        let (header, cells) = try await Self.table(report, req: req)
        return Response.csv(header: header, cells: cells, filename: "tong-hop-\(report.unit.code)-\(report.week ?? report.from).csv")
    }
}
