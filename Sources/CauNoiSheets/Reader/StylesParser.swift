import Foundation

/// Parses `xl/styles.xml` into a format kind per `cellXfs` index (a cell's `s` attribute).
final class StylesParser: XMLEventHandler {
    private var customFormats: [Int: String] = [:]
    private var cellFormatIDs: [Int] = []
    private var inCellXfs = false

    /// Kinds indexed by the cell style index.
    static func parse(_ data: Data, part: String) throws -> [NumberFormatKind] {
        let parser = StylesParser()
        try XMLEvents.parse(data, part: part, into: parser)
        // numFmts normally precede cellXfs, but resolving afterwards does not depend on order.
        return parser.cellFormatIDs.map { id in
            if let code = parser.customFormats[id] { return NumberFormatKind.classify(code) }
            return NumberFormatKind.builtIn(id)
        }
    }

    func start(_ name: String, attributes: [String: String]) throws {
        switch name {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] {
                customFormats[id] = code
            }
        case "cellXfs":
            inCellXfs = true
        case "xf" where inCellXfs:
            // cellStyleXfs also holds <xf>; only cellXfs is what `s=` indexes.
            cellFormatIDs.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default:
            break
        }
    }

    func end(_ name: String) throws {
        if name == "cellXfs" { inCellXfs = false }
    }

    func text(_ string: String) {}
}
