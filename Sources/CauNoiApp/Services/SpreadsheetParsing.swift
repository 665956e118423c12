import CauNoiCore
import CauNoiSheets
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Reads an uploaded CSV or XLSX into rows, within limits and off the request threads.
///
/// XML parsing is synchronous: on the cooperative pool (two threads here) two large files stalled
/// every other request, /healthz included. So parsing runs on the application's blocking thread pool,
/// at most `maxConcurrent` files at once per node — one core is always left for everything else (two
/// parses on this 2-core machine held /healthz for 1.5 s) — more answer 503 with Retry-After, and the
/// XLSX reader stops as soon as a file passes `limits`, however small it is compressed.
enum SpreadsheetParsing {
    static let maxDataRows = 20_000
    static let limits = XLSXLimits(
        maxPartBytes: 48 * 1024 * 1024, maxTotalBytes: 64 * 1024 * 1024, maxCells: 400_000,
        maxRows: maxDataRows + 1, maxColumns: 64, maxSharedStrings: 400_000)
    static let maxConcurrent = max(1, System.coreCount - 1)
    static let retryAfterSeconds = 5

    static func rows(_ data: Data, on app: Application) async throws -> [[String]] {
        let slots = app.parseSlots
        guard slots.tryAcquire() else { throw AppError.busy(retryAfter: retryAfterSeconds) }
        defer { slots.release() }
        let table = try await app.threadPool.runIfActive { try read(data) }
        if table.count > maxDataRows + 1 { throw tooLarge }
        return table
    }

    /// XLSX is recognised by its zip signature, whatever the name or type the browser sent.
    static func read(_ data: Data) throws -> [[String]] {
        if data.starts(with: [0x50, 0x4B]) { // "PK": a zip, as every XLSX is
            do { return try XLSXReader.rows(data, limits: limits) } catch XLSXError.tooLarge {
                throw tooLarge
            } catch let error as XLSXError {
                throw AppError.badRequest(vi: error.message, en: error.englishMessage)
            }
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AppError.badRequest(vi: "Tệp CSV phải mã hóa UTF-8 (Excel: Lưu thành \"CSV UTF-8\").", en: "The CSV must be UTF-8.")
        }
        return CSVReader.rows(text)
    }

    static let tooLarge = AppError.payloadTooLarge(
        vi: "Tệp vượt giới hạn xử lý: tối đa \(VietnameseNumber.grouped(maxDataRows)) dòng, 64 cột, \(VietnameseNumber.grouped(400_000)) ô và 48 MB khi giải nén. Hãy chia thành nhiều tệp nhỏ hơn.",
        en: "The file exceeds the limits: at most \(maxDataRows) rows, 64 columns, 400,000 cells and 48 MB uncompressed. Split it into smaller files.")
}

/// A counter of files being parsed on this node.
final class ParseSlots: Sendable {
    let limit: Int
    private let inUse = NIOLockedValueBox(0)

    init(limit: Int) { self.limit = limit }

    func tryAcquire() -> Bool {
        inUse.withLockedValue { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    func release() { inUse.withLockedValue { $0 -= 1 } }
}

extension Application {
    private struct ParseSlotsKey: StorageKey { typealias Value = ParseSlots }

    var parseSlots: ParseSlots {
        if let slots = storage[ParseSlotsKey.self] { return slots }
        let slots = ParseSlots(limit: SpreadsheetParsing.maxConcurrent)
        storage[ParseSlotsKey.self] = slots
        return slots
    }
}
