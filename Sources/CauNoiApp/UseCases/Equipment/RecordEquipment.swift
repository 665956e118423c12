import CauNoiCore
import Fluent
import Foundation

/// A commune, province or central officer records what a support point lacks.
enum RecordEquipmentNeed {
    static func run(_ draft: EquipmentNeedDraft, actor: Actor, on db: any Database) async throws -> EquipmentNeed {
        let valid = try ValidEquipmentNeed.validate(draft).get()
        let province = try await EquipmentPlace.province(of: valid.communeCode, on: db)
        try await Access.require(.manageEquipment, on: RecordPlace(provinceCode: province, communeCodes: [valid.communeCode]), .equipment,
                                 id: nil, deny: .refuse, actor: actor, on: db)
        let need = EquipmentNeed()
        need.id = UUIDv7.make()
        need.communeCode = valid.communeCode
        need.provinceCode = province
        need.pointKind = valid.pointKind.rawValue
        need.pointName = valid.pointName
        need.item = valid.item.rawValue
        need.quantity = valid.quantity
        need.note = valid.note
        need.createdBy = actor.principal.displayName
        need.createdAt = actor.now
        let event = actor.event("equipment.need", .equipment, need.id?.uuidString.lowercased(), province: province,
                                detail: "\(valid.quantity) × \(valid.item.rawValue)")
        try await db.writeTransaction { db in
            try await need.create(on: db)
            try await Audit.record(event, on: db)
        }
        return need
    }
}

/// A province or the centre records a partner's pledge to a commune (for one of its needs, or on its own).
enum RecordPledge {
    static func run(_ draft: PledgeDraft, actor: Actor, on db: any Database) async throws -> EquipmentPledge {
        let valid = try ValidPledge.validate(draft).get()
        let province = try await EquipmentPlace.province(of: valid.communeCode, on: db)
        try await Access.require(.coordinateForces, on: RecordPlace(provinceCode: province, communeCodes: [valid.communeCode]), .equipment,
                                 id: nil, deny: .refuse, actor: actor, on: db)
        if let needID = valid.needID {
            guard let need = try await EquipmentNeed.find(needID, on: db), need.communeCode == valid.communeCode else {
                throw AppError.validation([FieldError(field: "need_id", message: "Nhu cầu này không thuộc xã đã chọn.",
                                                      messageEN: "That need is not the commune's.")])
            }
        }
        let pledge = EquipmentPledge()
        pledge.id = UUIDv7.make()
        pledge.needID = valid.needID
        pledge.communeCode = valid.communeCode
        pledge.provinceCode = province
        pledge.partner = valid.partner
        pledge.item = valid.item.rawValue
        pledge.quantity = valid.quantity
        pledge.note = valid.note
        pledge.status = PledgeStatus.pledged.rawValue
        pledge.pledgedOn = actor.today.iso
        pledge.createdBy = actor.principal.displayName
        pledge.updatedAt = actor.now
        let event = actor.event("equipment.pledge", .equipment, pledge.id?.uuidString.lowercased(), province: province,
                                detail: "\(valid.partner): \(valid.quantity) × \(valid.item.rawValue)")
        try await db.writeTransaction { db in
            try await pledge.create(on: db)
            try await Audit.record(event, on: db)
        }
        return pledge
    }
}

/// Delivered, then in use: the commune confirms what arrived; a step cannot be skipped or repeated.
enum AdvancePledge {
    static func run(id: UUID, to next: PledgeStatus, actor: Actor, on db: any Database) async throws -> EquipmentPledge {
        let key = id.uuidString.lowercased()
        guard let pledge = try await EquipmentPledge.find(id, on: db) else {
            throw AppError.notFound(ObjectKind.equipment.vietnamese, ObjectKind.equipment.english, key)
        }
        try await Access.require(.manageEquipment, on: RecordPlace(provinceCode: pledge.provinceCode, communeCodes: [pledge.communeCode]),
                                 .equipment, id: key, deny: .forbid, actor: actor, on: db)
        guard pledge.state.next == next else {
            throw AppError.conflict(field: "status", vi: "Cam kết đang ở bước “\(pledge.state.vietnamese)”, không chuyển sang “\(next.vietnamese)” được.",
                                    en: "The pledge is \(pledge.status); it cannot become \(next.rawValue).")
        }
        let previous = pledge.status
        pledge.status = next.rawValue
        if next == .delivered { pledge.deliveredOn = actor.today.iso } else { pledge.inUseOn = actor.today.iso }
        pledge.updatedAt = actor.now
        let event = actor.event("equipment.\(next.rawValue)", .equipment, key, province: pledge.provinceCode)
        try await db.writeTransaction { db in
            // Only from the step it was read at: of two simultaneous confirmations, one applies.
            let moved = try await EquipmentPledge.query(on: db).filter(\.$id == id).filter(\.$status == previous).count()
            guard moved == 1 else { throw AppError.conflict(field: "status", vi: "Cam kết vừa được người khác cập nhật.", en: "Changed meanwhile.") }
            try await pledge.save(on: db)
            try await Audit.record(event, on: db)
        }
        return pledge
    }
}

enum EquipmentPlace {
    static func province(of commune: String, on db: any Database) async throws -> String {
        guard let unit = try await OrgUnit.find(commune, on: db), unit.level == OrgLevel.commune.rawValue, let province = unit.provinceCode else {
            throw AppError.validation([FieldError(field: "commune_code", message: "Không có xã, phường mã \(commune).",
                                                  messageEN: "No commune with code \(commune).")])
        }
        return province
    }
}
