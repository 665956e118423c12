import CauNoiCore
import Fluent
import Vapor

struct CampaignDTO: Content, Equatable {
    struct Week: Codable, Equatable, Sendable {
        var start: String
        var end: String
        var number: Int
        var label: String
    }

    var code: String
    var name: String
    var startDate: String
    /// Null: open-ended.
    var endDate: String?
    var status: String
    var weekStartsOn: Int
    var reportDeadline: ReportDeadline
    var briefingWeekday: Int
    var categories: [SupportCategory]
    var requiredCourses: [Course]
    /// Null: the whole nation.
    var provinces: [String]?
    var requestRetentionDays: Int
    /// Whether it takes entries today (active and today inside its period), and today's reporting week.
    var open: Bool
    var currentWeek: Week

    enum CodingKeys: String, CodingKey {
        case code, name, startDate = "start_date", endDate = "end_date", status, weekStartsOn = "week_starts_on"
        case reportDeadline = "report_deadline", briefingWeekday = "briefing_weekday", categories
        case requiredCourses = "required_courses", provinces, open, currentWeek = "current_week"
        case requestRetentionDays = "request_retention_days"
    }

    init(_ d: CampaignDefinition, today: LocalDate) {
        code = d.code
        name = d.name
        startDate = d.start.iso
        endDate = d.end?.iso
        status = d.status.rawValue
        weekStartsOn = d.weekStartsOn
        reportDeadline = d.reportDeadline
        briefingWeekday = d.briefingWeekday
        categories = d.categories
        requiredCourses = d.requiredCourses
        provinces = d.provinces
        requestRetentionDays = d.requestRetentionDays
        open = d.takesEntries(on: today)
        let week = d.week(containing: today)
        currentWeek = Week(start: week.start.iso, end: week.end.iso, number: d.number(of: week), label: d.label(week))
    }

    /// `provinces` and `end_date` are written as null rather than left out, so clients see "nation" and "open-ended".
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(name, forKey: .name)
        try c.encode(startDate, forKey: .startDate)
        try c.encode(endDate, forKey: .endDate)
        try c.encode(status, forKey: .status)
        try c.encode(weekStartsOn, forKey: .weekStartsOn)
        try c.encode(reportDeadline, forKey: .reportDeadline)
        try c.encode(briefingWeekday, forKey: .briefingWeekday)
        try c.encode(categories, forKey: .categories)
        try c.encode(requiredCourses, forKey: .requiredCourses)
        try c.encode(provinces, forKey: .provinces)
        try c.encode(requestRetentionDays, forKey: .requestRetentionDays)
        try c.encode(open, forKey: .open)
        try c.encode(currentWeek, forKey: .currentWeek)
    }
}

/// Campaigns in the API: anyone may read them (clients need the category codes and labels to build their
/// counters); central admins create and change them.
struct CampaignController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.apiCampaigns, use: list)
        routes.on(.apiCampaignCreate, use: create)
        routes.on(.apiCampaign, use: show)
        routes.on(.apiCampaignUpdate, use: update)
    }

    @Sendable
    func list(req: Request) async throws -> [CampaignDTO] {
        let today = req.today
        return try await CampaignQueries.all(on: req.db).compactMap(\.definition).map { CampaignDTO($0, today: today) }
    }

    @Sendable
    func show(req: Request) async throws -> CampaignDTO {
        let today = req.today
        guard let definition = try await CampaignQueries.require(req.parameters.get("code") ?? "", on: req.db).definition else { throw AppError.server }
        return CampaignDTO(definition, today: today)
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        let actor = try req.actor()
        let campaign = try await SaveCampaign.create(try req.content.decode(CampaignDraft.self), actor: actor, on: req.db)
        guard let definition = campaign.definition else { throw AppError.server }
        return try await CampaignDTO(definition, today: actor.today).encodeResponse(status: .created, for: req)
    }

    @Sendable
    func update(req: Request) async throws -> CampaignDTO {
        let actor = try req.actor()
        let campaign = try await SaveCampaign.update(code: req.parameters.get("code") ?? "", try req.content.decode(CampaignDraft.self),
                                                     actor: actor, on: req.db)
        guard let definition = campaign.definition else { throw AppError.server }
        return CampaignDTO(definition, today: actor.today)
    }
}
