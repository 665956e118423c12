/// A column of a spreadsheet people fill in: its Vietnamese header and the other headers found for it (folded).
public protocol SheetColumn: CaseIterable, Hashable {
    var header: String { get }
    var aliases: [String] { get }
}

extension SheetColumn {
    /// Which position holds each column, matching headers without accents or case ("So dien thoai", "SĐT"); the
    /// first of two headers for one column wins.
    static func index(_ header: [String]) -> [Self: Int] {
        var index: [Self: Int] = [:]
        for (i, raw) in header.enumerated() {
            let folded = VietnameseText.words(raw).joined(separator: " ")
            if let column = allCases.first(where: { VietnameseText.words($0.header).joined(separator: " ") == folded || $0.aliases.contains(folded) }),
               index[column] == nil {
                index[column] = i
            }
        }
        return index
    }
}
