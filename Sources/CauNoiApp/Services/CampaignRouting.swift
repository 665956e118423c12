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
        /// What the entries name (teams, memberships, communes' provinces, locked weeks), read once for routing and
        /// reused by the ingest.
        var references: References
    }

    /// With a `catalog`, the campaigns come from the node's memory when the references read shows they have not changed.
    static func route(_ entries: [LenientEntry], batchCampaign: String?, today: LocalDate, catalog: CampaignCatalog? = nil,
                      on db: any Database) async throws -> Routed {
        let references = try await References.load(for: entries.compactMap { try? $0.draft.get() }, on: db)
        let campaigns = if let catalog {
            try await catalog.campaigns(generation: references.campaignsGeneration, on: db)
        } else {
            try await CampaignQueries.all(on: db)
        }
        let byCode = Dictionary(uniqueKeysWithValues: campaigns.map { ($0.code, $0) })
        let definitions = campaigns.compactMap(\.definition)
        let provinceOf = references.provinceOfCommune

        // Entries too broken to place are checked against the current campaign, for the usual field errors.
        let fallback = CampaignQueries.pick(campaigns, today: today, province: nil)?.code
        var rejected = [EntryResultDTO?](repeating: nil, count: entries.count)
        var indexesByCode: [String: [Int]] = [:]
        var order: [String] = []
        for (index, entry) in entries.enumerated() {
            let named = entry.campaign.nonEmpty ?? batchCampaign.nonEmpty
            let field = "entries[\(index)].campaign"
            func reject(_ error: FieldError) {
                rejected[index] = SupportEntryIngest.rejected(entry.rawID, [error])
            }
            let code: String
            if case .success(let draft) = entry.draft, let province = draft.communeCode.flatMap({ provinceOf[$0] }),
               let date = draft.date.flatMap(LocalDate.init(iso:)) {
                switch CampaignSelection.forEntry(code: named, province: province, provinceName: UnitDirectoryResource.directory.label(code: province),
                                                   date: date, among: definitions, field: field,
                                                   dateField: "entries[\(index)].date") {
                case .success(let campaign): code = campaign.code
                case .failure(let error): reject(error); continue
                }
            } else if let named {
                // Unreadable, unknown commune or bad date: the named campaign's checks say which.
                guard byCode[named] != nil else {
                    reject(FieldError(field: field, message: "Không có chiến dịch \"\(named)\".", messageEN: "No campaign \"\(named)\"."))
                    continue
                }
                code = named
            } else if let fallback {
                code = fallback
            } else {
                reject(FieldError(field: field, message: "Chưa có chiến dịch nào để ghi nhận.", messageEN: "There is no campaign to record into."))
                continue
            }
            if indexesByCode[code] == nil { order.append(code) }
            indexesByCode[code, default: []].append(index)
        }
        let groups = order.compactMap { code in byCode[code].map { Group(campaign: $0, indexes: indexesByCode[code] ?? []) } }
        return Routed(groups: groups, rejected: rejected, references: references)
    }
}
