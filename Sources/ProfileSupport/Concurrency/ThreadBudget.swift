#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How many threads may compute at once, shared by everything in the process
/// that starts threads: batch jobs, the chunked readers, the inflate thread,
/// the two-halves sort.
///
/// A process-wide budget rather than a value passed down: a reader inside a
/// batch job, or a writer's sort, learns what is left without every layer
/// between (`Pipeline`, `ProfileLoader`, `ReadOptions`, the writers) carrying it.
/// `--jobs N` takes N threads, past the cores if the user asks for more,
/// and what a job starts inside comes out of what is left: a batch with
/// `--jobs 2` on 2 cores parses each file on its own job's thread, where
/// each reader used to start a thread per core on top.
public final class ThreadBudget: Sendable {
    /// The process's budget: one thread per online processor.
    public static let process = ThreadBudget(threads: processorCount)

    /// The number of online processors.
    public static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Threads that may start now beyond those running; below 0 when jobs
    /// were asked for past the budget.
    private let spare: Locked<Int>

    /// A budget of `threads` computing at once, the calling thread one of them.
    public init(threads: Int) { spare = Locked(max(1, threads) - 1) }

    /// The threads that may start now beyond those running.
    public var available: Int { spare.withLock { max(0, $0) } }

    /// Runs `body` with the number of threads it may use, this one included:
    /// 1 plus as many of the `upTo - 1` more it wants as are spare. They are
    /// spent until `body` returns.
    public func withThreads<R>(upTo wanted: Int, _ body: (Int) throws -> R) rethrows -> R {
        let extra = spare.withLock { spare -> Int in
            let granted = max(0, min(wanted - 1, spare))
            spare -= granted
            return granted
        }
        defer { giveBack(extra) }
        return try body(1 + extra)
    }

    /// Runs `body` with `threads` threads spent, this one included, whether or
    /// not the budget has them: what the user asked for (`--jobs`) is done,
    /// and what starts inside makes do with what is left.
    public func withThreads<R>(exactly threads: Int, _ body: () throws -> R) rethrows -> R {
        let extra = max(1, threads) - 1
        spare.withLock { $0 -= extra }
        defer { giveBack(extra) }
        return try body()
    }

    private func giveBack(_ extra: Int) {
        spare.withLock { $0 += extra }
    }
}
