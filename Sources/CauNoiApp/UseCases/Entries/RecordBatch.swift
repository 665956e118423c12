import CauNoiCore
import Fluent
import Foundation

/// A batch of support entries from the field app or an integration: each entry answered on its own
/// (created, duplicate, conflict or rejected with the field and the reason). Each entry belongs to the
/// campaign it names, or the batch names, or else the one campaign running in its province that day;
/// the entries of one campaign are stored in one transaction, shared with other batches arriving at the same time
/// when a `committer` is given (the batch API's), each still answered as if alone. `applier` keeps what the ledger
/// needs of the new entries, so that it need not read them back; `catalog` the node's campaigns (`CampaignCatalog`).
enum RecordBatch {
    static func run(_ body: SupportBatchRequest, actor: Actor, committer: IngestCommit? = nil, applier: LedgerApplier? = nil,
                    catalog: CampaignCatalog? = nil, on db: any Database) async throws -> SupportBatchResponse {
        if body.entries.isEmpty {
            throw AppError.validation([FieldError(field: "entries", message: "Danh sách bản ghi đang trống.", messageEN: "entries is empty.")])
        }
        if body.entries.count > SupportEntryIngest.maxBatch {
            throw AppError.payloadTooLarge(
                vi: "Mỗi lần gửi tối đa 5.000 bản ghi (đã gửi \(VietnameseNumber.grouped(body.entries.count))). Hãy chia nhỏ.",
                en: "At most 5,000 entries per call (got \(body.entries.count)). Split the batch.")
        }
        let routed = try await CampaignRouting.route(body.entries, batchCampaign: body.campaign, today: actor.today, catalog: catalog, on: db)
        var results = routed.rejected
        for group in routed.groups {
            let answers = try await SupportEntryIngest.ingest(group.indexes.map { body.entries[$0] }, campaign: group.campaign,
                                                              today: actor.today, policy: actor.policy,
                                                              audit: actor.event("support_entries.batch"), positions: group.indexes,
                                                              references: routed.references, committer: committer, applier: applier,
                                                              on: db)
            for (index, answer) in zip(group.indexes, answers) { results[index] = answer }
        }
        return SupportBatchResponse(results: results.map { $0 ?? EntryResultDTO(id: nil, status: .rejected, error: nil) })
    }
}
