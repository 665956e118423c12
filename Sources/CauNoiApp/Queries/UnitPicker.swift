import CauNoiCore
import Foundation

/// Turns what a person typed into a unit of their area (`UnitDirectory`, `UnitNameMatcher`): forms take names,
/// today's or from before 2025, never only codes.
enum UnitPicker {
    /// Whether a directory entry lies in `area` (a province: the province and its communes).
    static func admits(_ area: ScopeFilter) -> @Sendable (UnitDirectory.Entry) -> Bool {
        { entry in
            area.everything || area.provinces.contains(entry.provinceCode) || area.communes.contains(entry.unit.code)
        }
    }

    /// The unit's code, or a field error (Vietnamese and English) that names the choices when several match.
    static func pick(_ text: String?, levels: Set<OrgLevel>, within area: ScopeFilter, field: String) -> Result<String, FieldError> {
        let typed = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !typed.isEmpty else {
            return .failure(FieldError(field: field, message: "Nhập tên hoặc mã đơn vị.", messageEN: "Enter the unit's name or code."))
        }
        switch UnitDirectoryResource.directory.pick(typed, levels: levels, where: admits(area)) {
        case .success(let entry): return .success(entry.unit.code)
        case .failure(let problem): return .failure(FieldError(field: field, message: problem.message, messageEN: problem.messageEN))
        }
    }
}
