// Command busy keeps two goroutines CPU-busy in a few distinct hot functions
// and serves net/http/pprof on -addr, so /debug/pprof/profile?seconds=3 gives
// a rich CPU profile. Used by Scripts/capture-fixtures.sh.
//
// Hot spots (by design):
//   - main.crunch: a tight loop calling the small inlinable helpers main.mix and
//     main.rotl (so the profile has locations with inlined frames);
//   - main.fib: plain recursion (the same function many times on one stack);
//   - main.sortChunk: sort.Ints on fresh random data (stdlib frames);
//   - main.hashChunk: crypto/sha256 over a buffer (assembly leaf frames);
//   - main.buildStrings: allocation-heavy string building (for heap/allocs).
package main

import (
	"crypto/sha256"
	"flag"
	"log"
	"math/rand"
	"net/http"
	_ "net/http/pprof"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
)

var sinks [3]uint64 // one per worker; defeats dead-code elimination

// kept keeps some allocations alive for the heap profile.
var (
	keptMu sync.Mutex
	kept   []string
)

// mix and rotl are small enough to be inlined into crunch.
func mix(a, b uint64) uint64 { return (a ^ b) * 0x9e3779b97f4a7c15 }

func rotl(x uint64, k uint) uint64 { return x<<k | x>>(64-k) }

//go:noinline
func crunch(n int) uint64 {
	h := uint64(1)
	for i := 0; i < n; i++ {
		h = rotl(mix(h, uint64(i)), 13)
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
func sortChunk(r *rand.Rand, n int) int {
	xs := make([]int, n)
	for i := range xs {
		xs[i] = r.Int()
	}
	sort.Ints(xs)
	return xs[n/2]
}

//go:noinline
func hashChunk(buf []byte, rounds int) byte {
	var sum [32]byte
	for i := 0; i < rounds; i++ {
		sum = sha256.Sum256(buf)
		buf[0] = sum[0]
	}
	return sum[0]
}

//go:noinline
func buildStrings(n int) int {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strconv.Itoa(i))
		b.WriteByte(',')
	}
	s := b.String()
	keptMu.Lock()
	defer keptMu.Unlock()
	if len(kept) < 64 {
		kept = append(kept, s)
	} else {
		kept[n%64] = s
	}
	return len(s)
}

// worker cycles through the hot functions forever.
func worker(id int) {
	r := rand.New(rand.NewSource(int64(id)))
	buf := make([]byte, 4096)
	for {
		acc := crunch(2_000_000)
		acc += uint64(fib(30))
		acc += uint64(sortChunk(r, 20_000))
		acc += uint64(hashChunk(buf, 200))
		acc += uint64(buildStrings(5_000 + r.Intn(100)))
		sinks[id] = acc
	}
}

func main() {
	runtime.MemProfileRate = 64 << 10 // denser heap samples than the 512 KiB default
	addr := flag.String("addr", "127.0.0.1:6062", "listen address (loopback only)")
	flag.Parse()
	go worker(1)
	go worker(2)
	log.Printf("busy: serving on %s", *addr)
	log.Fatal(http.ListenAndServe(*addr, nil))
}
