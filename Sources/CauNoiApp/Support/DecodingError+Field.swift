import CauNoiCore
import Foundation

extension DecodingError {
    /// The JSON path of the offending value, in the same notation as validation errors: `entries[3].counts`.
    var fieldPath: String {
        let path: [any CodingKey]
        switch self {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
        case .keyNotFound(let key, let context):
            path = context.codingPath + [key]
        @unknown default:
            path = []
        }
        return Self.render(path)
    }

    static func render(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return out.isEmpty ? "body" : out
    }

    var fieldError: FieldError {
        let field = fieldPath
        switch self {
        case .typeMismatch(let type, _):
            let expected = Self.describe(type)
            return FieldError(field: field, message: "Sai kiểu dữ liệu: cần \(expected.vi).", messageEN: "Wrong type: expected \(expected.en).")
        case .valueNotFound(let type, _):
            let expected = Self.describe(type)
            return FieldError(field: field, message: "Thiếu giá trị: cần \(expected.vi).", messageEN: "Missing value: expected \(expected.en).")
        case .keyNotFound:
            return FieldError(field: field, message: "Thiếu trường bắt buộc.", messageEN: "Required field is missing.")
        case .dataCorrupted:
            return FieldError(
                field: field,
                message: "Nội dung không phải JSON UTF-8 hợp lệ.",
                messageEN: "The body is not valid UTF-8 JSON.")
        @unknown default:
            return FieldError(field: field, message: "Dữ liệu không đọc được.", messageEN: "Unreadable data.")
        }
    }

    private static func describe(_ type: Any.Type) -> (vi: String, en: String) {
        let name = String(describing: type)
        if name.contains("Int") || name.contains("Double") { return ("số", "a number") }
        if name.contains("Bool") { return ("true/false", "a boolean") }
        if name.contains("String") { return ("chuỗi ký tự", "a string") }
        if name.hasPrefix("Array") { return ("danh sách", "an array") }
        if name.hasPrefix("Dictionary") { return ("đối tượng", "an object") }
        return ("đúng định dạng", "the documented shape")
    }
}
