import Foundation

/// Streams a worksheet part into a `SheetGrid`, resolving each cell to display text.
final class WorksheetParser: XMLEventHandler {
    private enum Capture { case none, value, inlineText }

    private let sharedStrings: [String]
    private let formats: [NumberFormatKind]
    private let uses1904Dates: Bool
    private var grid = SheetGrid()

    private var inSheetData = false
    private var rowIndex = -1
    private var nextRowIndex = 0
    private var nextColumn = 0

    private var cellColumn = 0
    private var cellType: String?
    private var cellStyle = 0
    private var value = ""
    private var inlineText = ""
    private var sawInlineString = false
    private var inInlineString = false
    private var phoneticDepth = 0
    private var capture = Capture.none

    private let limits: XLSXLimits
    private var cellsSeen = 0

    private init(sharedStrings: [String], formats: [NumberFormatKind], uses1904Dates: Bool, limits: XLSXLimits) {
        self.limits = limits
        self.sharedStrings = sharedStrings
        self.formats = formats
        self.uses1904Dates = uses1904Dates
    }

    static func rows(_ data: Data, part: String, sharedStrings: [String],
                     formats: [NumberFormatKind], uses1904Dates: Bool, limits: XLSXLimits = .excel) throws -> [[String]] {
        let parser = WorksheetParser(sharedStrings: sharedStrings, formats: formats, uses1904Dates: uses1904Dates, limits: limits)
        try XMLEvents.parse(data, part: part, into: parser)
        return try parser.grid.rectangular()
    }

    func start(_ name: String, attributes: [String: String]) throws {
        if name == "sheetData" { inSheetData = true }
        guard inSheetData else { return }
        switch name {
        case "row":
            if let reference = attributes["r"] {
                guard let number = Int(reference), (1...CellReference.maxRows).contains(number) else {
                    throw InvalidContent()
                }
                rowIndex = number - 1
            } else {
                rowIndex = nextRowIndex
            }
            guard rowIndex < CellReference.maxRows else { throw InvalidContent() }
            guard rowIndex < limits.maxRows else { throw XLSXError.tooLarge }
            nextColumn = 0
        case "c":
            guard rowIndex >= 0 else { throw InvalidContent() }
            // Counted before anything else: empty cells cost parsing time too.
            cellsSeen += 1
            guard cellsSeen <= limits.maxCells else { throw XLSXError.tooLarge }
            if let reference = attributes["r"] {
                // Excel omits empty cells, so the reference is the only reliable position.
                guard let position = CellReference.parse(reference) else { throw InvalidContent() }
                cellColumn = position.column
            } else {
                cellColumn = nextColumn
            }
            guard cellColumn < CellReference.maxColumns else { throw InvalidContent() }
            guard cellColumn < limits.maxColumns else { throw XLSXError.tooLarge }
            cellType = attributes["t"]
            cellStyle = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
            inlineText = ""
            sawInlineString = false
        case "v":
            capture = .value
        case "is":
            inInlineString = true
            sawInlineString = true
        case "rPh":
            phoneticDepth += 1
        case "t" where inInlineString && phoneticDepth == 0:
            capture = .inlineText
        default:
            break
        }
    }

    func end(_ name: String) throws {
        guard inSheetData else { return }
        switch name {
        case "v", "t":
            capture = .none
        case "is":
            inInlineString = false
        case "rPh":
            phoneticDepth -= 1
        case "c":
            try grid.set(try cellText(), row: rowIndex, column: cellColumn)
            nextColumn = cellColumn + 1
        case "row":
            nextRowIndex = rowIndex + 1
        case "sheetData":
            inSheetData = false
        default:
            break
        }
    }

    func text(_ string: String) {
        switch capture {
        case .none: break
        case .value: value += string
        case .inlineText: inlineText += string
        }
    }

    private func cellText() throws -> String {
        let raw = value.trimmingCharacters(in: .whitespacesAndNewlines)
        switch cellType {
        case "s":
            guard !raw.isEmpty else { return "" }
            guard let index = Int(raw), sharedStrings.indices.contains(index) else { throw InvalidContent() }
            return sharedStrings[index]
        case "inlineStr":
            return XMLText.decodeOOXMLEscapes(inlineText)
        case "str":
            // Formula result; kept untrimmed because the spaces are part of the text.
            return XMLText.decodeOOXMLEscapes(value)
        case "b":
            switch raw.lowercased() {
            case "1", "true": return "TRUE"
            case "0", "false": return "FALSE"
            default: return raw
            }
        case "e", "d":
            // Error codes (#DIV/0!) and ISO dates (strict OOXML) are already display text.
            return raw
        default:
            if raw.isEmpty && sawInlineString { return XMLText.decodeOOXMLEscapes(inlineText) }
            return number(raw)
        }
    }

    private func number(_ raw: String) -> String {
        guard !raw.isEmpty else { return "" }
        if formats.indices.contains(cellStyle), formats[cellStyle] != .plain, let serial = Double(raw),
           let date = SerialDate.render(serial, as: formats[cellStyle], uses1904Dates: uses1904Dates) {
            return date
        }
        return NumberText.render(raw)
    }
}
