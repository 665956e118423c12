import Foundation

/// Accumulates field errors so validators can keep checking after the first
/// problem instead of returning early.
public struct FieldErrors: Sendable {
    public private(set) var all: [FieldError] = []

    public init() {}

    public mutating func add(_ field: String, _ vi: String, _ en: String) {
        all.append(FieldError(field: field, message: vi, messageEN: en))
    }

    public var isEmpty: Bool { all.isEmpty }

    public func throwIfAny() throws {
        if !all.isEmpty { throw ValidationFailure(errors: all) }
    }

    /// Trimmed text, or nil after recording why it is unusable (the same rule every validator uses).
    public mutating func requireText(_ value: String?, field: String, maxLength: Int) -> String? {
        FreeText.check(value, field: field, maxLength: maxLength, required: true, errors: &self)
    }

    /// A UUID in any letter case, or nil after recording an error.
    /// Foundation's trimming bridges through NSString; ids arrive untrimmed rarely, so check the ends first.
    static func trimmed(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last,
              !first.properties.isWhitespace && !last.properties.isWhitespace else {
            return s.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return s
    }

    /// `field` is built only for an error: the batch API checks ids of every entry and volunteer (issue 16).
    public mutating func parseUUID(_ s: String?, field: @autoclosure () -> String) -> UUID? {
        let trimmed = s.map(Self.trimmed) ?? ""
        if trimmed.isEmpty {
            add(field(), "Trường này là bắt buộc", "This field is required")
            return nil
        }
        guard let uuid = UUIDText.parse(trimmed) else {
            add(field(), "Giá trị không phải UUID hợp lệ", "Not a valid UUID")
            return nil
        }
        return uuid
    }
}
