import CauNoiCore
import Fluent
import Vapor

struct CampaignDTO: Content, Equatable {
    var code: String
    var name: String
    var startDate: String
    var endDate: String
    var isDefault: Bool
    var categories: [SupportCategory]
    var requiredCourses: [Course]

    enum CodingKeys: String, CodingKey {
        case code, name, startDate = "start_date", endDate = "end_date", isDefault = "is_default", categories
        case requiredCourses = "required_courses"
    }

    init(_ c: Campaign) {
        code = c.code
        name = c.name
        startDate = c.startDate
        endDate = c.endDate
        isDefault = c.isDefault
        categories = c.settings.categories
        requiredCourses = c.settings.requiredCourses
    }
}

struct CampaignController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.apiCampaigns, use: list)
    }

    /// Clients need the category codes and labels to build their counters.
    @Sendable
    func list(req: Request) async throws -> [CampaignDTO] {
        try await Campaign.query(on: req.db).sort(\.$startDate, .descending).all().map(CampaignDTO.init)
    }
}
