// Command panicker parks a few goroutines in different places, then either
// panics (-mode=crash; run it with GOTRACEBACK=all and keep stderr: that is
// the crash dump) or prints runtime.Stack(buf, true) to stdout (-mode=stack).
// Used by Scripts/capture-fixtures.sh.
//
// Parked goroutines:
//   - main.genericWait[...]: a generic function blocked in a channel receive;
//   - main.recvInt (inlined into main.consumer): shows as `main.recvInt(...)`;
//   - main.sleeper: time.Sleep;  main.lockWaiter: a held sync.Mutex;
//   - main.nothing: select {};   main.recurse: 130 frames deep, chan receive.
//
// In -mode=stack the dump is taken from the bottom of a 130-deep recursion on
// the calling goroutine, whose frames are all visible, so Go 1.19 prints its
// "...additional frames elided..." line there.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"
)

var started sync.WaitGroup

//go:noinline
func genericWait[T any](ch chan T) T {
	started.Done()
	return <-ch
}

// recvInt is small enough to be inlined into consumer.
func recvInt(ch chan int) int { return <-ch }

//go:noinline
func consumer(ch chan int) int {
	started.Done()
	return recvInt(ch) + 1
}

//go:noinline
func sleeper() {
	started.Done()
	time.Sleep(time.Hour)
}

//go:noinline
func lockWaiter(mu *sync.Mutex) {
	started.Done()
	mu.Lock()
}

//go:noinline
func nothing() {
	started.Done()
	select {}
}

//go:noinline
func recurse(depth int, ch chan int) int {
	if depth == 0 {
		started.Done()
		return <-ch
	}
	return recurse(depth-1, ch) + 1
}

// dumpDeep recurses depth frames, then writes every goroutine's stack.
//
//go:noinline
func dumpDeep(depth int) int {
	if depth == 0 {
		buf := make([]byte, 1<<20)
		for {
			n := runtime.Stack(buf, true)
			if n < len(buf) {
				os.Stdout.Write(buf[:n])
				return n
			}
			buf = make([]byte, 2*len(buf))
		}
	}
	return dumpDeep(depth-1) + 1
}

type config struct{ name string }

//go:noinline
func (c *config) validate() {
	panic(fmt.Errorf("config %q: invalid: missing endpoint", c.name))
}

// run re-panics what validate threw, so the crash shows "[recovered]" and a
// `panic(...)` frame (runtime.gopanic) between the deferred func and validate.
//
//go:noinline
func run(c *config) {
	defer func() {
		if r := recover(); r != nil {
			panic(fmt.Sprintf("run: %v", r))
		}
	}()
	c.validate()
}

func main() {
	mode := flag.String("mode", "crash", "crash | stack | ancestors")
	flag.Parse()

	var mu sync.Mutex
	mu.Lock() // held forever by main

	started.Add(6)
	go genericWait(make(chan []string))
	go consumer(make(chan int))
	go sleeper()
	go lockWaiter(&mu)
	go nothing()
	go recurse(130, make(chan int))
	started.Wait()
	time.Sleep(100 * time.Millisecond) // let them all park

	switch *mode {
	case "stack":
		dumpDeep(130)
	case "crash":
		run(&config{name: "primary"})
	case "ancestors":
		started.Add(1)
		go relay(2, make(chan int))
		started.Wait()
		time.Sleep(100 * time.Millisecond)
		run(&config{name: "primary"})
	default:
		fmt.Fprintln(os.Stderr, "unknown -mode", *mode)
		os.Exit(2)
	}
}

// relay starts the next link of a goroutine chain from its own stack, so
// each link's ancestors are the links before it: -mode=ancestors starts a
// chain of three, then panics like -mode=crash. Run it with
// GODEBUG=tracebackancestors=N to see the `[originating from goroutine N]:`
// sections. (Placed last so the other modes' captures keep their line numbers.)
//
//go:noinline
func relay(depth int, ch chan int) {
	if depth > 0 {
		started.Add(1)
		go relay(depth-1, ch)
	}
	started.Done()
	<-ch
}
