import CauNoiCore
import CauNoiSheets
import Foundation
import Vapor

/// Reads an uploaded CSV or XLSX into rows, within limits and off the request threads.
///
/// XML parsing is synchronous: on the cooperative pool (two threads here) two large files stalled
/// every other request, /healthz included. So parsing runs on the application's blocking thread pool,
/// at most `maxConcurrent` files at once per node — one core is always left for everything else (two
/// parses on this 2-core machine held /healthz for 1.5 s) — more wait their turn (`ParseSlots`) or
/// answer 503 with Retry-After, and the XLSX reader stops as soon as a file passes `limits`, however
/// small it is compressed.
enum SpreadsheetParsing {
    /// How big a file may be: a week of entries, or a province's list of volunteers (55,000 people in one XLSX).
    struct Bounds: Sendable {
        var maxDataRows: Int
        var maxCells: Int
        var maxPartMiB: Int

        static let entries = Bounds(maxDataRows: 20_000, maxCells: 400_000, maxPartMiB: 48)
        static let volunteers = Bounds(maxDataRows: 60_000, maxCells: 1_000_000, maxPartMiB: 96)

        var limits: XLSXLimits {
            XLSXLimits(maxPartBytes: maxPartMiB * 1024 * 1024, maxTotalBytes: (maxPartMiB + 16) * 1024 * 1024, maxCells: maxCells,
                       maxRows: maxDataRows + 1, maxColumns: 64, maxSharedStrings: maxCells)
        }

        var tooLarge: AppError {
            AppError.payloadTooLarge(
                vi: "Tệp vượt giới hạn xử lý: tối đa \(VietnameseNumber.grouped(maxDataRows)) dòng, 64 cột, \(VietnameseNumber.grouped(maxCells)) ô và \(maxPartMiB) MB khi giải nén. Hãy chia thành nhiều tệp nhỏ hơn.",
                en: "The file exceeds the limits: at most \(maxDataRows) rows, 64 columns, \(maxCells) cells and \(maxPartMiB) MB uncompressed. Split it into smaller files.")
        }
    }

    static let maxConcurrent = max(1, System.coreCount - 1)
    static let retryAfterSeconds = 5

    static func rows(_ data: Data, bounds: Bounds = .entries, on app: Application) async throws -> [[String]] {
        let slots = app.parseSlots
        guard await slots.acquire() else { throw AppError.busy(retryAfter: retryAfterSeconds) }
        do {
            let table = try await app.threadPool.runIfActive { try read(data, bounds: bounds) }
            await slots.release()
            if table.count > bounds.maxDataRows + 1 { throw bounds.tooLarge }
            return table
        } catch {
            await slots.release()
            throw error
        }
    }

    /// XLSX is recognised by its zip signature, whatever the name or type the browser sent.
    static func read(_ data: Data, bounds: Bounds = .entries) throws -> [[String]] {
        if data.starts(with: [0x50, 0x4B]) { // "PK": a zip, as every XLSX is
            do { return try XLSXReader.rows(data, limits: bounds.limits) } catch XLSXError.tooLarge {
                throw bounds.tooLarge
            } catch let error as XLSXError {
                throw AppError.badRequest(vi: error.message, en: error.englishMessage)
            }
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AppError.badRequest(vi: "Tệp CSV phải mã hóa UTF-8 (Excel: Lưu thành \"CSV UTF-8\").", en: "The CSV must be UTF-8.")
        }
        return CSVReader.rows(text)
    }
}

/// The files being parsed on this node: up to `limit` at once; a few more wait their turn for up to
/// `wait` (a commune office and its province uploading at the same moment both get through); beyond
/// that the caller is told to come back (503).
actor ParseSlots {
    let limit: Int
    let maxWaiting: Int
    let wait: Duration
    private var inUse = 0
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<Bool, Never>)] = []
    private var nextID: UInt64 = 0

    init(limit: Int, maxWaiting: Int = 16, wait: Duration = .seconds(20)) {
        self.limit = limit
        self.maxWaiting = maxWaiting
        self.wait = wait
    }

    /// True with a slot held (call `release`), false if the node is too busy.
    func acquire() async -> Bool {
        if inUse < limit {
            inUse += 1
            return true
        }
        guard waiters.count < maxWaiting else { return false }
        nextID += 1
        let id = nextID
        let wait = wait
        return await withCheckedContinuation { continuation in
            waiters.append((id, continuation))
            Task { [weak self] in
                try? await Task.sleep(for: wait)
                await self?.expire(id)
            }
        }
    }

    var waiting: Int { waiters.count }

    /// Hands the slot to the longest waiter, or frees it.
    func release() {
        if waiters.isEmpty {
            inUse -= 1
        } else {
            waiters.removeFirst().continuation.resume(returning: true)
        }
    }

    private func expire(_ id: UInt64) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(returning: false)
    }
}

extension Application {
    private struct ParseSlotsKey: StorageKey { typealias Value = ParseSlots }

    /// Set in `configure` before the first request; tests may swap in a stricter one.
    var parseSlots: ParseSlots {
        get {
            guard let slots = storage[ParseSlotsKey.self] else { fatalError("configure(_:_:) sets the parse slots") }
            return slots
        }
        set { storage[ParseSlotsKey.self] = newValue }
    }
}

extension Request {
    /// The spreadsheet sent as the request body (the API's uploads), read within `bounds`; nothing sent is a 400.
    func bodySheet(bounds: SpreadsheetParsing.Bounds = .entries) async throws -> [[String]] {
        guard let buffer = body.data, buffer.readableBytes > 0 else {
            throw AppError.badRequest(vi: "Chưa có tệp nào được gửi.", en: "No file was sent.")
        }
        return try await SpreadsheetParsing.rows(Data(buffer.readableBytesView), bounds: bounds, on: application)
    }

    /// The spreadsheet chosen in a page form's file field, read within `bounds`; no file is a 400.
    func uploadedSheet(_ file: File?, bounds: SpreadsheetParsing.Bounds = .entries) async throws -> [[String]] {
        guard let file, file.data.readableBytes > 0 else {
            throw AppError.badRequest(vi: "Hãy chọn tệp CSV hoặc XLSX.", en: "Choose a CSV or XLSX file.")
        }
        return try await SpreadsheetParsing.rows(Data(file.data.readableBytesView), bounds: bounds, on: application)
    }
}
