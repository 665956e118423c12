import CauNoiCore
import Fluent
import Foundation

/// Splits entries by campaign (`CampaignSelection`), answering at once those that belong to none.
enum CampaignRouting {
    struct Group {
        var campaign: Campaign
        var indexes: [Int]
    }

    struct Routed {
        var groups: [Group]
        /// One slot per entry; filled for entries rejected here.
        var rejected: [EntryResultDTO?]
    }

    /// Reads every campaign, then routes.
    static func route(_ entries: [LenientEntry], batchCampaign: String?, today: LocalDate, on db: any Database) async throws -> Routed {
        route(entries, batchCampaign: batchCampaign, today: today, among: try await CampaignQueries.all(on: db))
    }

    /// Routes by the given campaigns (every one, newest start first); `positions` are the entries' places in their
    /// request, for field names, when they are part of it.
    static func route(_ entries: [LenientEntry], batchCampaign: String?, today: LocalDate, among campaigns: [Campaign],
                      positions: [Int]? = nil) -> Routed {
        let byCode = Dictionary(uniqueKeysWithValues: campaigns.map { ($0.code, $0) })
        let definitions = campaigns.compactMap(\.definition)

        // Entries too broken to place are checked against the current campaign, for the usual field errors.
        let fallback = CampaignQueries.pick(campaigns, today: today, province: nil)?.code
        var rejected = [EntryResultDTO?](repeating: nil, count: entries.count)
        var indexesByCode: [String: [Int]] = [:]
        var order: [String] = []
        for (index, entry) in entries.enumerated() {
            let named = entry.campaign.nonEmpty ?? batchCampaign.nonEmpty
            let position = positions?[index] ?? index
            func field() -> String { "entries[\(position)].campaign" }
            func reject(_ error: FieldError) {
                rejected[index] = SupportEntryIngest.rejected(entry.rawID, [error])
            }
            let code: String
            if case .success(let draft) = entry.draft, let province = draft.communeCode.flatMap(References.province(ofCommune:)),
               let date = draft.date.flatMap(LocalDate.init(iso:)) {
                switch CampaignSelection.forEntry(code: named, province: province, provinceName: UnitDirectoryResource.directory.label(code: province),
                                                   date: date, among: definitions, field: field(),
                                                   dateField: "entries[\(position)].date") {
                case .success(let campaign): code = campaign.code
                case .failure(let error): reject(error); continue
                }
            } else if let named {
                // Unreadable, unknown commune or bad date: the named campaign's checks say which.
                guard byCode[named] != nil else {
                    reject(FieldError(field: field(), message: "Không có chiến dịch \"\(named)\".", messageEN: "No campaign \"\(named)\"."))
                    continue
                }
                code = named
            } else if let fallback {
                code = fallback
            } else {
                reject(FieldError(field: field(), message: "Chưa có chiến dịch nào để ghi nhận.", messageEN: "There is no campaign to record into."))
                continue
            }
            if indexesByCode[code] == nil { order.append(code) }
            indexesByCode[code, default: []].append(index)
        }
        let groups = order.compactMap { code in byCode[code].map { Group(campaign: $0, indexes: indexesByCode[code] ?? []) } }
        return Routed(groups: groups, rejected: rejected)
    }
}
