/// Work split over threads that hands back a value per piece, in index
/// order, so that no caller shares a `var` between threads: each result goes
/// to its own slot of a buffer owned here, and the join orders every write
/// before the array is returned.
public enum ForkJoin {
    /// `body(i)` for every `i` in `0..<count`, on this thread and as many
    /// more as `budget` spares, up to one per index.
    public static func map<T>(count: Int, budget: ThreadBudget = .process, _ body: (Int) -> T) -> [T] {
        budget.withThreads(upTo: count) { threads in map(count: count, threads: threads, body) }
    }

    /// `body(i)` for every `i` in `0..<count`, on `threads` threads (this one
    /// included) that the caller has accounted for.
    public static func map<T>(count: Int, threads: Int, _ body: (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        return [T](unsafeUninitializedCapacity: count) { slots, initialized in
            let base = slots.baseAddress!
            WorkerThreads.forEach(count, threads: threads) { i in (base + i).initialize(to: body(i)) }
            initialized = count
        }
    }

    /// `body(0)` and `body(1)`, on two threads if the process's budget
    /// spares one, else one after the other: what ProfileCore's two-halves
    /// sort takes (`LineOrder.BothHalves`).
    public static func bothHalves(_ body: (Int) -> Void) {
        _ = map(count: 2, budget: .process, body)
    }
}
