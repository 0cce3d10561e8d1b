/* A small C program for valgrind's callgrind and cachegrind captures
 * (Fixtures/callgrind/, Scripts/capture.d/callgrind.sh): recursion
 * (fib, and ackermann's mutual depth), one helper with several callers
 * (checksum, from sum_array and from walk_list), and memory traffic for the
 * cache simulator (a strided array walk). No I/O but one printf, so the
 * counts hardly change between runs. */
#include <stdio.h>
#include <stdlib.h>

#define N 4096

static unsigned checksum(unsigned acc, unsigned v) { return acc * 31u + v; }

static unsigned fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static unsigned is_odd(unsigned n);
static unsigned is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static unsigned is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

static unsigned sum_array(const unsigned *a, int n, int stride) {
    unsigned acc = 0;
    for (int k = 0; k < stride; k++)
        for (int i = k; i < n; i += stride) acc = checksum(acc, a[i]);
    return acc;
}

struct node { struct node *next; unsigned value; };

static unsigned walk_list(const struct node *p) {
    unsigned acc = 0;
    for (; p; p = p->next) acc = checksum(acc, p->value);
    return acc;
}

int main(void) {
    static unsigned a[N];
    static struct node nodes[N];
    for (int i = 0; i < N; i++) a[i] = (unsigned)i * 2654435761u;
    /* A list through the nodes in steps of 7 (coprime to N: each node once). */
    for (int k = 0; k < N; k++) {
        struct node *p = &nodes[k * 7 % N];
        p->value = a[k];
        p->next = k + 1 < N ? &nodes[(k + 1) * 7 % N] : NULL;
    }
    unsigned r = sum_array(a, N, 64) ^ walk_list(nodes) ^ fib(18) ^ is_even(301);
    printf("%u\n", r);
    return 0;
}
