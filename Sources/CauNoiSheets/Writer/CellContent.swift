/// How a single `Cell` value is turned into worksheet text.
enum CellContent {
    /// Excel refuses (repairs) cells longer than this many UTF-16 units.
    static let maxTextLength = 32_767

    /// Text made safe for a cell: illegal XML characters removed, length capped.
    static func prepared(_ text: String) -> String {
        UTF16Limit.truncated(XMLText.strippingIllegal(text), maxUTF16: maxTextLength)
    }

    /// Integral values are written without a fraction so readers do not see "3.0";
    /// everything else uses Swift's shortest round-tripping form, which is valid xsd:double.
    /// Returns nil for NaN and infinity, which OOXML cannot store.
    static func numberText(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        // Below 2^53 every integral Double is exact, so the integer spelling loses nothing.
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    /// Text that a spreadsheet would treat as a formula if typed in: flagged so it stays text.
    static func looksLikeFormula(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return first == "=" || first == "+" || first == "-" || first == "@"
    }

    /// `xml:space="preserve"` is needed when edge whitespace would otherwise be trimmed.
    static func needsSpacePreserve(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        return isXMLSpace(first) || isXMLSpace(last)
    }

    private static func isXMLSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    /// Rough on-screen width in characters, used only for column sizing.
    static func displayLength(_ cell: Cell) -> Int {
        switch cell {
        case .text(let text): return longestLineLength(text)
        case .number(let value): return numberText(value)?.count ?? 6
        case .integer(let value): return String(value).count
        case .empty: return 0
        }
    }

    static func longestLineLength(_ text: String) -> Int {
        var longest = 0
        var current = 0
        for character in text {
            if character.isNewline {
                longest = max(longest, current)
                current = 0
            } else {
                current += 1
            }
        }
        return max(longest, current)
    }
}
