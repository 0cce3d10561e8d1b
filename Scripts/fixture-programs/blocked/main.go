// Command blocked parks a few goroutines in the runtime's usual waits
// (channel receive and send, select, mutex, WaitGroup, sleep), then writes
// its own goroutine profile as debug=1 text and as debug=0 pprof, and exits.
// Its stripped build and those two files are the symbolization fixtures
// (Fixtures/symbolize/, see Fixtures/README.md): the debug=1 text leaves the
// runtime frames unnamed, which --binary names from this binary's pclntab.
//
//	go build -trimpath -ldflags='-s -w' -o Fixtures/symbolize/blocked .
//	Fixtures/symbolize/blocked -out Fixtures/symbolize
package main

import (
	"flag"
	"log"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sync"
	"time"
)

var started sync.WaitGroup

//go:noinline
func receive(ch chan int) {
	started.Done()
	<-ch
}

//go:noinline
func send(ch chan int) {
	started.Done()
	ch <- 1
}

//go:noinline
func wait(a, b chan int) {
	started.Done()
	select {
	case <-a:
	case <-b:
	}
}

//go:noinline
func lock(mu *sync.Mutex) {
	started.Done()
	mu.Lock()
}

//go:noinline
func waitGroup(wg *sync.WaitGroup) {
	started.Done()
	wg.Wait()
}

//go:noinline
func sleep() {
	started.Done()
	time.Sleep(time.Hour)
}

func write(path string, debug int) {
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.Lookup("goroutine").WriteTo(f, debug); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

func main() {
	out := flag.String("out", ".", "directory for goroutine.debug1.txt and goroutine.debug0.pb.gz")
	flag.Parse()
	var mu sync.Mutex
	var wg sync.WaitGroup
	mu.Lock()
	wg.Add(1)
	never := make(chan int)  // nobody sends on it
	unread := make(chan int) // nobody receives from it
	for i := 0; i < 3; i++ {
		started.Add(1)
		go receive(never)
	}
	started.Add(5)
	go send(unread)
	go wait(never, never)
	go lock(&mu)
	go waitGroup(&wg)
	go sleep()
	started.Wait()
	// Done() comes just before each wait: give the goroutines time to park.
	time.Sleep(100 * time.Millisecond)
	write(filepath.Join(*out, "goroutine.debug1.txt"), 1)
	write(filepath.Join(*out, "goroutine.debug0.pb.gz"), 0)
}
