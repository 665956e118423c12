import Foundation

/// Small field rules shared by the validators; each records a bilingual error and returns nil on failure.
enum CommonRules {
    static func communeCode(_ value: String?, field: String, errors: inout FieldErrors) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
            errors.add(field, "Bắt buộc nhập mã xã.", "Commune code is required.")
            return nil
        }
        guard value.count == 5, value.allSatisfy(\.isASCIIDigitCharacter) else {
            errors.add(field, "Mã xã phải gồm đúng 5 chữ số (mã Tổng cục Thống kê), ví dụ 00070.",
                       "A commune code is exactly 5 digits (GSO code), e.g. 00070.")
            return nil
        }
        return value
    }

    static func enumValue<E: RawRepresentable & CaseIterable>(
        _ value: String?, _ type: E.Type, field: String, default fallback: E? = nil, errors: inout FieldErrors
    ) -> E? where E.RawValue == String {
        guard let value, !value.isEmpty else {
            if let fallback { return fallback }
            errors.add(field, "Bắt buộc chọn.", "Required.")
            return nil
        }
        guard let parsed = E(rawValue: value) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            errors.add(field, "Giá trị \"\(value)\" không hợp lệ; chọn một trong: \(allowed).",
                       "Invalid value \"\(value)\"; use one of: \(allowed).")
            return nil
        }
        return parsed
    }

    static func languages(_ values: [String]?, field: String, errors: inout FieldErrors) -> [Language]? {
        var result = Set<Language>()
        for (index, raw) in (values ?? []).enumerated() {
            guard let language = Language(rawValue: raw) else {
                errors.add("\(field)[\(index)]", "Ngôn ngữ \"\(raw)\" không có trong danh mục.", "Unknown language \"\(raw)\".")
                continue
            }
            result.insert(language)
        }
        return result.sorted { $0.rawValue < $1.rawValue }
    }

    /// A date that must exist and not lie in the future.
    static func pastDate(_ value: String?, field: String, today: LocalDate, required: Bool, errors: inout FieldErrors) -> LocalDate? {
        guard let date = date(value, field: field, required: required, errors: &errors) else { return nil }
        if date > today {
            errors.add(field, "Ngày \(date.longVietnamese) nằm trong tương lai.", "Date \(date.iso) is in the future.")
            return nil
        }
        return date
    }

    static func date(_ value: String?, field: String, required: Bool, errors: inout FieldErrors) -> LocalDate? {
        guard let value, !value.isEmpty else {
            if required { errors.add(field, "Bắt buộc nhập ngày (YYYY-MM-DD).", "Date is required (YYYY-MM-DD).") }
            return nil
        }
        guard let date = LocalDate(iso: value) else {
            errors.add(field, "Ngày không hợp lệ, cần dạng YYYY-MM-DD.", "Invalid date; use YYYY-MM-DD.")
            return nil
        }
        return date
    }

    /// Public hotlines may be landlines (02x…, 11 digits), mobiles or short numbers; stored as plain digits.
    static func hotline(_ value: String?, field: String, errors: inout FieldErrors) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let mobile = VietnamesePhone.normalise(value) { return mobile }
        let digits = value.filter(\.isASCIIDigitCharacter)
        let shapeOK = value.allSatisfy { $0.isASCIIDigitCharacter || " .-()".contains($0) }
        if shapeOK, digits.hasPrefix("0"), (8...11).contains(digits.count) { return digits }
        if shapeOK, digits.hasPrefix("1"), (4...5).contains(digits.count) { return digits }
        errors.add(field, "Số đường dây nóng không hợp lệ.", "Invalid hotline number.")
        return nil
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}
