#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProfileSupport
import Testing

@Suite("fork-join and the thread budget")
struct ForkJoinTests {
    @Test("map hands back one result per index, in index order, whatever the threads")
    func mapInOrder() {
        for threads in [1, 2, 3, 8] {
            #expect(ForkJoin.map(count: 100, threads: threads) { $0 * $0 } == (0..<100).map { $0 * $0 })
        }
        #expect(ForkJoin.map(count: 0, threads: 4) { $0 }.isEmpty)
    }

    @Test("with no spare thread in its budget, map runs every index on the calling thread")
    func noSpareThread() {
        let me = pthread_self()
        let ran = ForkJoin.map(count: 8, budget: ThreadBudget(threads: 1)) { _ in pthread_equal(pthread_self(), me) != 0 }
        #expect(ran == [Bool](repeating: true, count: 8))
    }

    @Test("what jobs take is not spared to what starts inside them, and comes back after")
    func jobsTakeTheirShare() {
        let budget = ThreadBudget(threads: 4)
        #expect(budget.withThreads(upTo: 8) { $0 } == 4)
        budget.withThreads(exactly: 2) {
            #expect(budget.withThreads(upTo: 8) { $0 } == 3)  // this thread and the 2 left
        }
        budget.withThreads(exactly: 6) {  // more jobs than cores, as asked
            #expect(budget.withThreads(upTo: 8) { $0 } == 1)
            #expect(budget.available == 0)
        }
        #expect(budget.available == 3)
    }

    @Test("threads taken inside one another add up, and each gives back its own")
    func nested() {
        let budget = ThreadBudget(threads: 8)
        budget.withThreads(upTo: 3) { outer in
            #expect(outer == 3)
            #expect(budget.withThreads(upTo: 8) { $0 } == 6)
        }
        #expect(budget.available == 7)
    }
}
