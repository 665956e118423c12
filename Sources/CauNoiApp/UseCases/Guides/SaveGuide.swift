import CauNoiCore
import Fluent
import Foundation

/// Creates or changes a procedure guide: the centre for the whole country, a province for its own. Each save keeps
/// the version it replaces, so what a citizen read on a given day can be shown again.
enum SaveGuide {
    static func run(id: UUID?, _ draft: ProcedureGuideDraft, actor: Actor, on db: any Database) async throws -> ProcedureGuideRow {
        let existing = try await id.asyncMap { id in
            guard let row = try await ProcedureGuideRow.find(id, on: db) else { throw AppError.notFound("hướng dẫn thủ tục", "guide", id.uuidString.lowercased()) }
            return row
        }
        let provinces = Set(try await OrgUnit.query(on: db).filter(\.$level == OrgLevel.province.rawValue).all().compactMap(\.id))
        let guide = try ProcedureGuideValidator.validate(draft, today: actor.today, knownProvinces: provinces).get()
        // Both the guide's old and new place must be the actor's: a province cannot take over a national guide.
        var places: Set<String> = [guide.provinceCode ?? OrgUnit.nationalCode]
        if let existing { places.insert(existing.provinceCode ?? OrgUnit.nationalCode) }
        for province in places {
            try await require(province: province == OrgUnit.nationalCode ? nil : province, actor: actor, on: db)
        }
        let row = existing ?? ProcedureGuideRow()
        let isNew = row.id == nil
        if isNew { row.id = UUIDv7.make(); row.version = 0 }
        let before = isNew ? nil : row.guide
        row.apply(guide)
        row.version += 1
        row.updatedAt = actor.now
        row.updatedBy = actor.principal.displayName
        let key = row.id?.uuidString.lowercased()
        let event = actor.event(isNew ? "guide.create" : "guide.update", nil, key, province: guide.provinceCode, detail: guide.title)
        let snapshot = try before.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        let previousVersion = row.version - 1
        try await db.writeTransaction { db in
            try await row.save(on: db)
            if let snapshot, let id = row.id {
                let version = ProcedureGuideVersion()
                version.id = UUIDv7.make()
                version.$guide.id = id
                version.version = previousVersion
                version.snapshot = snapshot
                version.changedAt = actor.now
                version.changedBy = actor.principal.displayName
                try await version.create(on: db)
            }
            try await Audit.record(event, on: db)
        }
        return row
    }

    /// National guides are the centre's (campaign managers); a province's are its officers'.
    static func require(province: String?, actor: Actor, on db: any Database) async throws {
        if let province {
            try await Access.require(.editUnit, on: RecordPlace(provinceCode: province), .orgUnit, id: province, deny: .forbid, actor: actor, on: db)
        } else {
            try await Access.require(.manageCampaigns, on: RecordPlace(provinceCode: nil), .orgUnit, id: OrgUnit.nationalCode, deny: .forbid,
                                     actor: actor, on: db)
        }
    }

    static func mayEdit(province: String?, policy: AccessPolicy) -> Bool {
        province.map { policy.allows(.editUnit, on: RecordPlace(provinceCode: $0)) } ?? policy.allows(.manageCampaigns, on: RecordPlace(provinceCode: nil))
    }
}
