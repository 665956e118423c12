import CauNoiCore
import Fluent
import Foundation

/// A central admin creates a campaign or changes one. Every field is checked (`CampaignRules.validate`),
/// and a change that would give stored entries, reports or approvals another meaning is refused
/// (`CampaignRules.checkChange`). A new first day of the week recounts the campaign's ledger in the same
/// transaction, so weekly figures never mix two kinds of week.
enum SaveCampaign {
    static func create(_ draft: CampaignDraft, actor: Actor, on db: any Database) async throws -> Campaign {
        try await Access.require(.manageCampaigns, on: RecordPlace(provinceCode: nil), .campaign, id: nil, deny: .forbid, actor: actor, on: db)
        let definition = try CampaignRules.validate(draft, knownProvinces: try await provinceCodes(on: db)).get()
        if try await Campaign.query(on: db).filter(\.$code == definition.code).count() > 0 {
            throw AppError.conflict(field: "code", vi: "Đã có chiến dịch mã \"\(definition.code)\"; hãy chọn mã khác.",
                                    en: "A campaign with code \(definition.code) already exists.")
        }
        let campaign = Campaign(id: UUIDv7.make(), definition: definition)
        let event = actor.event("campaign.create", .campaign, definition.code, detail: summary(definition))
        try await db.writeTransaction { db in
            try await campaign.create(on: db)
            try await Audit.record(event, on: db)
        }
        return campaign
    }

    static func update(code: String, _ draft: CampaignDraft, actor: Actor, on db: any Database) async throws -> Campaign {
        try await Access.require(.manageCampaigns, on: RecordPlace(provinceCode: nil), .campaign, id: code, deny: .forbid, actor: actor, on: db)
        let campaign = try await CampaignQueries.require(code, on: db)
        guard let old = campaign.definition else { throw AppError.server }
        var draft = draft
        draft.code = draft.code.nonEmpty ?? code
        var new = try CampaignRules.validate(draft, knownProvinces: try await provinceCodes(on: db)).get()
        // The standard is edited on its own page; the campaign form leaves it as it is.
        new.competencyStandard = old.competencyStandard
        let usage = try await CampaignQueries.usage(of: try campaign.requireID(), on: db)
        let refused = CampaignRules.checkChange(from: old, to: new, usage: usage)
        if !refused.isEmpty { throw AppError.validation(refused) }
        let changed = changes(from: old, to: new)
        guard !changed.isEmpty else { return campaign }
        campaign.apply(new)
        let recount = old.weekStartsOn != new.weekStartsOn && usage.hasEntries
        let event = actor.event("campaign.update", .campaign, code, detail: "changed: \(changed.joined(separator: ", "))")
        try await db.writeTransaction { db in
            try await campaign.save(on: db)
            if recount { try await RollupLedgerStore.recompute(campaign: campaign, on: db) }
            try await Audit.record(event, on: db)
        }
        return campaign
    }

    private static func provinceCodes(on db: any Database) async throws -> Set<String> {
        Set(try await OrgUnit.query(on: db).filter(\.$level == OrgLevel.province.rawValue).all().compactMap(\.id))
    }

    /// Field names that differ, for the audit row.
    static func changes(from a: CampaignDefinition, to b: CampaignDefinition) -> [String] {
        var out: [String] = []
        if a.name != b.name { out.append("name") }
        if a.start != b.start { out.append("start_date") }
        if a.end != b.end { out.append("end_date") }
        if a.status != b.status { out.append("status \(a.status.rawValue)→\(b.status.rawValue)") }
        if a.weekStartsOn != b.weekStartsOn { out.append("week_starts_on \(a.weekStartsOn)→\(b.weekStartsOn)") }
        if a.reportDeadline != b.reportDeadline { out.append("report_deadline") }
        if a.briefingWeekday != b.briefingWeekday { out.append("briefing_weekday") }
        if a.categories != b.categories { out.append("categories") }
        if a.requiredCourses != b.requiredCourses { out.append("required_courses") }
        if a.provinces != b.provinces { out.append("provinces") }
        if a.requestRetentionDays != b.requestRetentionDays { out.append("request_retention_days \(a.requestRetentionDays)→\(b.requestRetentionDays)") }
        return out
    }

    private static func summary(_ d: CampaignDefinition) -> String {
        "\(d.start.iso)–\(d.end?.iso ?? "open"), \(d.status.rawValue), weeks from \(d.weekStartsOn), \(d.categories.count) categories, "
            + (d.provinces.map { "provinces \($0.joined(separator: ","))" } ?? "nation")
    }
}
