import Fluent
import Foundation

/// A commune's weekly report for the briefing. Approval by the province locks the commune's entries of that week.
final class WeeklyReport: Model, @unchecked Sendable {
    static let schema = "weekly_reports"

    enum Status: String, Codable, Sendable { case submitted, approved, reopened }

    @ID(key: .id) var id: UUID?
    @Parent(key: "campaign_id") var campaign: Campaign
    @Field(key: "commune_code") var communeCode: String
    @Field(key: "province_code") var provinceCode: String
    /// ISO week, "2025-W32".
    @Field(key: "week") var week: String
    @Field(key: "highlights") var highlights: String
    @OptionalField(key: "proposals") var proposals: String?
    @OptionalField(key: "good_practice") var goodPractice: String?
    @Field(key: "status") var status: String
    @Field(key: "submitted_at") var submittedAt: Date
    @OptionalField(key: "submitted_by") var submittedBy: UUID?
    @Field(key: "on_time") var onTime: Bool
    @OptionalField(key: "approved_at") var approvedAt: Date?
    @OptionalField(key: "approved_by") var approvedBy: UUID?
    /// Why the province sent it back (cleared when the commune resubmits).
    @OptionalField(key: "reopen_reason") var reopenReason: String?

    init() {}
}

final class Difficulty: Model, @unchecked Sendable {
    static let schema = "difficulties"

    @ID(key: .id) var id: UUID?
    @Parent(key: "report_id") var report: WeeklyReport
    @Field(key: "commune_code") var communeCode: String
    @Field(key: "province_code") var provinceCode: String
    @Field(key: "week") var week: String
    @Field(key: "category") var category: String
    @Field(key: "severity") var severity: String
    @Field(key: "description") var description: String
    @Field(key: "reinforcement_requested") var reinforcementRequested: Bool
    @OptionalField(key: "reinforcement_note") var reinforcementNote: String?
    @Field(key: "status") var status: String
    @OptionalField(key: "owner_id") var ownerID: UUID?
    @OptionalField(key: "owner_name") var ownerName: String?
    @OptionalField(key: "resolution_note") var resolutionNote: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}
