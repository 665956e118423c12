import NIOConcurrencyHelpers

/// Waits for work at most so long (issue 16). postgres-nio 1.33 can lose a statement written to a connection
/// PostgreSQL just closed, and whoever awaits it then waits for ever, out of cancellation's reach: a loop that
/// awaited it (the group commit's leader, the ledger applier) stopped for good. Such a transaction is gone with its
/// connection; one that is only slow goes on and may still commit.
enum Deadline {
    /// `body`'s result, or nil if it has not finished within `limit` (it is left running). Runs `body` on `executor`
    /// when given one.
    static func within<T: Sendable>(_ limit: Duration, on executor: (any TaskExecutor)? = nil, priority: TaskPriority? = nil,
                                    _ body: @escaping @Sendable () async throws -> T) async throws -> T? {
        let answered = NIOLockedValueBox(false)
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T?, any Error>) in
            @Sendable func answer(_ result: Result<T?, any Error>) -> Bool {
                guard answered.withLockedValue({ done in defer { done = true }; return !done }) else { return false }
                continuation.resume(with: result)
                return true
            }
            let timer = Task {
                try? await Task.sleep(for: limit)
                _ = answer(.success(nil))
            }
            Task(executorPreference: executor, priority: priority) {
                let result: Result<T?, any Error>
                do { result = .success(try await body()) } catch { result = .failure(error) }
                if answer(result) { timer.cancel() }
            }
        }
    }
}
