// Command tiny is the smallest Go program with an inlined call, for the
// symbolization tests and fuzz seeds.
package main

import "os"

func add(a, b int) int { return a + b }

//go:noinline
func compute(n int) int { return add(n, len(os.Args)) }

func main() { os.Exit(compute(0) - 1) }
