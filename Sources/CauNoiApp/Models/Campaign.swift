import CauNoiCore
import Fluent
import Foundation

final class Campaign: Model, @unchecked Sendable {
    static let schema = "campaigns"

    /// An open-ended campaign stores this end date, so range filters need no NULL case
    /// (SQLite cannot relax the column's NOT NULL in place).
    static let openEnd = "9999-12-31"

    /// What a campaign counts and requires; stored as one JSON document because it is read and written whole.
    struct Settings: Codable, Sendable, Equatable {
        var categories: [SupportCategory]
        var requiredCourses: [Course]
        /// Absent in rows written before deadlines existed: read as Sunday 20:00.
        var reportDeadline: ReportDeadline?
        /// Absent: Friday.
        var briefingWeekday: Int?
        /// Absent: the whole nation.
        var provinces: [String]?
        /// Absent: `CampaignDefinition.defaultRequestRetentionDays`.
        var requestRetentionDays: Int?
        /// Absent in rows written before standards existed (the seeder gives the summer 2025 campaign its own).
        var competencyStandard: CompetencyStandard?

        var deadline: ReportDeadline { reportDeadline ?? .standard }

        enum CodingKeys: String, CodingKey {
            case categories
            case requiredCourses = "required_courses"
            case reportDeadline = "report_deadline"
            case briefingWeekday = "briefing_weekday"
            case provinces
            case requestRetentionDays = "request_retention_days"
            case competencyStandard = "competency_standard"
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "start_date") var startDate: String
    @Field(key: "end_date") var endDate: String
    @Field(key: "status") var status: String
    @Field(key: "week_starts_on") var weekStartsOn: Int
    @Field(key: "settings") var settings: Settings

    init() {}

    init(id: UUID? = nil, definition: CampaignDefinition) {
        self.id = id
        self.code = definition.code
        apply(definition)
    }

    /// Everything but the code, which never changes.
    func apply(_ d: CampaignDefinition) {
        name = d.name
        startDate = d.start.iso
        endDate = d.end?.iso ?? Self.openEnd
        status = d.status.rawValue
        weekStartsOn = d.weekStartsOn
        settings = Settings(categories: d.categories, requiredCourses: d.requiredCourses, reportDeadline: d.reportDeadline,
                            briefingWeekday: d.briefingWeekday, provinces: d.provinces,
                            requestRetentionDays: d.requestRetentionDays == CampaignDefinition.defaultRequestRetentionDays ? nil : d.requestRetentionDays,
                            competencyStandard: d.competencyStandard)
    }

    /// The domain view of this row; nil only if stored values were corrupted outside the app.
    var definition: CampaignDefinition? {
        guard let start = LocalDate(iso: startDate), let status = CampaignStatus(rawValue: status) else { return nil }
        let end = endDate == Self.openEnd ? nil : LocalDate(iso: endDate)
        if endDate != Self.openEnd, end == nil { return nil }
        var definition = CampaignDefinition(
            code: code, name: name, start: start, end: end, status: status, weekStartsOn: weekStartsOn,
            reportDeadline: settings.deadline, briefingWeekday: settings.briefingWeekday ?? 5,
            categories: settings.categories, requiredCourses: settings.requiredCourses, provinces: settings.provinces)
        definition.requestRetentionDays = settings.requestRetentionDays ?? CampaignDefinition.defaultRequestRetentionDays
        definition.competencyStandard = settings.competencyStandard ?? .empty
        return definition
    }
}
