import Fluent
import Foundation

/// Brute-force brake shared by every app node (it lives in the database): 5 failures for one account
/// or from one address within 15 minutes lock further attempts until the oldest failure ages out.
///
/// Counting is atomic: an attempt is written down as a failure *before* the password is checked,
/// in the same write transaction as the count (serialised by the SQLite writer gate, or by an
/// advisory lock on PostgreSQL), and turned into a success only afterwards. Sixteen simultaneous
/// guesses therefore see 0, 1, 2 … earlier failures, and the sixth is refused.
enum LoginThrottle {
    static let window: TimeInterval = 15 * 60
    static let maxFailures = 5
    private static let advisoryKey = 0x4361_754E_4C67 // "CauNLg"

    enum Decision: Sendable {
        case proceed(attemptID: UUID)
        case wait(seconds: Int)
    }

    /// Either a reserved attempt (counted as a failure until `succeeded` is called) or how long to wait.
    static func reserve(username: String, ip: String, now: Date, on db: any Database) async throws -> Decision {
        try await db.writeTransaction { db in
            if !db.isSQLite { try await db.sql.raw("SELECT pg_advisory_xact_lock(\(literal: advisoryKey))").run() }
            let since = now.addingTimeInterval(-window)
            let waits = [
                try await wait(LoginAttempt.query(on: db).filter(\.$username == username), since: since, now: now),
                try await wait(LoginAttempt.query(on: db).filter(\.$clientIP == ip), since: since, now: now),
            ].compactMap { $0 }
            if let longest = waits.max() { return .wait(seconds: longest) }
            let attempt = LoginAttempt()
            let id = UUIDv7.make()
            attempt.id = id
            attempt.username = username
            attempt.clientIP = ip
            attempt.succeeded = false
            attempt.at = now
            try await attempt.create(on: db)
            // Keep the table small: attempts older than a day decide nothing.
            try await LoginAttempt.query(on: db).filter(\.$at < now.addingTimeInterval(-86400)).delete()
            return .proceed(attemptID: id)
        }
    }

    /// The password was right: the reserved attempt no longer counts as a failure.
    static func succeeded(_ attemptID: UUID, on db: any Database) async throws {
        try await db.writeTransaction { db in
            try await LoginAttempt.query(on: db).filter(\.$id == attemptID).set(\.$succeeded, to: true).update()
        }
    }

    private static func wait(_ attempts: QueryBuilder<LoginAttempt>, since: Date, now: Date) async throws -> Int? {
        let failures = try await attempts.filter(\.$succeeded == false).filter(\.$at > since)
            .sort(\.$at, .descending).limit(maxFailures).all()
        guard failures.count >= maxFailures, let oldest = failures.last else { return nil }
        return max(1, Int(oldest.at.addingTimeInterval(window).timeIntervalSince(now).rounded(.up)))
    }
}
