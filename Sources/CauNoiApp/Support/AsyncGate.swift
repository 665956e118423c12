/// A first-come, first-served async mutex.
///
/// SQLite allows one writer at a time, and sqlite-nio waits for a busy lock by blocking a thread of
/// the shared blocking pool (two threads on a 2-core machine). Queuing writers here instead, before
/// they take a connection, keeps those threads free for the transaction that holds the lock.
actor AsyncGate {
    private var held = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard held else {
            held = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            held = false
        } else {
            waiters.removeFirst().resume()
        }
    }

    func withLock<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
        await acquire()
        do {
            let result = try await body()
            release()
            return result
        } catch {
            release()
            throw error
        }
    }
}
