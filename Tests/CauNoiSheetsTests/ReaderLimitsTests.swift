import Foundation
import Testing
@testable import CauNoiSheets

/// The reader stops as soon as a workbook passes a limit, whatever it looks like compressed.
struct ReaderLimitsTests {
    let workbook: Data = {
        let rows = (1...100).map { r in (1...10).map { c in Cell.text("r\(r)c\(c)") } }
        return try! XLSXWriter.workbook(sheets: [Sheet(name: "Dữ liệu", header: (1...10).map { "Cột \($0)" }, rows: rows)])
    }()

    func limits(cells: Int = 1_000_000, rows: Int = 1_000_000, columns: Int = 1_000, strings: Int = 1_000_000,
                part: Int = 64 << 20, total: Int = 64 << 20) -> XLSXLimits {
        XLSXLimits(maxPartBytes: part, maxTotalBytes: total, maxCells: cells, maxRows: rows, maxColumns: columns, maxSharedStrings: strings)
    }

    @Test func withinEveryLimitReadsEverything() throws {
        #expect(try XLSXReader.rows(workbook, limits: limits(cells: 1_010, rows: 101, columns: 10)).count == 101)
    }

    @Test(arguments: [
        XLSXLimits(maxPartBytes: 64 << 20, maxTotalBytes: 64 << 20, maxCells: 1_009, maxRows: 1_000, maxColumns: 100, maxSharedStrings: 100_000),
        XLSXLimits(maxPartBytes: 64 << 20, maxTotalBytes: 64 << 20, maxCells: 100_000, maxRows: 100, maxColumns: 100, maxSharedStrings: 100_000),
        XLSXLimits(maxPartBytes: 64 << 20, maxTotalBytes: 64 << 20, maxCells: 100_000, maxRows: 1_000, maxColumns: 9, maxSharedStrings: 100_000),
        XLSXLimits(maxPartBytes: 4_000, maxTotalBytes: 64 << 20, maxCells: 100_000, maxRows: 1_000, maxColumns: 100, maxSharedStrings: 100_000),
        XLSXLimits(maxPartBytes: 64 << 20, maxTotalBytes: 8_000, maxCells: 100_000, maxRows: 1_000, maxColumns: 100, maxSharedStrings: 100_000),
    ])
    func anyLimitPassedIsTooLarge(limits: XLSXLimits) {
        #expect(throws: XLSXError.tooLarge) { try XLSXReader.rows(workbook, limits: limits) }
    }

    /// The writer inlines its strings, so the shared-strings cap is checked on Excel's own layout.
    @Test func sharedStringsCap() throws {
        let excel = try ZipFixture.archive(ExcelFixture.parts)
        #expect(throws: XLSXError.tooLarge) { try XLSXReader.rows(excel, limits: limits(strings: 5)) }
        #expect(try !XLSXReader.rows(excel, limits: limits(strings: 9)).isEmpty)
    }
}
