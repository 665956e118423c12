/// Presents a numeric cell's XML text.
enum NumberText {
    /// The value as written, except that integers lose a zero fraction ("12.0" → "12"),
    /// so counts and IDs read the same whichever application saved the file.
    static func render(_ raw: String) -> String {
        guard let dot = raw.firstIndex(of: ".") else { return raw }
        let whole = raw[..<dot]
        let fraction = raw[raw.index(after: dot)...]
        let digits = whole.hasPrefix("-") ? whole.dropFirst() : whole[...]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit),
              !fraction.isEmpty, fraction.allSatisfy({ $0 == "0" }) else { return raw }
        return digits.allSatisfy({ $0 == "0" }) ? "0" : String(whole)
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
