/// Renders one `Sheet` as a worksheet part.
enum WorksheetXML {
    static func render(_ sheet: Sheet, name: String, selected: Bool) throws -> String {
        let hasHeader = !sheet.header.isEmpty
        let rowCount = sheet.rows.count + (hasHeader ? 1 : 0)
        let columnCount = max(sheet.header.count, sheet.rows.lazy.map(\.count).max() ?? 0)
        guard rowCount <= CellReference.maxRows else { throw XLSXError.tooManyRows(sheet: name, count: rowCount) }
        guard columnCount <= CellReference.maxColumns else {
            throw XLSXError.tooManyColumns(sheet: name, count: columnCount)
        }
        let columns = (0..<columnCount).map(CellReference.columnName)

        var xml = PackageParts.declaration
        xml += #"<worksheet xmlns="\#(PackageParts.spreadsheetNamespace)" xmlns:r="\#(PackageParts.relationshipNamespace)">"#
        xml += #"<dimension ref="\#(dimension(rows: rowCount, columns: columns))"/>"#
        xml += sheetView(frozenHeader: hasHeader, selected: selected)
        xml += columnDefinitions(sheet, columnCount: columnCount)
        xml += "<sheetData>"
        var rowNumber = 1
        if hasHeader {
            xml += renderRow(sheet.header.map(Cell.text), number: rowNumber, columns: columns, isHeader: true)
            rowNumber += 1
        }
        for row in sheet.rows {
            xml += renderRow(row, number: rowNumber, columns: columns, isHeader: false)
            rowNumber += 1
        }
        xml += "</sheetData>"
        xml += dataValidations(sheet.lists)
        xml += #"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#
        xml += "</worksheet>"
        return xml
    }

    /// Placed after the cells and before the page margins, as the schema orders them.
    private static func dataValidations(_ lists: [ListValidation]) -> String {
        guard !lists.isEmpty else { return "" }
        let items = lists.map { list -> String in
            let column = CellReference.columnName(list.column)
            let error = XMLText.escapeAttribute(list.error)
            return #"<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorTitle="Giá trị không có trong danh sách" error="\#(error)" sqref="\#(column)\#(list.firstRow):\#(column)\#(list.lastRow)"><formula1>\#(XMLText.escapeContent(list.source))</formula1></dataValidation>"#
        }
        return #"<dataValidations count="\#(lists.count)">"# + items.joined() + "</dataValidations>"
    }

    private static func dimension(rows: Int, columns: [String]) -> String {
        guard rows > 0, let last = columns.last else { return "A1" }
        return "A1:\(last)\(rows)"
    }

    private static func sheetView(frozenHeader: Bool, selected: Bool) -> String {
        let tab = selected ? #" tabSelected="1""# : ""
        guard frozenHeader else { return #"<sheetViews><sheetView\#(tab) workbookViewId="0"/></sheetViews>"# }
        return #"<sheetViews><sheetView\#(tab) workbookViewId="0">"#
            + #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            + #"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>"#
            + "</sheetView></sheetViews>"
    }

    private static func columnDefinitions(_ sheet: Sheet, columnCount: Int) -> String {
        guard columnCount > 0 else { return "" }
        let widths = ColumnWidths.fitted(header: sheet.header, rows: sheet.rows, columnCount: columnCount)
        let definitions = widths.enumerated().map { index, width in
            #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(width)" customWidth="1"/>"#
        }.joined()
        return "<cols>\(definitions)</cols>"
    }

    private static func renderRow(_ cells: [Cell], number: Int, columns: [String], isHeader: Bool) -> String {
        var xml = #"<row r="\#(number)">"#
        for (index, cell) in cells.enumerated() {
            xml += renderCell(cell, reference: "\(columns[index])\(number)", isHeader: isHeader)
        }
        return xml + "</row>"
    }

    private static func renderCell(_ cell: Cell, reference: String, isHeader: Bool) -> String {
        switch cell {
        case .empty:
            return ""
        case .integer(let value):
            return #"<c r="\#(reference)"><v>\#(value)</v></c>"#
        case .number(let value):
            guard let text = CellContent.numberText(value) else {
                return #"<c r="\#(reference)" t="e"><v>#NUM!</v></c>"#
            }
            return #"<c r="\#(reference)"><v>\#(text)</v></c>"#
        case .text(let raw):
            let text = CellContent.prepared(raw)
            guard !text.isEmpty else { return "" }
            let style: CellStyle = CellContent.looksLikeFormula(text)
                ? (isHeader ? .literalHeader : .literalText)
                : (isHeader ? .header : .normal)
            let styleAttribute = style == .normal ? "" : #" s="\#(style.rawValue)""#
            let space = CellContent.needsSpacePreserve(text) ? #" xml:space="preserve""# : ""
            let body = XMLText.escapeContent(XMLText.encodeOOXMLEscapes(text))
            return #"<c r="\#(reference)"\#(styleAttribute) t="inlineStr"><is><t\#(space)>\#(body)</t></is></c>"#
        }
    }
}
