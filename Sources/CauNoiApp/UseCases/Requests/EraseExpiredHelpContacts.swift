import CauNoiCore
import Fluent
import Foundation
import Vapor

/// Empties the contact data (name to call, phone, address, details) of requests closed longer ago than their
/// campaign's retention period; the rest of the row stays for the counts. Run once an hour across nodes
/// (`PeriodicJob.standard`); idempotent all the same.
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
