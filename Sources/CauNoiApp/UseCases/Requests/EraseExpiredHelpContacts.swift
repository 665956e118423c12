import CauNoiCore
import Fluent
import Foundation
import Vapor

/// Empties the contact data (name to call, phone, address, details) of requests closed longer ago than their
/// campaign's retention period; the rest of the row stays for the counts. Idempotent, so it may run on every node.
enum EraseExpiredHelpContacts {
    static func run(now: Date, on db: any Database) async throws -> Int {
        let today = LocalDate.today(now: now)
        let due = try await HelpRequest.query(on: db).filter(\.$eraseAfter < today.iso).filter(\.$erasedAt == nil).all()
        guard !due.isEmpty else { return 0 }
        let event = AuditEvent(at: now, userID: nil, username: "system", role: nil, unitCode: nil, provinceCode: nil,
                               action: "help_request.erase", objectType: ObjectKind.helpRequest.rawValue, objectID: nil, outcome: .ok,
                               requestID: nil, clientIP: nil, detail: "\(due.count) requests")
        try await db.writeTransaction { db in
            for chunk in due.compactMap(\.id).chunked(into: 500) {
                try await HelpRequest.query(on: db).filter(\.$id ~~ chunk)
                    .set(\.$callName, to: nil).set(\.$phone, to: nil).set(\.$address, to: nil).set(\.$details, to: nil)
                    .set(\.$erasedAt, to: now)
                    .update()
            }
            try await Audit.record(event, on: db)
        }
        return due.count
    }
}

/// Runs the erasure once an hour while the server runs (and once at start).
struct HelpRetentionLifecycle: LifecycleHandler {
    final class Box: @unchecked Sendable { var task: Task<Void, Never>? }
    let box = Box()

    func didBootAsync(_ app: Application) async throws {
        let db = app.db, now = app.appConfig.now, logger = app.logger
        box.task = Task {
            while !Task.isCancelled {
                do {
                    let erased = try await EraseExpiredHelpContacts.run(now: now(), on: db)
                    if erased > 0 { logger.info("erased contact data of closed help requests", metadata: ["count": "\(erased)"]) }
                } catch {
                    logger.warning("help request erasure failed", metadata: ["error": "\(String(reflecting: error))"])
                }
                try? await Task.sleep(for: .seconds(3_600))
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        box.task?.cancel()
    }
}
