import CauNoiCore
import Fluent
import Foundation

/// A batch of support entries from the field app or an integration: each entry answered on its own
/// (created, duplicate, conflict or rejected with the field and the reason). Each entry belongs to the
/// campaign it names, or the batch names, or else the one campaign running in its province that day;
/// the entries of one campaign are stored in one transaction, shared with other batches arriving at the same time
/// when a `committer` is given (the batch API's), each still answered as if alone; `catalog` is the node's campaigns
/// (`CampaignCatalog`).
enum RecordBatch {
    static func run(_ body: SupportBatchRequest, actor: Actor, committer: IngestCommit? = nil,
                    catalog: CampaignCatalog? = nil, on db: any Database) async throws -> SupportBatchResponse {
        if body.entries.isEmpty {
            throw AppError.validation([FieldError(field: "entries", message: "Danh sách bản ghi đang trống.", messageEN: "entries is empty.")])
        }
        if body.entries.count > SupportEntryIngest.maxBatch {
            throw AppError.payloadTooLarge(
                vi: "Mỗi lần gửi tối đa 5.000 bản ghi (đã gửi \(VietnameseNumber.grouped(body.entries.count))). Hãy chia nhỏ.",
                en: "At most 5,000 entries per call (got \(body.entries.count)). Split the batch.")
        }
        var results = [EntryResultDTO?](repeating: nil, count: body.entries.count)
        var open = Array(body.entries.indices)
        // Routed by the node's campaigns (`CampaignCatalog`); entries routed by campaigns that changed meanwhile are
        // routed again by the campaigns read anew. Twice is already rare: a third change in a row is answered "retry".
        for _ in 0..<3 {
            let snapshot = if let catalog {
                try await catalog.current(on: db)
            } else {
                CampaignCatalog.Snapshot(campaigns: try await CampaignQueries.all(on: db), generation: nil)
            }
            let entries = open.map { body.entries[$0] }
            let routed = CampaignRouting.route(entries, batchCampaign: body.campaign, today: actor.today, among: snapshot.campaigns,
                                               positions: open)
            for (index, answer) in zip(open, routed.rejected) where answer != nil { results[index] = answer }
            var again: [Int] = []
            for group in routed.groups {
                let positions = group.indexes.map { open[$0] }
                do {
                    let answers = try await SupportEntryIngest.ingest(group.indexes.map { entries[$0] }, campaign: group.campaign,
                                                                      today: actor.today, policy: actor.policy,
                                                                      audit: actor.event("support_entries.batch"), positions: positions,
                                                                      campaignsGeneration: snapshot.generation, committer: committer, on: db)
                    for (index, answer) in zip(positions, answers) { results[index] = answer }
                } catch is CampaignCatalog.Changed {
                    again += positions
                }
            }
            // Refusals made by held campaigns without the writer's check stand only if those campaigns are still current.
            if again.isEmpty, let catalog, open.contains(where: { results[$0]?.status == .rejected }),
               try await !catalog.isCurrent(snapshot, on: db) {
                again = open.filter { results[$0]?.status == .rejected }
            }
            guard !again.isEmpty else {
                return SupportBatchResponse(results: results.map { $0 ?? EntryResultDTO(id: nil, status: .rejected, error: nil) })
            }
            catalog?.forget()
            open = again.sorted()
        }
        throw AppError.databaseUnavailable(retryAfter: 1)
    }
}
