// A small Java program for JFR captures: it burns CPU in a few methods,
// allocates, contends a monitor and parks, so that a recording with JFR's
// `profile` settings holds execution, allocation, monitor and park events.
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

public final class Burn {
    static final Object MONITOR = new Object();
    static volatile long sink;

    // CPU: two distinct hot methods under one loop.
    static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

    static long mix(long seed) {
        long x = seed;
        for (int i = 0; i < 200_000; i++) { x ^= x << 13; x ^= x >>> 7; x ^= x << 17; }
        return x;
    }

    static void burn(long untilNanos) {
        while (System.nanoTime() < untilNanos) { sink += fib(24) + mix(sink); }
    }

    // Allocation: lists of boxed numbers and byte arrays.
    static void allocate(long untilNanos) {
        List<Object> keep = new ArrayList<>();
        while (System.nanoTime() < untilNanos) {
            List<Long> list = new ArrayList<>();
            for (long i = 0; i < 10_000; i++) list.add(i * 31);
            keep.add(new byte[64 * 1024]);
            if (keep.size() > 64) keep.clear();
            sink += list.size();
        }
    }

    // Monitor contention: threads take turns holding one lock for a while.
    static void contend(long untilNanos) {
        while (System.nanoTime() < untilNanos) {
            synchronized (MONITOR) { holdLock(); }
        }
    }

    static void holdLock() {
        long end = System.nanoTime() + 30_000_000L;
        while (System.nanoTime() < end) sink++;
    }

    // Parking: a thread waits for 25 ms at a time.
    static void park(long untilNanos) {
        while (System.nanoTime() < untilNanos) LockSupport.parkNanos(25_000_000L);
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 4;
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        threads.add(new Thread(() -> burn(until), "burner"));
        threads.add(new Thread(() -> allocate(until), "allocator"));
        threads.add(new Thread(() -> contend(until), "contender-1"));
        threads.add(new Thread(() -> contend(until), "contender-2"));
        threads.add(new Thread(() -> park(until), "parker"));
        for (Thread t : threads) t.start();
        for (Thread t : threads) t.join();
        System.out.println(sink == 42 ? "" : "done");
    }
}
