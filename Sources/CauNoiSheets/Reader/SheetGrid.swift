/// Sparse-then-rectangular cell storage for a worksheet being read.
struct SheetGrid {
    /// Cap on cells held (and on the padded result), so a hostile file cannot exhaust memory
    /// by referencing far-away cells such as XFD1048576.
    static let maxCells = 10_000_000

    private var rows: [[String]] = []
    private var allocatedCells = 0

    /// Stores a non-empty value; empty values need no storage because gaps become "".
    mutating func set(_ value: String, row: Int, column: Int) throws {
        guard !value.isEmpty else { return }
        if rows.count <= row {
            rows.append(contentsOf: repeatElement([], count: row + 1 - rows.count))
        }
        let missing = column + 1 - rows[row].count
        if missing > 0 {
            allocatedCells += missing
            guard allocatedCells <= Self.maxCells else { throw XLSXError.tooLarge }
            rows[row].append(contentsOf: repeatElement("", count: missing))
        }
        rows[row][column] = value
    }

    /// Every row padded to the widest row; trailing empty rows dropped (Excel often writes
    /// formatted but empty rows at the end).
    func rectangular() throws -> [[String]] {
        guard let lastRow = rows.lastIndex(where: { !$0.isEmpty }) else { return [] }
        let used = rows[...lastRow]
        let width = used.lazy.map(\.count).max() ?? 0
        guard used.count * width <= Self.maxCells else {
            throw XLSXError.tooLarge
        }
        return used.map { row in
            row.count == width ? row : row + repeatElement("", count: width - row.count)
        }
    }
}
