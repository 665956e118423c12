import CauNoiCore
import Fluent
import Vapor

struct OrgUnitController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.apiOrgUnits, use: list)
        routes.on(.apiOrgUnit, use: show)
        routes.on(.apiOrgUnitEdit, use: updateAttributes)
    }

    struct ListParameters: Content {
        var level: String?
        var parent: String?
        var q: String?
        var limit: Int?
    }

    @Sendable
    func list(req: Request) async throws -> OrgUnitListDTO {
        let parameters = try req.query.decode(ListParameters.self)
        var errors = FieldErrors()
        var filter = OrgUnitQueries.Filter()
        if let raw = parameters.level, !raw.isEmpty {
            filter.level = OrgLevel(rawValue: raw)
            if filter.level == nil {
                errors.add("level", "Cấp phải là national, province hoặc commune.", "level must be national, province or commune.")
            }
        }
        if let limit = parameters.limit {
            if (1...OrgUnitQueries.maxLimit).contains(limit) { filter.limit = limit } else {
                errors.add("limit", "limit phải từ 1 đến \(OrgUnitQueries.maxLimit).", "limit must be 1–\(OrgUnitQueries.maxLimit).")
            }
        }
        if let q = parameters.q, q.precomposedStringWithCanonicalMapping.unicodeScalars.count > 100 {
            errors.add("q", "Từ khóa tìm kiếm dài quá 100 ký tự.", "Search text is longer than 100 characters.")
        }
        try errors.throwIfAny()
        if let parent = parameters.parent, !parent.isEmpty {
            _ = try await OrgUnitQueries.require(parent, on: req.db)
            filter.parent = parent
        }
        filter.text = parameters.q.flatMap { $0.isEmpty ? nil : $0 }
        let units = try await OrgUnitQueries.list(filter, on: req.db)
        return OrgUnitListDTO(items: units.map(OrgUnitDTO.init), count: units.count)
    }

    @Sendable
    func show(req: Request) async throws -> OrgUnitDTO {
        OrgUnitDTO(try await OrgUnitQueries.require(req.parameters.get("code") ?? "", on: req.db))
    }

    @Sendable
    func updateAttributes(req: Request) async throws -> OrgUnitDTO {
        let actor = try req.actor()
        let code = req.parameters.get("code") ?? ""
        let unit = try await EditUnitAttributes.run(code: code, try req.content.decode(UnitAttributesDraft.self), actor: actor, on: req.db)
        return OrgUnitDTO(unit)
    }
}
