import CauNoiCore
import Fluent
import Foundation

/// An admin sets a unit's attributes (border, island, remote, ethnic area, languages, service-centre
/// address, hotline). A commune becoming or ceasing to be border/island moves the rollup ledger's
/// counts in the same transaction.
enum EditUnitAttributes {
    static func run(code: String, _ draft: UnitAttributesDraft, actor: Actor, on db: any Database) async throws -> OrgUnit {
        let unit = try await OrgUnitQueries.require(code, on: db)
        try await Access.require(.editUnit, on: Places.unit(unit), .orgUnit, id: code, deny: .forbid, actor: actor, on: db)
        let change = try UnitAttributesValidator.validate(draft, unitType: UnitType(rawValue: unit.unitType) ?? .xa).get()
        try await apply(change, to: unit, audit: actor.event("org_unit.update"), on: db)
        return unit
    }

    private static func apply(_ change: UnitAttributesChange, to unit: OrgUnit, audit: AuditEvent, on db: any Database) async throws {
        let wasEdge = unit.isBorder || unit.isIsland
        if let value = change.isBorder { unit.isBorder = value }
        if let value = change.isIsland { unit.isIsland = value }
        if let value = change.isRemote { unit.isRemote = value }
        if let value = change.isEthnicArea { unit.isEthnicArea = value }
        if let value = change.languages { unit.languages = LanguageList.encode(value) }
        if let value = change.serviceCentreAddress { unit.serviceCentreAddress = value }
        if let value = change.hotline { unit.hotline = value }
        let event = audit.object("org_unit", unit.id, province: unit.provinceCode)
        let isEdge = unit.isBorder || unit.isIsland
        try await db.writeTransaction { db in
            try await RollupLedgerStore.lock(on: db)
            try await unit.save(on: db)
            // Border and island communes are counted apart in every rollup, so the ledger follows the flag.
            if wasEdge != isEdge, unit.level == OrgLevel.commune.rawValue, let code = unit.id {
                for campaign in try await Campaign.query(on: db).all() {
                    try await RollupLedgerStore.flagsChanged([.init(kind: .commune, id: code)], on: isEdge,
                                                            campaignID: try campaign.requireID(), on: db)
                }
            }
            try await Audit.record(event, on: db)
        }
    }
}
