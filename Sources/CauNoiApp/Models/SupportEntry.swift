import Fluent
import Foundation

/// One record of support given by a team on a day. Holds no citizen personal data.
/// Written in batches through SQLKit (see `SupportEntryStore`); the model serves reads.
final class SupportEntry: Model, @unchecked Sendable {
    static let schema = "support_entries"

    /// Client-generated, so a retried upload is recognised.
    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Parent(key: "campaign_id") var campaign: Campaign
    @Parent(key: "team_id") var team: Team
    @Field(key: "commune_code") var communeCode: String
    @Field(key: "province_code") var provinceCode: String
    @Field(key: "entry_date") var entryDate: String
    @Field(key: "total") var total: Int
    @Field(key: "place") var place: String
    @Field(key: "languages") var languages: String
    @OptionalField(key: "note") var note: String?
    /// SHA-256 of the canonical content: tells a harmless re-send from a conflicting one.
    @Field(key: "content_hash") var contentHash: String
    @Field(key: "created_at") var createdAt: Date
    /// The logical entry this row is a version of (the first version's id).
    @Field(key: "entry_id") var entryID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "is_current") var isCurrent: Bool

    init() {}
}
