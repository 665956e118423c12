/// How much a workbook may make the reader do, checked while streaming, so a small hostile file
/// (a few hundred KB declaring millions of cells, or a ZIP bomb) is refused in a fraction of a
/// second instead of after minutes and gigabytes.
public struct XLSXLimits: Sendable, Equatable {
    /// Decompressed bytes of any one part.
    public var maxPartBytes: Int
    /// Decompressed bytes of all parts read together.
    public var maxTotalBytes: Int
    /// `<c>` elements seen in the worksheet, empty ones included: each costs parsing time.
    public var maxCells: Int
    /// Highest row number (1-based) a cell may sit in.
    public var maxRows: Int
    /// Highest column number (1-based) a cell may sit in.
    public var maxColumns: Int
    /// Entries in the shared-strings table.
    public var maxSharedStrings: Int

    public init(maxPartBytes: Int, maxTotalBytes: Int, maxCells: Int, maxRows: Int, maxColumns: Int, maxSharedStrings: Int) {
        self.maxPartBytes = maxPartBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxCells = maxCells
        self.maxRows = maxRows
        self.maxColumns = maxColumns
        self.maxSharedStrings = maxSharedStrings
    }

    /// What Excel itself allows, with a 256 MB part cap: for trusted files.
    public static let excel = XLSXLimits(
        maxPartBytes: 256 * 1024 * 1024, maxTotalBytes: 512 * 1024 * 1024, maxCells: 10_000_000,
        maxRows: CellReference.maxRows, maxColumns: CellReference.maxColumns, maxSharedStrings: 10_000_000)
}
