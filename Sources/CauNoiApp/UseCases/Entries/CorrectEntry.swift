import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// Corrects a support entry. A correction is a new version of an entry: the old row stays as history, only the latest counts.
/// Idempotent by the client's `correction_id`, refused once the week is approved.
enum CorrectEntry {
    struct Input: Decodable, Sendable {
        var correctionID: String?
        /// The version the correction was prepared from; it must still be the current one, so a
        /// correction made on a stale copy cannot silently undo someone else's.
        var baseVersion: Int?
        var entry: SupportEntryDraft

        enum CodingKeys: String, CodingKey { case correctionID = "correction_id", baseVersion = "base_version" }

        init(correctionID: String?, baseVersion: Int?, entry: SupportEntryDraft) {
            self.correctionID = correctionID
            self.baseVersion = baseVersion
            self.entry = entry
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            correctionID = try container.decodeIfPresent(String.self, forKey: .correctionID)
            baseVersion = try container.decodeIfPresent(Int.self, forKey: .baseVersion)
            entry = try SupportEntryDraft(from: decoder)
        }
    }

    static func run(entryID: UUID, input: Input, actor: Actor, on db: any Database) async throws -> EntryResultDTO {
        guard let current = try await SupportEntryQueries.current(of: entryID, on: db)
            .with(\.$campaign).first() else {
            throw AppError.notFound("bản ghi hỗ trợ", "support entry", entryID.uuidString.lowercased())
        }
        let oldPlace = Places.entry(teamID: current.$team.id, communeCode: current.communeCode, provinceCode: current.provinceCode)
        let key = entryID.uuidString.lowercased()
        try await Access.require(.readEntries, on: oldPlace, .supportEntry, id: key, actor: actor, on: db)
        try await Access.require(.writeEntries, on: oldPlace, .supportEntry, id: key, deny: .forbid, actor: actor, on: db)
        guard let definition = current.campaign.definition, let oldDate = LocalDate(iso: current.entryDate) else { throw AppError.server }
        let campaignID = try current.campaign.requireID()

        var draft = input.entry
        draft.id = input.correctionID
        draft.teamID = draft.teamID ?? current.$team.id.uuidString
        var rules = SupportEntryRules(campaign: definition, today: actor.today)
        rules.allowRetiredCategories = true
        let valid = try SupportEntryValidator.validate(draft, rules: rules).get()
        guard valid.teamID == current.$team.id else {
            throw AppError.validation([FieldError(field: "team_id", message: "Bản sửa phải thuộc cùng đội hình với bản ghi gốc.",
                                                  messageEN: "A correction belongs to the same team as the original.")])
        }
        let refs = try await References.load(for: [valid], campaignID: campaignID, weekStartsOn: definition.weekStartsOn, on: db)
        var errors = refs.check(valid, prefix: "")
        let oldWeek = definition.week(containing: oldDate)
        let movedOutOfWeek = oldWeek != definition.week(containing: valid.date) || current.communeCode != valid.communeCode
        if movedOutOfWeek, try await WeeklyReports.lockedWeeks(campaignID: campaignID, communes: [current.communeCode], on: db)
            .contains("\(current.communeCode)|\(oldWeek.key)") {
            let locked = WeeklyReports.lockedError(oldWeek)
            errors.append(FieldError(field: "date", message: locked.messageVI, messageEN: locked.messageEN))
        }
        guard errors.isEmpty, let province = refs.provinceOfCommune[valid.communeCode] else { throw AppError.validation(errors) }
        let newPlace = Places.entry(teamID: valid.teamID, communeCode: valid.communeCode, provinceCode: province)
        try await Access.require(.writeEntries, on: newPlace, .supportEntry, id: key, deny: .refuse, actor: actor, on: db)

        let hash = SupportEntryIngest.contentHash(valid, campaignCode: definition.code)
        let id = valid.id
        if let existing = try await SupportEntry.find(id, on: db) {
            // A re-sent correction: same content and same entry is harmless.
            let same = existing.contentHash == hash && existing.entryID == entryID
            return same ? .init(id: id.uuidString.lowercased(), status: .duplicate)
                : .init(id: id.uuidString.lowercased(), status: .conflict, error: .init(
                    message: "Mã bản sửa đã được dùng cho nội dung khác.", messageEN: "This correction id was used for different content.",
                    fields: [FieldError(field: "correction_id", message: "Trùng mã.", messageEN: "Duplicate id.")]))
        }
        guard let baseVersion = input.baseVersion else {
            throw AppError.validation([FieldError(field: "base_version", message: "Cần gửi số phiên bản đang sửa (base_version).",
                                                  messageEN: "base_version (the version being corrected) is required.")])
        }
        guard baseVersion == current.version else {
            throw AppError.conflict(field: "base_version",
                                    vi: "Bản ghi đã có phiên bản \(current.version) (bạn sửa từ phiên bản \(baseVersion)); hãy tải lại và sửa trên bản mới nhất.",
                                    en: "The entry is at version \(current.version), not \(baseVersion); reload and correct the latest version.")
        }
        let oldRowID = try current.requireID()
        let event = actor.event("support_entry.correct", .supportEntry, key, province: province,
                                detail: "version \(current.version + 1) by \(actor.principal.username)")
        let row = SupportEntryIngest.StoreRow(entry: valid, hash: hash, province: province, entryID: entryID, version: current.version + 1,
                                              campaignID: campaignID, createdAt: event.at)
        let replaced = try await db.writeTransaction { db -> Bool in
            try await RollupLedgerStore.lock(on: db)
            // Only one correction can replace a given version, even when two arrive at once.
            let retired = try await db.sql.update(SupportEntry.schema).set("is_current", to: false)
                .where("id", .equal, oldRowID).where("is_current", .equal, true).returning("id").all()
            guard retired.count == 1 else { return false }
            try await RollupLedgerStore.record(try await RollupLedgerStore.entries(ids: [oldRowID], on: db).map { ($0, -1) },
                                               campaignID: campaignID, weekStartsOn: definition.weekStartsOn, on: db)
            _ = try await SupportEntryIngest.store([row], campaignID: campaignID, weekStartsOn: definition.weekStartsOn, on: db)
            try await Audit.record(event, on: db)
            return true
        }
        guard replaced else {
            throw AppError.conflict(field: "entry_id", vi: "Bản ghi vừa được sửa bởi người khác; hãy tải lại và sửa trên bản mới nhất.",
                                    en: "The entry was just corrected by someone else; reload and correct the latest version.")
        }
        return .init(id: id.uuidString.lowercased(), status: .created)
    }

    /// Every version of an entry, oldest first, for whoever may read it (names only for those who may see people).
    static func history(entryID: UUID, actor: Actor, on db: any Database) async throws -> [SupportEntryDTO] {
        let rows = try await SupportEntryQueries.versions(of: entryID, on: db).with(\.$campaign).sort(\.$version).all()
        guard let last = rows.last else { throw AppError.notFound("bản ghi hỗ trợ", "support entry", entryID.uuidString.lowercased()) }
        let place = Places.entry(teamID: last.$team.id, communeCode: last.communeCode, provinceCode: last.provinceCode)
        try await Access.require(.readEntries, on: place, .supportEntry, id: entryID.uuidString.lowercased(), actor: actor, on: db)
        let dtos = try await SupportEntryQueries.dtos(rows, on: db)
        return actor.policy.allows(.readPeople, on: place) ? dtos : dtos.map { $0.withoutPeople() }
    }
}
