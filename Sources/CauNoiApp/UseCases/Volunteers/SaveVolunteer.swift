import CauNoiCore
import Fluent
import Foundation

/// Registers a volunteer (id nil) or changes one: write rights on where they are and where they would
/// be, a known commune, a phone nobody else has; written and audited together.
enum SaveVolunteer {
    static func run(_ draft: VolunteerDraft, id: UUID?, actor: Actor, on db: any Database) async throws -> Volunteer {
        let existing = try await id.asyncMap { try await requireWritable($0, actor: actor, on: db) }
        let valid = try VolunteerValidator.validate(draft, today: actor.today).get()
        guard let provinceCode = try await OrgUnitQueries.communes([valid.homeCommuneCode], on: db)[valid.homeCommuneCode] else {
            throw AppError.validation([FieldError(
                field: "home_commune_code", message: "Không tìm thấy xã \(valid.homeCommuneCode).",
                messageEN: "No commune \(valid.homeCommuneCode).")])
        }
        // Registering someone in a commune needs write rights there.
        try await Access.require(.writeVolunteer, on: RecordPlace(provinceCode: provinceCode, communeCodes: [valid.homeCommuneCode]),
                                 .volunteer, id: id?.uuidString.lowercased(), deny: .refuse, actor: actor, on: db)
        if try await phoneTaken(valid.phone, except: id, on: db) { throw phoneConflict }
        let volunteer = existing ?? Volunteer()
        if volunteer.id == nil { volunteer.id = UUIDv7.make() }
        volunteer.fullName = valid.fullName
        volunteer.nameSearch = VietnameseText.fold(valid.fullName)
        volunteer.phone = valid.phone
        volunteer.birthYear = valid.birthYear
        volunteer.gender = valid.gender.rawValue
        volunteer.unionMember = valid.unionMember
        volunteer.affiliation = valid.affiliation
        volunteer.$homeCommune.id = valid.homeCommuneCode
        volunteer.provinceCode = provinceCode
        volunteer.forceType = valid.forceType.rawValue
        volunteer.techSkill = valid.techSkill.rawValue
        volunteer.communicationSkill = valid.communicationSkill.rawValue
        volunteer.languages = LanguageList.encode(valid.languages)
        volunteer.hasMotorbike = valid.hasMotorbike
        volunteer.consentDate = valid.consentDate.iso
        volunteer.status = valid.status.rawValue
        let event = actor.event(id == nil ? "volunteer.create" : "volunteer.update", .volunteer, volunteer.id?.uuidString.lowercased(),
                                province: provinceCode)
        do {
            try await db.writeTransaction { db in
                try await volunteer.save(on: db)
                try await Audit.record(event, on: db)
            }
        } catch {
            // Two requests registering the same phone at once: the unique index decides.
            if try await phoneTaken(valid.phone, except: volunteer.id, on: db) { throw phoneConflict }
            throw error
        }
        return volunteer
    }

    /// The volunteer, if the actor may change them (404 for someone they cannot see, 403 otherwise).
    static func requireWritable(_ id: UUID, actor: Actor, on db: any Database) async throws -> Volunteer {
        let existing = try await VolunteerQueries.require(id, on: db)
        try await Access.require(.writeVolunteer, on: Places.home(of: existing), .volunteer, id: id.uuidString.lowercased(),
                                 deny: .forbid, actor: actor, on: db)
        return existing
    }

    private static func phoneTaken(_ phone: String, except id: UUID?, on db: any Database) async throws -> Bool {
        let query = Volunteer.query(on: db).filter(\.$phone == phone)
        if let id { query.filter(\.$id != id) }
        return try await query.count() > 0
    }

    private static let phoneConflict = AppError.conflict(
        field: "phone", vi: "Số điện thoại này đã được đăng ký cho một tình nguyện viên khác.",
        en: "This phone number is already registered to another volunteer.")
}
