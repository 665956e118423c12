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
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let value): try await transform(value)
        case .none: nil
        }
    }
}
