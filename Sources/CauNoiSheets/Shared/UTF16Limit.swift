/// Excel's length limits (31 for sheet names, 32,767 for cells) count UTF-16 units.
enum UTF16Limit {
    /// Longest prefix within `maxUTF16` units, cut on Character boundaries so that
    /// Vietnamese letters with combining marks (and emoji) are never split.
    static func truncated(_ text: String, maxUTF16: Int) -> String {
        guard text.utf16.count > maxUTF16 else { return text }
        var result = ""
        var length = 0
        for character in text {
            let width = character.utf16.count
            guard length + width <= maxUTF16 else { break }
            result.append(character)
            length += width
        }
        return result
    }
}
