import CauNoiCore
import Fluent
import Foundation

/// Turns what a person typed into a unit (`UnitNameMatcher`), among the units of an area: forms take names,
/// never only codes.
enum UnitPicker {
    /// Units of the given levels inside `area` (provinces: the province and its communes).
    static func candidates(levels: Set<OrgLevel>, within area: ScopeFilter, on db: any Database) async throws -> [UnitNameMatcher.Candidate] {
        let provinceNames = try await OrgUnit.query(on: db).filter(\.$level == OrgLevel.province.rawValue).all()
            .reduce(into: [String: String]()) { $0[$1.id ?? ""] = $1.name }
        let query = OrgUnit.query(on: db).filter(\.$level ~~ levels.map(\.rawValue))
        if !area.everything {
            let provinces = Array(area.provinces), communes = Array(area.communes)
            guard !provinces.isEmpty || !communes.isEmpty else { return [] }
            query.group(.or) { or in
                if !provinces.isEmpty { or.filter(\.$provinceCode ~~ provinces).filter(\.$id ~~ provinces) }
                if !communes.isEmpty { or.filter(\.$id ~~ communes) }
            }
        }
        return try await query.all().compactMap { unit in
            guard let code = unit.id else { return nil }
            let province = unit.level == OrgLevel.province.rawValue ? "" : provinceNames[unit.provinceCode ?? ""] ?? ""
            return UnitNameMatcher.Candidate(code: code, name: unit.name, provinceName: province)
        }
    }

    /// The unit's code, or a field error (Vietnamese and English) that names the choices when several match.
    static func pick(_ text: String?, levels: Set<OrgLevel>, within area: ScopeFilter, field: String,
                     on db: any Database) async throws -> Result<String, FieldError> {
        let typed = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !typed.isEmpty else {
            return .failure(FieldError(field: field, message: "Nhập tên hoặc mã đơn vị.", messageEN: "Enter the unit's name or code."))
        }
        switch UnitNameMatcher.pick(typed, in: try await candidates(levels: levels, within: area, on: db)) {
        case .success(let unit): return .success(unit.code)
        case .failure(let problem): return .failure(FieldError(field: field, message: problem.message, messageEN: problem.messageEN))
        }
    }
}
