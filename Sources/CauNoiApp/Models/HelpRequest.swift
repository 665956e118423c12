import CauNoiCore
import Fluent
import Foundation

/// A citizen's request for help at home (`CreateHelpRequest`). Personal data: call name, phone, address, details;
/// never logged, shown only to the commune and the assigned team, emptied after the retention period.
final class HelpRequest: Model, @unchecked Sendable {
    static let schema = "help_requests"

    @ID(key: .id) var id: UUID?
    /// What the person keeps to check the status ("HT-7K3M-9QX2").
    @Field(key: "reference") var reference: String
    @OptionalField(key: "campaign_id") var campaignID: UUID?
    @Field(key: "commune_code") var communeCode: String
    @Field(key: "province_code") var provinceCode: String
    @OptionalField(key: "call_name") var callName: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "details") var details: String?
    /// Comma-separated `HelpNeed` raw values.
    @Field(key: "needs") var needs: String
    @Field(key: "visit_window") var visitWindow: String
    @Field(key: "language") var language: String
    @Field(key: "for_relative") var forRelative: Bool
    @Field(key: "consented_at") var consentedAt: Date
    @Field(key: "status") var status: String
    @OptionalField(key: "team_id") var teamID: UUID?
    @OptionalField(key: "visit_date") var visitDate: String?
    @OptionalField(key: "visit_time") var visitTime: String?
    /// Why the team could not help, or what was done: shown to the person on the status page.
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "closed_at") var closedAt: Date?
    /// The local day after which the contact columns are emptied (set on closing).
    @OptionalField(key: "erase_after") var eraseAfter: String?
    @OptionalField(key: "erased_at") var erasedAt: Date?
    @OptionalField(key: "support_entry_id") var supportEntryID: UUID?
    /// A hash of the sender's address, for the rate limit only.
    @OptionalField(key: "source_hash") var sourceHash: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var state: HelpRequestStatus { HelpRequestStatus(rawValue: status) ?? .received }
    var needList: [HelpNeed] { needs.split(separator: ",").compactMap { HelpNeed(rawValue: String($0)) } }
}
