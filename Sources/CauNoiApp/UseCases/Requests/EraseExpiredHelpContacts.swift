import CauNoiCore
import Fluent
import Foundation
import Vapor

/// Empties the contact data (name to call, phone, address, details) of requests closed longer ago than their
/// campaign's retention period; the rest of the row stays for the counts. Idempotent, so it may run on every node.
enum EraseExpiredHelpContacts {
    static func run(now: Date, on db: any Database) async throws -> Int {
        let today = LocalDate.today(now: now)
        // Counted and emptied with the same condition in one transaction: one statement, however many are due.
        return try await db.writeTransaction { db in
            func due() -> QueryBuilder<HelpRequest> {
                HelpRequest.query(on: db).filter(\.$eraseAfter < today.iso).filter(\.$erasedAt == nil)
            }
            let count = try await due().count()
            guard count > 0 else { return 0 }
            try await due().set(\.$callName, to: nil).set(\.$phone, to: nil).set(\.$address, to: nil).set(\.$details, to: nil)
                .set(\.$erasedAt, to: now).update()
            try await Audit.record(AuditEvent(at: now, userID: nil, username: "system", role: nil, unitCode: nil, provinceCode: nil,
                                              action: "help_request.erase", objectType: ObjectKind.helpRequest.rawValue, objectID: nil,
                                              outcome: .ok, requestID: nil, clientIP: nil, detail: "\(count) requests"), on: db)
            return count
        }
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
