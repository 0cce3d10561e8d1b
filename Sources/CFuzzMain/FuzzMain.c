// SwiftPM links an executable target with `--defsym main=<Target>_main`, which
// would shadow libFuzzer's own main. This defines that entry point and hands
// control to libFuzzer's driver with the Swift test function.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *, size_t));

int ProfconvFuzz_main(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
