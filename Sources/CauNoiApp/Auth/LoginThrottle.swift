import Fluent
import Foundation

/// Brute-force brake shared by every app node (it lives in the database): 5 failures for one account
/// or from one address within 15 minutes lock further attempts until the oldest failure ages out.
enum LoginThrottle {
    static let window: TimeInterval = 15 * 60
    static let maxFailures = 5

    /// Seconds to wait, or nil if an attempt may go ahead.
    static func retryAfter(username: String, ip: String, now: Date, on db: any Database) async throws -> Int? {
        let since = now.addingTimeInterval(-window)
        let waits = [
            try await wait(LoginAttempt.query(on: db).filter(\.$username == username), since: since, now: now),
            try await wait(LoginAttempt.query(on: db).filter(\.$clientIP == ip), since: since, now: now),
        ].compactMap { $0 }
        return waits.max()
    }

    private static func wait(_ attempts: QueryBuilder<LoginAttempt>, since: Date, now: Date) async throws -> Int? {
        let failures = try await attempts.filter(\.$succeeded == false).filter(\.$at > since)
            .sort(\.$at, .descending).limit(maxFailures).all()
        guard failures.count >= maxFailures, let oldest = failures.last else { return nil }
        return max(1, Int(oldest.at.addingTimeInterval(window).timeIntervalSince(now).rounded(.up)))
    }

    static func record(username: String, ip: String, succeeded: Bool, now: Date, on db: any Database) async throws {
        try await db.writeTransaction { db in
            let attempt = LoginAttempt()
            attempt.id = UUIDv7.make()
            attempt.username = username
            attempt.clientIP = ip
            attempt.succeeded = succeeded
            attempt.at = now
            try await attempt.create(on: db)
            // Keep the table small: attempts older than a day decide nothing.
            try await LoginAttempt.query(on: db).filter(\.$at < now.addingTimeInterval(-86400)).delete()
        }
    }
}
