#if canImport(Glibc)
import Glibc
#endif

/// The calling thread's scheduling priority (its nice value; on Linux each thread has its own).
///
/// The group-commit leader and SQLite's writer thread (issue 16) hand every statement back and forth: under full
/// load each hand-off waited for a core behind request handling, and the writer sat idle between its statements
/// while dozens of batches queued for it. Run ahead of the request threads, the writer turns that queue into
/// bigger commits (measured: batches of 20 from 64 clients, 5,400 → 6,700–7,700 entries/s here). Raising a
/// priority needs CAP_SYS_NICE or an RLIMIT_NICE allowance; without either the node runs as before.
enum ThreadPriority {
    /// Sets the calling thread's nice value (-20 highest … 19 lowest); false when not permitted or not on Linux.
    static func setCurrentThread(nice: Int32) -> Bool {
        #if os(Linux)
        // PRIO_PROCESS with who = 0 is the calling thread, not the whole process, on Linux.
        return setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice) == 0
        #else
        return false
        #endif
    }

    /// The calling thread's nice value.
    static func currentThreadNice() -> Int32 {
        #if os(Linux)
        return getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        #else
        return 0
        #endif
    }
}
