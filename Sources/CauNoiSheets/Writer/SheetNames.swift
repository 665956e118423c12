/// Makes user-supplied tab names acceptable to Excel, which rejects the whole file otherwise.
enum SheetNames {
    static let maxLength = 31
    private static let forbidden: Set<Unicode.Scalar> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// Sanitized, case-insensitively unique names in the same order.
    static func sanitize(_ names: [String]) -> [String] {
        var used: Set<String> = []
        return names.enumerated().map { index, name in
            let base = clean(name, fallback: "Sheet\(index + 1)")
            var candidate = base
            var suffixNumber = 2
            // Excel compares tab names case-insensitively.
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(suffixNumber))"
                candidate = UTF16Limit.truncated(base, maxUTF16: maxLength - suffix.utf16.count) + suffix
                suffixNumber += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }

    private static func clean(_ name: String, fallback: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: name.unicodeScalars.filter {
            !forbidden.contains($0) && XMLText.isLegal($0) && $0.value >= 0x20
        })
        var cleaned = String(scalars)
        // Excel forbids an apostrophe at either end (it quotes sheet names in formulas).
        while cleaned.hasPrefix("'") { cleaned.removeFirst() }
        while cleaned.hasSuffix("'") { cleaned.removeLast() }
        cleaned = UTF16Limit.truncated(cleaned, maxUTF16: maxLength)
        while cleaned.hasSuffix("'") { cleaned.removeLast() }
        if cleaned.allSatisfy(\.isWhitespace) { return fallback }
        // "History" is reserved by Excel's change tracking.
        if cleaned.lowercased() == "history" { return cleaned + "_" }
        return cleaned
    }
}
