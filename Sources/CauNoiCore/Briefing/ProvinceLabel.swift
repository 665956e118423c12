/// Short province names that fit a map tile.
enum ProvinceLabel {
    /// Longest name, in characters, written out in full on a tile.
    static let maxFullLength = 9

    /// Drops "Thành phố" / "Tỉnh", keeps names up to 9 characters ("Hải
    /// Phòng"), shortens longer two-word names the way newspapers do
    /// ("Q.Ninh", "T.Nguyên") and longer names to initials ("HCM").
    static func short(_ name: String) -> String {
        var words = name.split(whereSeparator: \.isWhitespace).map(String.init)
        if words.count > 2, words[0...1].map(VietnameseText.fold) == ["thanh", "pho"] {
            words.removeFirst(2)
        } else if words.count > 1, VietnameseText.fold(words[0]) == "tinh" {
            words.removeFirst()
        }
        let plain = words.joined(separator: " ")
        guard plain.count > maxFullLength, words.count > 1 else { return plain }
        let initials = words.map { $0.prefix(1).uppercased() }
        if words.count == 2 { return initials[0] + "." + words[1] }
        return initials.joined()
    }
}
