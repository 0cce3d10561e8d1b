// Command perfspin keeps the CPU busy for about half a second in a few
// distinct functions, then exits: the Go program of Scripts/capture.d/perf.sh,
// which records it with `perf record -g` and `--call-graph dwarf`.
package main

import (
	"fmt"
	"sort"
)

var sink uint64

func mix(a, b uint64) uint64 { return (a ^ b) * 0x9e3779b97f4a7c15 }

//go:noinline
func crunch(n int) uint64 {
	h := uint64(1)
	for i := 0; i < n; i++ {
		h = mix(h, uint64(i))<<13 | h>>51
	}
	return h
}

//go:noinline
func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

//go:noinline
func sortChunk(seed int) {
	xs := make([]int, 20000)
	for i := range xs {
		xs[i] = (i*7919 + seed) % 10007
	}
	sort.Ints(xs)
	sink += uint64(xs[len(xs)/2])
}

func main() {
	for round := 0; round < 6; round++ {
		sink += crunch(20_000_000)
		sink += uint64(fib(27))
		for k := 0; k < 20; k++ {
			sortChunk(round*100 + k)
		}
	}
	fmt.Println(sink % 10)
}
