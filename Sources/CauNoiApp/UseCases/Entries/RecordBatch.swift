import CauNoiCore
import Fluent
import Foundation

/// A batch of support entries from the field app or an integration: each entry answered on its own
/// (created, duplicate, conflict or rejected with the field and the reason), all stored in one transaction.
enum RecordBatch {
    static func run(_ body: SupportBatchRequest, actor: Actor, on db: any Database) async throws -> SupportBatchResponse {
        if body.entries.isEmpty {
            throw AppError.validation([FieldError(field: "entries", message: "Danh sách bản ghi đang trống.", messageEN: "entries is empty.")])
        }
        if body.entries.count > SupportEntryIngest.maxBatch {
            throw AppError.payloadTooLarge(
                vi: "Mỗi lần gửi tối đa 5.000 bản ghi (đã gửi \(VietnameseNumber.grouped(body.entries.count))). Hãy chia nhỏ.",
                en: "At most 5,000 entries per call (got \(body.entries.count)). Split the batch.")
        }
        let campaign = try await CampaignQueries.byCode(body.campaign, on: db)
        let results = try await SupportEntryIngest.ingest(body.entries, campaign: campaign, today: actor.today, policy: actor.policy,
                                                          audit: actor.event("support_entries.batch"), on: db)
        return SupportBatchResponse(results: results)
    }
}
