import CauNoiCore
import Fluent
import SQLKit
import Vapor

enum VolunteerQueries {
    struct Filter: Sendable, Equatable {
        var commune: String?
        var province: String?
        var text: String?
        var status: VolunteerStatus?
        var page = 1
        var per = 50
    }

    static let maxPer = 200

    static func require(_ id: UUID, on db: any Database) async throws -> Volunteer {
        guard let volunteer = try await Volunteer.find(id, on: db) else {
            throw AppError.notFound("tình nguyện viên", "volunteer", id.uuidString.lowercased())
        }
        return volunteer
    }

    static func courses(of id: UUID, on db: any Database) async throws -> [CourseCompletion] {
        try await CourseCompletion.query(on: db).filter(\.$volunteer.$id == id).all()
    }

    static func list(_ filter: Filter, scope: ScopeFilter, on db: any Database) async throws -> (items: [Volunteer], total: Int) {
        let query = Volunteer.query(on: db)
        // A volunteer lies in every team they have served in (`Places.volunteer`).
        let members = scope.everything || scope.teams.isEmpty ? [] : Set(try await TeamMembership.query(on: db)
            .filter(\.$team.$id ~~ Array(scope.teams)).all().map(\.$volunteer.id))
        guard scope.restrict(query, .init(province: \.$provinceCode, commune: \.$homeCommune.$id, volunteer: \.$id, extraIDs: members)) else {
            return ([], 0)
        }
        if let commune = filter.commune { query.filter(\.$homeCommune.$id == commune) }
        if let province = filter.province { query.filter(\.$provinceCode == province) }
        if let status = filter.status { query.filter(\.$status == status.rawValue) }
        if let text = filter.text {
            for token in OrgUnitQueries.searchTokens(text) {
                query.filter(\.$nameSearch, .contains(inverse: false, .anywhere), token)
            }
        }
        let total = try await query.count()
        let items = try await query.sort(\.$nameSearch).sort(\.$id)
            .range(((filter.page - 1) * filter.per)..<(filter.page * filter.per)).all()
        return (items, total)
    }

    /// Creates or replaces a volunteer after checking what only the database knows.
    static func save(_ valid: ValidVolunteer, id: UUID?, audit: AuditEvent, on db: any Database) async throws -> Volunteer {
        guard let provinceCode = try await OrgUnitQueries.communes([valid.homeCommuneCode], on: db)[valid.homeCommuneCode] else {
            throw AppError.validation([FieldError(
                field: "home_commune_code", message: "Không tìm thấy xã \(valid.homeCommuneCode).",
                messageEN: "No commune \(valid.homeCommuneCode).")])
        }
        let volunteer = try await id.asyncMap { try await require($0, on: db) } ?? Volunteer()
        if try await phoneTaken(valid.phone, except: id, on: db) { throw phoneConflict }
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
        do {
            let event = audit.object("volunteer", volunteer.id?.uuidString.lowercased(), province: provinceCode)
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

    static let bulkColumns = ["id", "full_name", "name_search", "phone", "birth_year", "gender", "union_member", "affiliation",
                              "home_commune_code", "province_code", "force_type", "tech_skill", "communication_skill", "languages",
                              "has_motorbike", "consent_date", "status", "created_at", "updated_at"]

    /// The row `save` would write, for bulk loads (the simulator) that have already validated.
    static func bulkRow(_ v: ValidVolunteer, id: UUID, provinceCode: String, now: Date) -> [any SQLExpression] {
        return [SQLBind(id), SQLBind(v.fullName), SQLBind(VietnameseText.fold(v.fullName)), SQLBind(v.phone), SQLBind(v.birthYear),
                SQLBind(v.gender.rawValue), SQLBind(v.unionMember), SQLBind(v.affiliation), SQLBind(v.homeCommuneCode), SQLBind(provinceCode),
                SQLBind(v.forceType.rawValue), SQLBind(v.techSkill.rawValue), SQLBind(v.communicationSkill.rawValue),
                SQLBind(LanguageList.encode(v.languages)), SQLBind(v.hasMotorbike), SQLBind(v.consentDate.iso), SQLBind(v.status.rawValue),
                SQLBind(now), SQLBind(now)]
    }

    static func bulkInsert(_ rows: [[any SQLExpression]], on db: any Database) async throws {
        guard !rows.isEmpty else { return }
        try await db.writeTransaction { db in
            for chunk in rows.chunked(into: 1_000) {
                try await db.sql.insert(into: Volunteer.schema).columns(bulkColumns).rows(Array(chunk)).run()
            }
        }
    }

    private static func phoneTaken(_ phone: String, except id: UUID?, on db: any Database) async throws -> Bool {
        let query = Volunteer.query(on: db).filter(\.$phone == phone)
        if let id { query.filter(\.$id != id) }
        return try await query.count() > 0
    }

    private static let phoneConflict = AppError.conflict(
        field: "phone", vi: "Số điện thoại này đã được đăng ký cho một tình nguyện viên khác.",
        en: "This phone number is already registered to another volunteer.")

    static func recordCourse(_ completion: ValidCourseCompletion, volunteerID: UUID, audit: AuditEvent, on db: any Database) async throws -> CourseCompletion {
        let volunteer = try await require(volunteerID, on: db)
        let row = try await CourseCompletion.query(on: db)
            .filter(\.$volunteer.$id == volunteerID).filter(\.$courseCode == completion.courseCode).first()
            ?? CourseCompletion()
        if row.id == nil { row.id = UUIDv7.make() }
        row.$volunteer.id = volunteerID
        row.courseCode = completion.courseCode
        row.completedOn = completion.completedOn.iso
        row.certificateNo = completion.certificateNo
        row.source = completion.source
        let event = audit.object("volunteer", volunteerID.uuidString.lowercased(), province: volunteer.provinceCode)
        try await db.writeTransaction { db in
            try await RollupLedgerStore.lock(on: db)
            let before = try await RollupLedgerStore.trainingStatus(volunteerID: volunteerID, on: db)
            try await row.save(on: db)
            let after = try await RollupLedgerStore.trainingStatus(volunteerID: volunteerID, on: db)
            for (campaignID, trained) in after where before[campaignID] != trained {
                try await RollupLedgerStore.flagChanged(.init(kind: .volunteer, id: volunteerID.uuidString.lowercased()), on: trained,
                                                        campaignID: campaignID, on: db)
            }
            try await Audit.record(event, on: db)
        }
        return row
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let value): try await transform(value)
        case .none: nil
        }
    }
}
