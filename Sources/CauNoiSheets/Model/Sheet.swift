/// One worksheet to be written by `XLSXWriter`.
public struct Sheet: Sendable, Hashable {
    /// Tab name. Sanitized on write (max 31 characters, no `[]:*?/\`, unique).
    public var name: String
    /// Bold, frozen first row. When empty, no header row is written and nothing is frozen.
    public var header: [String]
    /// Data rows, written below the header. Rows may have different lengths.
    public var rows: [[Cell]]
    /// Drop-down lists: cells of a column that take one of a list's values.
    public var lists: [ListValidation]

    public init(name: String, header: [String] = [], rows: [[Cell]] = [], lists: [ListValidation] = []) {
        self.name = name
        self.header = header
        self.rows = rows
        self.lists = lists
    }
}

/// A drop-down on rows `firstRow...lastRow` (1-based) of a column (0-based), its values read from a range of
/// another sheet (`'Danh mục'!$A$2:$A$5`): a list typed in the formula cannot hold commas.
public struct ListValidation: Sendable, Hashable {
    public var column: Int
    public var firstRow: Int
    public var lastRow: Int
    public var source: String
    /// Shown when a value outside the list is typed.
    public var error: String

    public init(column: Int, firstRow: Int, lastRow: Int, source: String, error: String) {
        self.column = column
        self.firstRow = firstRow
        self.lastRow = lastRow
        self.source = source
        self.error = error
    }
}
