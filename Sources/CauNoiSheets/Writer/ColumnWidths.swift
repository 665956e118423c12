/// Approximate column widths so exported lists are readable without manual resizing.
enum ColumnWidths {
    static let minimum = 8
    static let maximum = 60

    /// One width per column (in Excel's "characters" unit), capped at `maximum`.
    static func fitted(header: [String], rows: [[Cell]], columnCount: Int) -> [Int] {
        var lengths = [Int](repeating: 0, count: columnCount)
        for (column, title) in header.enumerated() {
            // Bold glyphs are wider; a 10% allowance is enough at this precision.
            lengths[column] = (CellContent.longestLineLength(title) * 11 + 9) / 10
        }
        for row in rows {
            for (column, cell) in row.enumerated() where lengths[column] < maximum {
                lengths[column] = max(lengths[column], CellContent.displayLength(cell))
            }
        }
        // The +2 leaves room for cell padding and the autofilter arrow.
        return lengths.map { min(maximum, max(minimum, $0 + 2)) }
    }
}
