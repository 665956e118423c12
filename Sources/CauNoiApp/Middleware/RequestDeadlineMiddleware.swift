import NIOConcurrencyHelpers
import Vapor

/// Answers 503 with Retry-After when a request has not finished within `limit`, instead of leaving the client
/// waiting. The known cause: postgres-nio 1.33 drops a statement written to a connection PostgreSQL has just cut
/// (vapor/postgres-nio#487, reverted in #501), and its caller then waits for ever; this happens to about one
/// request per database restart (tests/cluster/faults.py). The abandoned work is counted
/// (`caunoi_http_requests_abandoned_total`) and its task cancelled, but the cancellation does not reach the handler:
/// Vapor runs each middleware's continuation in a task of its own, so the handler runs on and its answer is dropped.
/// A batch that still commits later is answered "duplicate" when resent.
struct RequestDeadlineMiddleware: AsyncMiddleware {
    let limit: Duration

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Files from memory cannot wait on the database; they skip the two tasks this costs.
        if request.isStaticFile { return try await next.respond(to: request) }
        let settled = NIOLockedValueBox(false)
        let timer = NIOLockedValueBox<Task<Void, Never>?>(nil)
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Response, any Error>) in
            @Sendable func settle(_ result: Result<Response, any Error>) -> Bool {
                let first = settled.withLockedValue { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(with: result) }
                return first
            }
            let work = Task {
                let result: Result<Response, any Error>
                do { result = .success(try await next.respond(to: request)) } catch { result = .failure(error) }
                // The timer goes first, so a quick answer leaves no task sleeping for the whole limit.
                timer.withLockedValue { $0?.cancel() }
                _ = settle(result)
            }
            timer.withLockedValue { held in
                held = Task {
                    do { try await Task.sleep(for: limit) } catch { return }
                    guard settle(.failure(AppError.databaseUnavailable(retryAfter: DatabaseOutage.retryAfter))) else { return }
                    work.cancel()
                    request.application.metrics.requestAbandoned()
                    request.logger.error("request abandoned after its deadline", metadata: ["seconds": "\(limit.components.seconds)"])
                }
                if settled.withLockedValue({ $0 }) { held?.cancel() }
            }
        }
    }
}
