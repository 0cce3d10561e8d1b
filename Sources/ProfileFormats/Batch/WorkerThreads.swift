#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A fixed number of threads pulling indices from a shared counter: each
/// index is handed out exactly once. The only shared state is the counter,
/// touched once per item, so the work itself runs without locks.
enum WorkerThreads {
    /// Calls `body(i)` for every `i` in `0..<count` on `threads` threads and
    /// returns when all are done.
    static func forEach(_ count: Int, threads: Int, _ body: @escaping (Int) -> Void) {
        let queue = IndexQueue(count: count)
        let work = { while let i = queue.next() { body(i) } }
        let n = max(1, min(threads, count))
        if n == 1 { work(); return }
        var started: [pthread_t] = []
        for _ in 0..<n {
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
        if started.isEmpty { work() }  // no threads to be had: do it here
        for thread in started { pthread_join(thread, nil) }
    }
}

private final class ThreadBody {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}

private final class IndexQueue: @unchecked Sendable {
    private let lock = Lock()
    private var nextIndex = 0
    private let count: Int
    init(count: Int) { self.count = count }

    func next() -> Int? {
        lock.withLock {
            guard nextIndex < count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }
}

/// The two-thread driver that ProfileCore's sorts take (``LineOrder/BothHalves``).
enum BothCores {
    /// Runs `body(0)` and `body(1)` on two threads and returns when both are done.
    static func run(_ body: @escaping (Int) -> Void) { WorkerThreads.forEach(2, threads: 2, body) }
}
