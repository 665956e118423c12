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

    /// A commune typed as its code, its name or a name from before 2025: the code (nil when nothing was typed, for
    /// the validator to call required), or the error for `field`. Looked for in `area` first, so an officer's
    /// "Ba Đình" is their own; then nationwide, where the use case's access check has the last word.
    static func commune(_ text: String?, area: ScopeFilter, field: String) -> Result<String?, FieldError> {
        let typed = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if typed.isEmpty { return .success(nil) }
        return communeCode(typed, area: area).map { $0 }
            .mapError { FieldError(field: field, message: $0.message, messageEN: $0.messageEN) }
    }

    /// The commune a non-empty text means (digits are taken as a code, for the validator to check), or why not.
    static func communeCode(_ typed: String, area: ScopeFilter) -> Result<String, UnitNameMatcher.Problem> {
        if typed.allSatisfy(\.isNumber) { return .success(typed) }
        let directory = UnitDirectoryResource.directory
        if case .success(let entry) = directory.pick(typed, levels: [.commune], where: admits(area)) { return .success(entry.unit.code) }
        return directory.pick(typed, levels: [.commune]).map(\.unit.code)
    }

    /// Several communes, one per line or separated by ";" (codes alone may also be separated by spaces or commas).
    static func communes(_ text: String?, area: ScopeFilter, field: String) -> Result<[String], FieldError> {
        var codes: [String] = []
        for piece in (text ?? "").split(whereSeparator: { $0 == ";" || $0 == "\n" || $0 == "\r" }) {
            let part = piece.trimmingCharacters(in: .whitespaces)
            if part.isEmpty { continue }
            if part.allSatisfy({ $0.isNumber || $0 == "," || $0 == " " }) {
                codes += part.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
                continue
            }
            switch commune(part, area: area, field: field) {
            case .success(let code): if let code { codes.append(code) }
            case .failure(let error):
                return .failure(FieldError(field: field, message: "“\(part)”: \(error.message)", messageEN: "\(part): \(error.messageEN)"))
            }
        }
        return .success(codes)
    }

    /// Provinces or communes, one per line or separated by ";" (codes alone may be separated by spaces or commas):
    /// the connection points of a training session. A name is looked for in `area` first ("Ba Đình" of a Hà Nội
    /// officer is theirs), then nationwide.
    static func communesOrProvinces(_ text: String?, area: ScopeFilter, field: String) -> Result<[String], FieldError> {
        var codes: [String] = []
        for piece in (text ?? "").split(whereSeparator: { $0 == ";" || $0 == "\n" || $0 == "\r" }) {
            let part = piece.trimmingCharacters(in: .whitespaces)
            if part.isEmpty { continue }
            if part.allSatisfy({ $0.isNumber || $0 == "," || $0 == " " }) {
                for code in part.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init) {
                    guard UnitDirectoryResource.directory.entry(code: code) != nil else {
                        return .failure(FieldError(field: field, message: "Không có đơn vị mã \(code).", messageEN: "No unit with code \(code)."))
                    }
                    codes.append(code)
                }
                continue
            }
            if case .success(let code) = pick(part, levels: [.province, .commune], within: area, field: field) {
                codes.append(code)
                continue
            }
            switch pick(part, levels: [.province, .commune], within: ScopeFilter(everything: true), field: field) {
            case .success(let code): codes.append(code)
            case .failure(let error):
                return .failure(FieldError(field: field, message: "“\(part)”: \(error.message)", messageEN: "\(part): \(error.messageEN)"))
            }
        }
        return .success(codes)
    }

    /// A form's commune box: a code is shown by its name (`label`), anything typed as it was.
    static func shown(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.allSatisfy(\.isNumber) else { return value }
        return label(value)
    }

    /// Codes in a list box shown as names, one per "; ".
    static func shownList(_ value: String?) -> String? {
        guard let value, value.allSatisfy({ $0.isNumber || $0 == " " || $0 == "," }) else { return value }
        return value.split(whereSeparator: { $0 == " " || $0 == "," }).map { label(String($0)) ?? String($0) }.joined(separator: "; ")
    }

    /// How a form shows a stored commune: its name and province, which `commune` reads back to the same code.
    /// Labels of many units at once ("Phường Ba Đình, Thành phố Hà Nội"), keyed by code.
    static func labels(_ codes: Set<String>) -> [String: String] {
        Dictionary(uniqueKeysWithValues: codes.map { ($0, label($0) ?? $0) })
    }

    static func label(_ code: String?) -> String? {
        guard let code, !code.isEmpty else { return code }
        return UnitDirectoryResource.directory.label(code: code) ?? code
    }
}
