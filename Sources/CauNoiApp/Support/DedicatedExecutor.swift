import NIOCore
import NIOPosix
import Vapor

/// A task executor with a thread of its own. The group-commit leader runs on one (issue 16): between its
/// statements it builds the next one and computes the ledger, and on the shared executor threads that work queued
/// behind every request's decoding and validation while the whole node's ingest waited on it.
final class DedicatedExecutor: TaskExecutor {
    /// Its one thread as an event loop: the SQLite writer's connections live on it, so a statement's result resumes
    /// the group-commit leader without another thread hop, and never waits behind HTTP traffic.
    let group: MultiThreadedEventLoopGroup
    private let loop: any EventLoop

    init() {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        loop = group.next()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    func shutdown() async {
        try? await group.shutdownGracefully()
    }

    /// Sets its thread's nice value (`ThreadPriority`); false when not permitted.
    func setPriority(nice: Int32) async -> Bool {
        (try? await loop.submit { ThreadPriority.setCurrentThread(nice: nice) }.get()) ?? false
    }
}

/// Stops a dedicated executor's thread with the app.
struct DedicatedExecutorLifecycle: LifecycleHandler {
    let executor: DedicatedExecutor

    func shutdownAsync(_ app: Application) async {
        await executor.shutdown()
    }
}
