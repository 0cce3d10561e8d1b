/* Keeps the CPU busy for about half a second in a few distinct functions,
 * one of them inlined, then exits: the C program of Scripts/capture.d/perf.sh,
 * which records it with `perf record -g` (frame pointers) and
 * `--call-graph dwarf` (where perf prints the inlined frame as `(inlined)`). */
#include <stdio.h>
#include <stdint.h>

/* ROUNDS=60 makes it run for seconds, for bpftrace (see Scripts/capture.d/perf.sh). */
#ifndef ROUNDS
#define ROUNDS 6
#endif

static uint64_t sink;

static inline __attribute__((always_inline)) uint64_t mix(uint64_t a, uint64_t b) {
    return (a ^ b) * 0x9e3779b97f4a7c15ull;
}

__attribute__((noinline)) uint64_t crunch(long n) {
    uint64_t h = 1;
    for (long i = 0; i < n; i++) h = mix(h, (uint64_t)i) << 13 | h >> 51;
    return h;
}

__attribute__((noinline)) long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

__attribute__((noinline)) void work(int round) {
    sink += crunch(30000000L + round);
    sink += (uint64_t)fib(27);
}

int main(void) {
    for (int round = 0; round < ROUNDS; round++) work(round);
    printf("%d\n", (int)(sink % 10));
    return 0;
}
