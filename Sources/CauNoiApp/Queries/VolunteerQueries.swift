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
        // A volunteer lies in themselves and in every team they have served in (`Places.volunteer`).
        var people = scope.volunteers
        if !scope.everything, !scope.teams.isEmpty {
            people.formUnion(try await TeamMembership.query(on: db).filter(\.$team.$id ~~ Array(scope.teams)).all().map(\.$volunteer.id))
        }
        guard scope.restrict(query, .init(province: \.$provinceCode, commune: \.$homeCommune.$id, ids: people, id: \.$id)) else {
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

    static let bulkColumns = ["id", "full_name", "name_search", "phone", "birth_year", "gender", "union_member", "affiliation",
                              "home_commune_code", "province_code", "force_type", "tech_skill", "communication_skill", "languages",
                              "has_motorbike", "consent_date", "status", "created_at", "updated_at"]

    /// The row `save` would write, for bulk loads (an import, the simulator) that have already validated.
    static func bulkRow(_ v: ValidVolunteer, id: UUID, provinceCode: String, now: Date) -> [BoundValue] {
        [.uuid(id), .text(v.fullName), .text(VietnameseText.fold(v.fullName)), .text(v.phone), v.birthYear.map(BoundValue.integer) ?? .null,
         .text(v.gender.rawValue), .bool(v.unionMember), .optional(v.affiliation), .text(v.homeCommuneCode), .text(provinceCode),
         .text(v.forceType.rawValue), .text(v.techSkill.rawValue), .text(v.communicationSkill.rawValue),
         .text(LanguageList.encode(v.languages)), .bool(v.hasMotorbike), .text(v.consentDate.iso), .text(v.status.rawValue),
         .date(now), .date(now)]
    }

    /// Inserts `bulkRow`s (their values one after another) in the caller's transaction, without SQLKit: a seed-scale
    /// load writes 300,000 of them.
    static func insertBulkRows(_ values: [BoundValue], on db: any Database) async throws {
        try await bulkInsert.run(values, on: db)
    }

    private static let bulkInsert = RawInsert(table: Volunteer.schema, columns: bulkColumns, rowsPerStatement: 1_000)
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let value): try await transform(value)
        case .none: nil
        }
    }
}
