// Command cppnames writes Fixtures/handwritten/cpp-names.pb.gz: a small
// hand-made CPU profile whose function names are the kinds other profilers
// store (demangled C++ and Rust, Go generics, Java), to check that profconv's
// reports simplify names as `go tool pprof` does (-symbolize=demangle=...).
//
// It uses google/pprof's own profile package, from Debian's
// golang-github-google-pprof-dev, built offline:
//
//	GOPATH=/usr/share/gocode GO111MODULE=off go run ./Scripts/fixture-programs/cppnames -o Fixtures/handwritten/cpp-names.pb.gz
//
// With -invalid-utf8 it writes Fixtures/handwritten/invalid-utf8.pb.gz
// instead: the same profile plus a function, file and label whose strings
// are not valid UTF-8 (as profilers of C programs write them), to check that
// pprof → pprof keeps every byte.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/google/pprof/profile"
)

// A function's stored name and system name. Most profilers store the same
// text in both (so pprof simplifies it); an empty name, or a name that
// differs from the system name ("already demangled"), are handled apart.
type fn struct{ name, system string }

var functions = []fn{
	{"main", "main"},
	{"std::vector<int, std::allocator<int> >::push_back(int const&)", "std::vector<int, std::allocator<int> >::push_back(int const&)"},
	{"<pprof::backtrace::Trace as pprof::backtrace::Trace>::trace", "<pprof::backtrace::Trace as pprof::backtrace::Trace>::trace"},
	{"go-loser.New[go.shape.uint64,go.shape.interface { At() uint64; Err() error }]", "go-loser.New[go.shape.uint64,go.shape.interface { At() uint64; Err() error }]"},
	{"main.(*Queue[...]).Pop", "main.(*Queue[...]).Pop"},
	{"java.lang.Object.<init>", "java.lang.Object.<init>"},
	{"foo::operator>(int)", "foo::operator>(int)"},
	{"core::ptr::drop_in_place<alloc::vec::Vec<u8>>", "core::ptr::drop_in_place<alloc::vec::Vec<u8>>"},
	{"<[T] as core::fmt::Debug>::fmt", "<[T] as core::fmt::Debug>::fmt"},
	{"", "ns::helper<int>(char const*)"},
	{"Foo::bar", "Foo::bar(int) const"},
	{"unbalanced::f(a))(b)", "unbalanced::f(a))(b)"},
	{"plain.go.Func", "plain.go.Func"},
}

// Stacks as indices into functions, leaf first, with [samples, cpu ns].
var samples = []struct {
	stack  []int
	values []int64
}{
	{[]int{1, 0}, []int64{7, 70000000}},
	{[]int{2, 1, 0}, []int64{3, 30000000}},
	{[]int{3, 0}, []int64{5, 50000000}},
	{[]int{4, 3, 0}, []int64{2, 20000000}},
	{[]int{5, 0}, []int64{4, 40000000}},
	{[]int{6, 5, 0}, []int64{1, 10000000}},
	{[]int{7, 0}, []int64{6, 60000000}},
	{[]int{8, 7, 0}, []int64{2, 20000000}},
	{[]int{9, 0}, []int64{3, 30000000}},
	{[]int{10, 9, 0}, []int64{1, 10000000}},
	{[]int{11, 0}, []int64{2, 20000000}},
	{[]int{12, 11, 0}, []int64{1, 10000000}},
	{[]int{12, 0}, []int64{1, 10000000}},
}

func main() {
	out := flag.String("o", "cpp-names.pb.gz", "output file")
	invalid := flag.Bool("invalid-utf8", false, "add strings that are not valid UTF-8")
	flag.Parse()
	if *invalid {
		functions = append(functions, fn{"bad\xff\xfename\x80", "bad\xff\xfename\x80"})
		samples = append(samples, struct {
			stack  []int
			values []int64
		}{[]int{len(functions) - 1, 0}, []int64{1, 10000000}})
	}

	m := &profile.Mapping{ID: 1, Start: 0x400000, Limit: 0x500000, File: "cppnames", HasFunctions: true, HasFilenames: true, HasLineNumbers: true}
	p := &profile.Profile{
		SampleType:    []*profile.ValueType{{Type: "samples", Unit: "count"}, {Type: "cpu", Unit: "nanoseconds"}},
		PeriodType:    &profile.ValueType{Type: "cpu", Unit: "nanoseconds"},
		Period:        10000000,
		TimeNanos:     1764547200000000000, // 2025-12-01 00:00 UTC: fixed, so the file is reproducible
		DurationNanos: 1000000000,
		Mapping:       []*profile.Mapping{m},
	}
	var locs []*profile.Location
	for i, f := range functions {
		// One file per function: pprof's -files granularity keeps them apart.
		file := fmt.Sprintf("src/names%d.cc", i)
		if *invalid && i == len(functions)-1 {
			file = "src/\xc3(latin1\xe9).c"
		}
		pf := &profile.Function{ID: uint64(i + 1), Name: f.name, SystemName: f.system, Filename: file, StartLine: int64(10 * (i + 1))}
		p.Function = append(p.Function, pf)
		l := &profile.Location{ID: uint64(i + 1), Mapping: m, Address: 0x401000 + uint64(i)*0x10, Line: []profile.Line{{Function: pf, Line: int64(10*(i+1) + 2)}}}
		p.Location = append(p.Location, l)
		locs = append(locs, l)
	}
	for _, s := range samples {
		var stack []*profile.Location
		for _, i := range s.stack {
			stack = append(stack, locs[i])
		}
		sample := &profile.Sample{Location: stack, Value: s.values}
		if *invalid {
			sample.Label = map[string][]string{"thread": {"w\xf0\x28\x8c\xbc"}}
		}
		p.Sample = append(p.Sample, sample)
	}
	if err := p.CheckValid(); err != nil {
		log.Fatal(err)
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := p.Write(f); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
