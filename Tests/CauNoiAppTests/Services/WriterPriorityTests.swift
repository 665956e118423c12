import Foundation
import Testing
import VaporTesting
@testable import CauNoiApp

/// The writer's threads run at the configured nice value (`AppConfig.writerNice`), and only they do.
@Suite("Writer priority")
struct WriterPriorityTests {
    @Test("a thread's nice value is its own: setting it leaves the other threads alone")
    func perThread() async throws {
        let before = ThreadPriority.currentThreadNice()
        // Raising the nice value (a lower priority) is always permitted, so this runs without privileges too.
        let seen: (set: Bool, nice: Int32) = await withCheckedContinuation { continuation in
            Thread {
                let set = ThreadPriority.setCurrentThread(nice: min(19, before + 3))
                continuation.resume(returning: (set, ThreadPriority.currentThreadNice()))
            }.start()
        }
        #expect(seen.set)
        #expect(seen.nice == min(19, before + 3))
        #expect(ThreadPriority.currentThreadNice() == before, "the caller's own thread is unchanged")
    }

    @Test("SQLite's writer thread takes the configured nice value")
    func sqliteWriterThread() async throws {
        guard Engine.enabled.contains(.sqlite) else { return }
        try await withCauNoi(.sqlite, adjust: { $0.writerNice = 7 }) { app in
            let writer = try #require(app.sqliteWriter)
            #expect(await writer.priority() == 7)
        }
    }
}
