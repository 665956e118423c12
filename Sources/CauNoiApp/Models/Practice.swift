import CauNoiCore
import Fluent
import Foundation

/// A good practice (`practices`).
final class Practice: Model, @unchecked Sendable {
    static let schema = "practices"

    @ID(key: .id) var id: UUID?
    @Field(key: "campaign_id") var campaignID: UUID
    @Field(key: "title") var title: String
    /// Title, what was done, problem and tags, folded for search.
    @Field(key: "search_text") var searchText: String
    @Field(key: "origin_code") var originCode: String
    @Field(key: "province_code") var provinceCode: String
    @Field(key: "start_date") var startDate: String
    @OptionalField(key: "problem") var problem: String?
    @Field(key: "what_was_done") var whatWasDone: String
    @OptionalField(key: "resources") var resources: String?
    @OptionalField(key: "results") var results: String?
    @Field(key: "indicator") var indicator: String
    /// Comma-separated `PracticeTag` raw values.
    @Field(key: "tags") var tags: String
    @Field(key: "status") var status: String
    /// The weekly report it was promoted from, if any.
    @OptionalField(key: "report_id") var reportID: UUID?
    @OptionalField(key: "status_changed_on") var statusChangedOn: String?
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var state: PracticeStatus { PracticeStatus(rawValue: status) ?? .proposed }
    var tagList: [PracticeTag] { tags.split(separator: ",").compactMap { PracticeTag(rawValue: String($0)) } }
    var indicatorKind: PracticeIndicator { PracticeIndicator(rawValue: indicator) ?? .supportsPerVolunteer }
    /// Its origin: a commune (with its province) or a province.
    var place: RecordPlace { RecordPlace.unit(code: originCode, provinceCode: provinceCode) }
}

/// A commune or province that took a practice up (`practice_adoptions`).
final class PracticeAdoption: Model, @unchecked Sendable {
    static let schema = "practice_adoptions"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "unit_code") var unitCode: String
    @Field(key: "province_code") var provinceCode: String
    @Field(key: "start_date") var startDate: String
    @OptionalField(key: "changes") var changes: String?
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A candidate from the figures set aside by a person (`practice_candidate_dismissals`).
final class PracticeCandidateDismissal: Model, @unchecked Sendable {
    static let schema = "practice_candidate_dismissals"

    @ID(key: .id) var id: UUID?
    @Field(key: "commune_code") var communeCode: String
    @Field(key: "indicator") var indicator: String
    @Field(key: "dismissed_by") var dismissedBy: String
    @Field(key: "dismissed_at") var dismissedAt: Date

    init() {}
}
