import Foundation

/// Parses `xl/workbook.xml`: the tab list and the date system.
final class WorkbookParser: XMLEventHandler {
    struct SheetEntry: Equatable {
        var name: String
        var relationshipID: String?
    }

    private(set) var sheets: [SheetEntry] = []
    /// Mac Excel's legacy 1904 date system shifts every serial date by 1,462 days.
    private(set) var uses1904Dates = false
    /// Whether the root element is a SpreadsheetML `<workbook>`.
    private(set) var isSpreadsheet = false
    private var sawRoot = false

    static func parse(_ data: Data, part: String) throws -> WorkbookParser {
        let parser = WorkbookParser()
        try XMLEvents.parse(data, part: part, into: parser)
        return parser
    }

    func start(_ name: String, attributes: [String: String]) throws {
        if !sawRoot {
            sawRoot = true
            isSpreadsheet = name == "workbook"
        }
        switch name {
        case "workbookPr":
            let value = attributes["date1904"]?.lowercased()
            uses1904Dates = value == "1" || value == "true"
        case "sheet":
            sheets.append(SheetEntry(name: attributes["name"] ?? "",
                                     relationshipID: XMLEvents.attribute("id", in: attributes)))
        default:
            break
        }
    }

    func end(_ name: String) throws {}
    func text(_ string: String) {}
}
