/// One value in a written worksheet.
///
/// Kept deliberately small: the server exports lists (names, phone numbers, counts),
/// so text and numbers cover every column we produce.
public enum Cell: Sendable, Hashable {
    /// Always written as a string, even when it looks like a number or a formula.
    case text(String)
    /// Written as a numeric cell; non-finite values become the `#NUM!` error cell
    /// because OOXML cannot store NaN or infinity.
    case number(Double)
    case integer(Int)
    /// Omitted from the XML, as Excel itself does.
    case empty
}
