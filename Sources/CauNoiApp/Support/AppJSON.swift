import Foundation

/// How the app writes JSON answers (`configure`).
enum AppJSON {
    /// Sorted keys: stable JSON for clients' caches, diffs and snapshot tests.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}
