/// Locates the parts of a workbook by following relationships, as Excel does,
/// instead of assuming conventional file names.
struct WorkbookIndex {
    struct Worksheet {
        var name: String
        /// nil when the workbook names a relationship that does not exist.
        var path: String?
        var reference: String
    }

    var worksheets: [Worksheet] = []
    var sharedStringsPath: String?
    var stylesPath: String?
    var uses1904Dates = false

    static func load(from package: ZipPackage) throws -> WorkbookIndex {
        let rootRelationships = try RelationshipsParser.relationships(of: "", in: package)
        let declaredPath = rootRelationships.first { $0.hasKind("officeDocument") && package.contains($0.target) }?.target
        let fallbackPath = package.contains("xl/workbook.xml") ? "xl/workbook.xml" : nil
        guard let workbookPath = declaredPath ?? fallbackPath, let data = try package.read(workbookPath) else {
            throw XLSXError.missingWorkbook
        }
        let workbook = try WorkbookParser.parse(data, part: workbookPath)
        // A .docx or .pptx also has an officeDocument; it is not a spreadsheet.
        guard workbook.isSpreadsheet else { throw XLSXError.missingWorkbook }

        let relationships = try RelationshipsParser.relationships(of: workbookPath, in: package)
        var index = WorkbookIndex()
        index.uses1904Dates = workbook.uses1904Dates
        index.worksheets = worksheets(of: workbook, relationships: relationships, workbookPath: workbookPath)
        index.sharedStringsPath = partPath(kind: "sharedStrings", conventional: "sharedStrings.xml",
                                           relationships: relationships, workbookPath: workbookPath, package: package)
        index.stylesPath = partPath(kind: "styles", conventional: "styles.xml",
                                    relationships: relationships, workbookPath: workbookPath, package: package)
        return index
    }

    private static func worksheets(of workbook: WorkbookParser, relationships: [Relationship],
                                   workbookPath: String) -> [Worksheet] {
        let byID = Dictionary(relationships.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var result: [Worksheet] = []
        for (position, sheet) in workbook.sheets.enumerated() {
            let reference = sheet.relationshipID ?? sheet.name
            if relationships.isEmpty {
                // No relationships part at all: the conventional name is the only clue left.
                let path = PartPath.resolve("worksheets/sheet\(position + 1).xml", from: workbookPath)
                result.append(Worksheet(name: sheet.name, path: path, reference: path))
            } else if let id = sheet.relationshipID, let relationship = byID[id] {
                // Chart sheets and dialog sheets are tabs without cells; index only worksheets.
                guard relationship.hasKind("worksheet") else { continue }
                result.append(Worksheet(name: sheet.name, path: relationship.target, reference: relationship.target))
            } else {
                result.append(Worksheet(name: sheet.name, path: nil, reference: reference))
            }
        }
        return result
    }

    private static func partPath(kind: String, conventional: String, relationships: [Relationship],
                                 workbookPath: String, package: ZipPackage) -> String? {
        if let declared = relationships.first(where: { $0.hasKind(kind) }), package.contains(declared.target) {
            return declared.target
        }
        let path = PartPath.resolve(conventional, from: workbookPath)
        return package.contains(path) ? path : nil
    }
}
