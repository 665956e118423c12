import CauNoiCore
import Fluent
import Foundation

final class Campaign: Model, @unchecked Sendable {
    static let schema = "campaigns"

    /// What a campaign counts and requires; stored as one JSON document because it is read and written whole.
    struct Settings: Codable, Sendable, Equatable {
        var categories: [SupportCategory]
        var requiredCourses: [Course]
        /// Absent in rows written before deadlines existed: read as Sunday 20:00.
        var reportDeadline: ReportDeadline?

        var deadline: ReportDeadline { reportDeadline ?? .standard }

        enum CodingKeys: String, CodingKey {
            case categories
            case requiredCourses = "required_courses"
            case reportDeadline = "report_deadline"
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "start_date") var startDate: String
    @Field(key: "end_date") var endDate: String
    @Field(key: "settings") var settings: Settings
    @Field(key: "is_default") var isDefault: Bool

    init() {}

    init(id: UUID? = nil, definition: CampaignDefinition, isDefault: Bool) {
        self.id = id
        self.code = definition.code
        self.name = definition.name
        self.startDate = definition.start.iso
        self.endDate = definition.end.iso
        self.settings = Settings(categories: definition.categories, requiredCourses: definition.requiredCourses, reportDeadline: .standard)
        self.isDefault = isDefault
    }

    /// The domain view of this row; nil only if stored dates were corrupted outside the app.
    var definition: CampaignDefinition? {
        guard let start = LocalDate(iso: startDate), let end = LocalDate(iso: endDate) else { return nil }
        return CampaignDefinition(
            code: code, name: name, start: start, end: end,
            categories: settings.categories, requiredCourses: settings.requiredCourses
        )
    }
}
