import Foundation
import Testing
@testable import profconv

/// The readers' own options reach the command line from the registry.
@Suite("reader options on the command line")
struct ReaderArgumentsTests {
    let dump = "Fixtures/go1.19/leaky/goroutine.debug2.txt"
    let proto = "Fixtures/go1.19/leaky/goroutine.debug0.pb.gz"

    @Test("a reader's option is carried to the parser, with its value in either spelling", arguments: [
        (["top", "--creator-frames", "x"], ["top", "--reader-option", "creator-frames", "x"]),
        (["top", "--heap-default", "alloc_space", "x"], ["top", "--reader-option", "heap-default=alloc_space", "x"]),
        (["top", "--heap-default=alloc_space", "x"], ["top", "--reader-option", "heap-default=alloc_space", "x"]),
        (["top", "--heap-default", "--cum", "x"], ["top", "--reader-option", "heap-default", "--cum", "x"]),
        (["top", "--", "--creator-frames"], ["top", "--", "--creator-frames"]),
        (["formats", "--creator-frames"], ["formats", "--creator-frames"]),
    ])
    func translation(_ given: [String], _ parsed: [String]) {
        #expect(Profconv.parserArguments(given) == parsed)
    }

    @Test("--creator-frames acts on a goroutine dump")
    func acts() throws {
        let plain = try CLI.run(["convert", dump, "--to", "folded"])
        let creators = try CLI.run(["convert", dump, "--to", "folded", "--creator-frames"])
        #expect(plain.status == 0 && creators.status == 0, "\(creators.stderr)")
        #expect(plain.text != creators.text)
    }

    @Test("a reader's option on another reader's input is refused in one line, naming both")
    func refused() throws {
        let r = try CLI.run(["top", proto, "--creator-frames"])
        #expect(r.status == 1)
        #expect(r.stderr == "profconv: error: \(proto): the option creator-frames reads debug2 input only, and this input is pprof\n")
        #expect(r.text.isEmpty)
    }

    @Test("a value option without its value, and a flag with one, are usage errors")
    func malformed() throws {
        let missing = try CLI.run(["top", dump, "--heap-default"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("--heap-default needs a value (type)"))
        let valued = try CLI.run(["top", dump, "--creator-frames=yes"])
        #expect(valued.status == 64)
        #expect(valued.stderr.contains("--creator-frames is a flag and takes no value"))
    }

    @Test("the help of a command that reads lists each reader's options under its name")
    func help() throws {
        let r = try CLI.run(["top", "--help"])
        #expect(r.status == 0)
        #expect(r.text.contains("\nDEBUG2 INPUT:\n  --creator-frames "))
        #expect(r.text.contains("\nDEBUG1 INPUT:\n  --heap-default <type> "))
        #expect(try !CLI.run(["formats", "--help"]).text.contains("INPUT:"))
    }
}

/// Option values that once trapped (issue 29, items 2 and 5).
@Suite("extreme option values and times")
struct ExtremeValueCLITests {
    @Test("--timeout must be a finite number above 0", arguments: ["nan", "inf", "0", "1e400"])
    func timeout(_ value: String) throws {
        let r = try CLI.run(["top", "http://127.0.0.1:9/debug/pprof/goroutine", "--timeout=\(value)"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--timeout takes a number of seconds above 0"))
    }

    @Test("a profile timed at Int64.min nanoseconds shows its date in info, top and the flame graph")
    func earliestTime() throws {
        let path = "Fixtures/bad/time-nanos-min.pb"
        let info = try CLI.run(["info", path])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.text.contains("1677-09-21T00:12:43Z"))
        #expect(try CLI.run(["top", path]).status == 0)
        #expect(try CLI.run(["convert", path, "--to", "flamegraph"]).status == 0)
    }
}
