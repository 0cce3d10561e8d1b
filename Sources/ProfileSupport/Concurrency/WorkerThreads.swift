#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A fixed number of threads pulling indices from a shared counter: each
/// index is handed out exactly once. The only shared state is the counter,
/// touched once per item, so the work itself runs without locks. The calling
/// thread is one of the workers.
///
/// The one place that starts compute threads (``ForkJoin`` is built on it);
/// it counts nothing against a ``ThreadBudget``: its callers do.
public enum WorkerThreads {
    /// Calls `body(i)` for every `i` in `0..<count` on `threads` threads and
    /// returns when all are done. `body` runs concurrently with itself, so it
    /// may only read what it shares and write what belongs to its index
    /// (``ForkJoin/map(count:threads:_:)`` holds the results for it).
    public static func forEach(_ count: Int, threads: Int, _ body: (Int) -> Void) {
        let n = max(1, min(threads, count))
        let queue = Locked(0)
        let next = { () -> Int? in
            queue.withLock { i in
                guard i < count else { return nil }
                defer { i += 1 }
                return i
            }
        }
        if n == 1 {
            for i in 0..<count { body(i) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let work = { while let i = next() { body(i) } }
            var started: [pthread_t] = []
            for _ in 1..<n {
                let context = Unmanaged.passRetained(ThreadBody(work)).toOpaque()
                var thread = pthread_t()
                if pthread_create(&thread, nil, { arg in
                    let body = Unmanaged<ThreadBody>.fromOpaque(arg!).takeRetainedValue()
                    body.run()
                    return nil
                }, context) == 0 {
                    started.append(thread)
                } else {
                    Unmanaged<ThreadBody>.fromOpaque(context).release()
                }
            }
            work()  // this thread too; indices no thread could be started for are done here
            for thread in started { pthread_join(thread, nil) }
        }
    }
}

/// The work a started thread runs, handed to it through `pthread_create`'s
/// context pointer. The closure crosses to another thread there, where the
/// compiler checks nothing: `forEach`'s contract (shared state read only,
/// results per index) is what makes that safe, and the join orders every
/// write before the caller reads it.
private final class ThreadBody {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}
