/* The smallest C program with a few functions: an ELF fuzz seed
 * (Fixtures/fuzz-seeds/elf/, see Fixtures/README.md). */
#include <stdio.h>

static int twice(int n) { return 2 * n; }

int compute(int n) { return twice(n) + 1; }

int main(int argc, char **argv) {
    (void)argv;
    printf("%d\n", compute(argc));
    return 0;
}
