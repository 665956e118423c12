/// One worksheet to be written by `XLSXWriter`.
public struct Sheet: Sendable, Hashable {
    /// Tab name. Sanitized on write (max 31 characters, no `[]:*?/\`, unique).
    public var name: String
    /// Bold, frozen first row. When empty, no header row is written and nothing is frozen.
    public var header: [String]
    /// Data rows, written below the header. Rows may have different lengths.
    public var rows: [[Cell]]

    public init(name: String, header: [String] = [], rows: [[Cell]] = []) {
        self.name = name
        self.header = header
        self.rows = rows
    }
}
