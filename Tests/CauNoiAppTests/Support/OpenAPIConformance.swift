import Foundation
import Testing
import Vapor
import VaporTesting

/// Checks every API answer the tests receive against `/openapi.json`: the status must be documented for
/// that operation, and a JSON body must match the documented schema *strictly* — a property the
/// document does not name is a failure, so a field added to a response without documenting it fails
/// whichever test first sees it. `Application.send` calls this for every request it makes.
enum OpenAPIConformance {
    /// The document as the server ships it.
    /// Read once and never changed afterwards, so sharing it across test tasks is safe.
    nonisolated(unsafe) static let document: [String: Any] = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/CauNoiApp/Resources/openapi.json")
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }()

    private static var paths: [String: [String: Any]] { document["paths"] as? [String: [String: Any]] ?? [:] }
    private static var schemas: [String: Any] { (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:] }

    /// Problems with one answer; empty when it conforms or the path is not an API operation.
    static func problems(method: HTTPMethod, path rawPath: String, status: HTTPStatus, contentType: String?, body: Data) -> [String] {
        let path = "/" + (rawPath.split(separator: "?").first.map(String.init) ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        guard path.hasPrefix("/api/") || path == "/healthz",
              // A literal path ("/volunteers/template.xlsx") wins over a template ("/volunteers/{id}"), as in the router.
              let template = paths.keys.filter({ matches($0, path) }).min(by: { $0.filter { $0 == "{" }.count < $1.filter { $0 == "{" }.count }),
              let operation = paths[template]?[method.rawValue.lowercased()] as? [String: Any] else { return [] }
        let where_ = "\(method.rawValue) \(template) → \(status.code)"
        let responses = operation["responses"] as? [String: Any] ?? [:]
        guard let response = (responses[String(status.code)] ?? responses["default"]) as? [String: Any] else {
            return ["\(where_): status not documented (documented: \(responses.keys.sorted().joined(separator: ", ")))"]
        }
        guard let content = response["content"] as? [String: Any] else { return [] }
        guard let type = contentType?.split(separator: ";").first.map({ $0.trimmingCharacters(in: .whitespaces) }) else {
            return body.isEmpty ? [] : ["\(where_): body without a content type"]
        }
        guard let media = content[type] as? [String: Any] else {
            return ["\(where_): content type \(type) not documented (documented: \(content.keys.sorted().joined(separator: ", ")))"]
        }
        guard type == "application/json", let schema = media["schema"] else { return [] }
        guard let value = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else {
            return ["\(where_): body is not JSON"]
        }
        var found: [String] = []
        validate(value, against: schema, at: "body", problems: &found)
        return found.prefix(10).map { "\(where_): \($0)" }
    }

    static func matches(_ template: String, _ path: String) -> Bool {
        let t = template.split(separator: "/"), p = path.split(separator: "/")
        guard t.count == p.count else { return false }
        return zip(t, p).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
    }

    /// The subset of JSON Schema the document uses: $ref, type, nullable, properties (strict), required,
    /// items, enum, anyOf/oneOf/allOf.
    static func validate(_ value: Any, against raw: Any, at path: String, problems: inout [String]) {
        guard var schema = raw as? [String: Any] else { return }
        if let ref = schema["$ref"] as? String {
            let name = String(ref.split(separator: "/").last ?? "")
            guard let target = schemas[name] else { problems.append("\(path): unknown schema \(ref)"); return }
            schema = target as? [String: Any] ?? [:]
        }
        if value is NSNull {
            if schema["nullable"] as? Bool != true, schema["type"] != nil { problems.append("\(path): null where the document says \(schema["type"]!)") }
            return
        }
        for key in ["anyOf", "oneOf"] {
            if let options = schema[key] as? [Any] {
                let passing = options.filter { option in
                    var sub: [String] = []
                    validate(value, against: option, at: path, problems: &sub)
                    return sub.isEmpty
                }
                if passing.isEmpty { problems.append("\(path): matches none of \(key)") }
                return
            }
        }
        if let all = schema["allOf"] as? [Any] {
            for option in all { validate(value, against: option, at: path, problems: &problems) }
            return
        }
        if let allowed = schema["enum"] as? [Any], let text = value as? String,
           !allowed.contains(where: { ($0 as? String) == text }) {
            problems.append("\(path): \"\(text)\" not in the documented enum")
        }
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else { problems.append("\(path): expected an object"); return }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                problems.append("\(path).\(name): required but missing")
            }
            let additional = schema["additionalProperties"]
            for (name, item) in object {
                if let property = properties[name] {
                    validate(item, against: property, at: "\(path).\(name)", problems: &problems)
                } else if let additional = additional as? [String: Any] {
                    validate(item, against: additional, at: "\(path).\(name)", problems: &problems)
                } else if additional as? Bool != true {
                    problems.append("\(path).\(name): not documented")
                }
            }
        case "array":
            guard let array = value as? [Any] else { problems.append("\(path): expected an array"); return }
            if let items = schema["items"] {
                for (index, item) in array.enumerated() { validate(item, against: items, at: "\(path)[\(index)]", problems: &problems) }
            }
        case "string":
            if !(value is String) { problems.append("\(path): expected a string") }
        case "integer":
            guard let number = value as? NSNumber, !isBool(value), number.doubleValue == number.doubleValue.rounded() else {
                problems.append("\(path): expected an integer"); return
            }
        case "number":
            if !(value is NSNumber) || isBool(value) { problems.append("\(path): expected a number") }
        case "boolean":
            if !isBool(value) { problems.append("\(path): expected a boolean") }
        default:
            break
        }
    }

    /// Foundation on Linux hands JSON booleans back as `__NSCFBoolean`, and `1 is Bool` is true there.
    private static func isBool(_ value: Any) -> Bool {
        String(describing: type(of: value)) == "__NSCFBoolean"
    }
}
