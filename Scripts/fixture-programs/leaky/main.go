// Command leaky builds a STATIC set of blocked goroutines and then serves
// net/http/pprof on -addr, so goroutine debug=0/1/2 snapshots taken close
// together describe the same state. Used by Scripts/capture-fixtures.sh.
//
// Known facts (see Fixtures/README.md for the line numbers):
//   - 1000 goroutines blocked in `select {}` in main.leakForever
//   - 1000 goroutines blocked in `select {}` in main.leakAgain
//   - labelled goroutines (pprof.Do) in main.subscriber: 6 x {component:pubsub tenant:t0},
//     3 x {component:pubsub tenant:t1}, 2 x {component:ingest}
//   - one 130-deep recursion (main.recurse) ending in a channel receive
//   - one goroutine holding a mutex forever, one blocked on it in sync.(*Mutex).Lock
//   - one goroutine in sync.(*WaitGroup).Wait
//   - one goroutine blocked in a generic method main.(*Queue[...]).Pop
package main

import (
	"context"
	"flag"
	"log"
	"net/http"
	_ "net/http/pprof"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

// started counts goroutines that reached (just before) their blocking point.
var started sync.WaitGroup

// retained keeps heap allocations alive so heap/allocs profiles are non-empty.
var retained [][]byte

//go:noinline
func leakForever() {
	started.Done()
	select {} // leak site A: 1000 goroutines
}

//go:noinline
func leakAgain() {
	started.Done()
	select {} // leak site B: 1000 goroutines
}

// subscriber blocks forever on a channel nobody writes to; run under pprof.Do.
//
//go:noinline
func subscriber(ctx context.Context, ch chan int) {
	started.Done()
	<-ch
}

// recurse descends depth frames, then blocks on a channel receive.
//
//go:noinline
func recurse(depth int, ch chan int) int {
	if depth == 0 {
		started.Done()
		return <-ch
	}
	return recurse(depth-1, ch) + 1
}

// Queue is a generic type whose method blocks, so debug=2 prints `[...]`.
type Queue[T any] struct{ ch chan T }

//go:noinline
func (q *Queue[T]) Pop() T {
	started.Done()
	return <-q.ch
}

//go:noinline
func holdLock(mu *sync.Mutex) {
	mu.Lock()
	started.Done()
	select {} // holds mu forever
}

//go:noinline
func waitLock(mu *sync.Mutex) {
	started.Done()
	mu.Lock() // blocks forever: holdLock never unlocks
}

//go:noinline
func waitGroupWaiter(wg *sync.WaitGroup) {
	started.Done()
	wg.Wait() // nobody ever calls wg.Done
}

// contend produces real (finished) contention so block and mutex profiles
// have records: 4 goroutines fight over a mutex and a channel for a while.
//
//go:noinline
func contend() {
	var mu sync.Mutex
	ch := make(chan int)
	var done sync.WaitGroup
	for i := 0; i < 4; i++ {
		done.Add(1)
		go func() {
			defer done.Done()
			for j := 0; j < 50; j++ {
				mu.Lock()
				time.Sleep(100 * time.Microsecond)
				mu.Unlock()
			}
		}()
	}
	done.Add(1)
	go func() {
		defer done.Done()
		for j := 0; j < 20; j++ {
			ch <- j
		}
	}()
	for j := 0; j < 20; j++ {
		time.Sleep(200 * time.Microsecond)
		<-ch
	}
	done.Wait()
}

//go:noinline
func allocSmall() {
	for i := 0; i < 2000; i++ {
		retained = append(retained, make([]byte, 64))
	}
}

//go:noinline
func allocLarge() {
	for i := 0; i < 8; i++ {
		retained = append(retained, make([]byte, 256<<10))
	}
}

func main() {
	runtime.MemProfileRate = 512 // many heap records
	addr := flag.String("addr", "127.0.0.1:6061", "listen address (loopback only)")
	flag.Parse()
	runtime.SetBlockProfileRate(1)
	runtime.SetMutexProfileFraction(1)

	contend()
	allocSmall()
	allocLarge()

	spawn := func(n int, f func()) {
		started.Add(n)
		for i := 0; i < n; i++ {
			go f()
		}
	}
	spawn(1000, leakForever)
	spawn(1000, leakAgain)

	labelled := func(n int, labels pprof.LabelSet) {
		spawn(n, func() {
			pprof.Do(context.Background(), labels, func(ctx context.Context) {
				subscriber(ctx, make(chan int))
			})
		})
	}
	labelled(6, pprof.Labels("component", "pubsub", "tenant", "t0"))
	labelled(3, pprof.Labels("component", "pubsub", "tenant", "t1"))
	labelled(2, pprof.Labels("component", "ingest"))

	spawn(1, func() { recurse(130, make(chan int)) })

	q := &Queue[string]{ch: make(chan string)}
	spawn(1, func() { q.Pop() })

	var mu sync.Mutex
	started.Add(1)
	go holdLock(&mu)
	started.Wait() // mu is now held
	spawn(1, func() { waitLock(&mu) })

	var never sync.WaitGroup
	never.Add(1)
	spawn(1, func() { waitGroupWaiter(&never) })

	started.Wait()
	time.Sleep(300 * time.Millisecond) // let every goroutine park after Done
	runtime.GC()                       // publish the heap profile
	runtime.GC()

	log.Printf("leaky: setup done, %d goroutines, serving on %s", runtime.NumGoroutine(), *addr)
	log.Fatal(http.ListenAndServe(*addr, nil))
}
