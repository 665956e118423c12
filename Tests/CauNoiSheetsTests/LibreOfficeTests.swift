import Foundation
import Testing
@testable import CauNoiSheets

/// Cross-checks against a real spreadsheet application when one is installed.
/// Skipped otherwise; nothing in the library depends on it.
@Suite("LibreOffice interoperability")
struct LibreOfficeTests {
    static let soffice: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/soffice" }.first(where: FileManager.default.isExecutableFile)
    }()

    @Test("LibreOffice opens our file and re-saves it readably", .enabled(if: soffice != nil, "soffice not installed"))
    func reSaveThroughLibreOffice() throws {
        let sheet = Sheet(name: "Tình nguyện viên", header: ["Họ và tên", "Giờ", "Ghi chú"],
                          rows: [[.text("Nguyễn Văn An"), .integer(12), .text("=1+1")], [.text("Bình"), .number(2.5), .empty]])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("caunoi-sheets-\(UUID().uuidString)")
        let output = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.xlsx")
        try XLSXWriter.workbook(sheets: [sheet]).write(to: input)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.soffice))
        process.arguments = ["--headless", "-env:UserInstallation=file://\(folder.path)/profile",
                             "--convert-to", "xlsx", "--outdir", output.path, input.path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)

        let resaved = try Data(contentsOf: output.appendingPathComponent("in.xlsx"))
        #expect(try XLSXReader.rows(resaved) == [["Họ và tên", "Giờ", "Ghi chú"], ["Nguyễn Văn An", "12", "=1+1"], ["Bình", "2.5", ""]])
    }
}
