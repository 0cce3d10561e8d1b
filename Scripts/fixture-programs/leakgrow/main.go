// Command leakgrow leaks goroutines at three sites at different rates while
// short-lived "request" goroutines come and go, and serves net/http/pprof on
// -addr. Snapshots taken a few seconds apart show the three sites growing
// linearly and the workers fluctuating. Used by Scripts/capture-fixtures.sh.
//
// Known leak sites (one burst per 1-second tick, the first tick 1 s after start):
//   - main.leakRecv   50 per tick, blocked in a channel receive  ([chan receive])
//   - main.leakSelect 20 per tick, blocked in a 2-case select     ([select])
//   - main.leakLock    5 per tick, blocked on a mutex held forever ([semacquire])
//
// GET /leaks returns "tick=N recv=R select=S lock=L" (goroutines spawned so far)
// so a capture script can take its snapshots right after a tick.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"net/http"
	_ "net/http/pprof"
	"sync"
	"sync/atomic"
	"time"
)

var ticks, nRecv, nSelect, nLock atomic.Int64

//go:noinline
func leakRecv(ch chan int) {
	<-ch // leak site 1: nobody ever sends
}

//go:noinline
func leakSelect(a, b chan int) {
	select { // leak site 2: neither channel is ever ready
	case <-a:
	case <-b:
	}
}

//go:noinline
func leakLock(mu *sync.Mutex) {
	mu.Lock() // leak site 3: the mutex is held forever by holdForever
	mu.Unlock()
}

//go:noinline
func holdForever(mu *sync.Mutex, held chan struct{}) {
	mu.Lock()
	close(held)
	select {}
}

// leakTick spawns one burst of leaks per second, forever.
func leakTick(mu *sync.Mutex) {
	t := time.NewTicker(time.Second)
	for range t.C {
		for i := 0; i < 50; i++ {
			go leakRecv(make(chan int))
		}
		for i := 0; i < 20; i++ {
			go leakSelect(make(chan int), make(chan int))
		}
		for i := 0; i < 5; i++ {
			go leakLock(mu)
		}
		nRecv.Add(50)
		nSelect.Add(20)
		nLock.Add(5)
		ticks.Add(1)
	}
}

// handleRequest is a well-behaved short-lived worker: it lives 10-200 ms.
//
//go:noinline
func handleRequest(d time.Duration, viaSelect bool, done chan struct{}) {
	if viaSelect {
		select {
		case <-done:
		case <-time.After(d):
		}
		return
	}
	time.Sleep(d)
}

// spawnWorkers starts one worker every 5 ms (~200/s, ~20 alive at a time).
func spawnWorkers() {
	r := rand.New(rand.NewSource(1))
	done := make(chan struct{}) // never closed; workers time out
	for {
		d := time.Duration(10+r.Intn(191)) * time.Millisecond
		go handleRequest(d, r.Intn(2) == 0, done)
		time.Sleep(5 * time.Millisecond)
	}
}

func main() {
	addr := flag.String("addr", "127.0.0.1:6063", "listen address (loopback only)")
	flag.Parse()

	var mu sync.Mutex
	held := make(chan struct{})
	go holdForever(&mu, held)
	<-held
	go leakTick(&mu)
	go spawnWorkers()

	http.HandleFunc("/leaks", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintf(w, "tick=%d recv=%d select=%d lock=%d\n",
			ticks.Load(), nRecv.Load(), nSelect.Load(), nLock.Load())
	})
	log.Printf("leakgrow: serving on %s", *addr)
	log.Fatal(http.ListenAndServe(*addr, nil))
}
