import Foundation
import ProfileCore
import ProfileTestSupport
import Testing
@testable import ProfileFormats

@Suite("perf script text")
struct PerfScriptTests {
    /// The real captures of Fixtures/perf (Scripts/capture.d/perf.sh).
    static let captures = ["go-fp", "go-dwarf", "c-fp", "c-dwarf", "node-fp"]
    /// stackcollapse-perf.pl's option sets, as the expected files name them.
    static let optionSets = ["none", "pid", "tid", "kernel", "jit", "all", "addrs"]

    static func read(_ file: String, _ option: String = "none", merging: Bool = true) throws -> FormatRegistry.Decoded {
        var options = ReadOptions()
        options.mergeSamplesByStack = merging
        if let o = PerfScriptFormat.userOptions.first(where: { $0.name == option }) {
            try o.set(in: &options, of: PerfScriptFormat.self)
        }
        return try Fixture.decode("perf/\(file).perf", options: options)
    }

    /// Folded text as a multiset: stack → summed count.
    static func multiset(_ text: String) -> [String: Int64] {
        var m: [String: Int64] = [:]
        for line in text.split(separator: "\n") where !line.isEmpty {
            guard let space = line.lastIndex(of: " ") else { continue }
            m[String(line[..<space]), default: 0] += Int64(line[line.index(after: space)...]) ?? 0
        }
        return m
    }

    /// stackcollapse-perf.pl cuts a frame at its first `(` not opening
    /// `(anonymous namespace)` (unless the name has `.(…).`, Go's methods);
    /// inferno, whose rule profconv follows, cuts at the first `(` outside
    /// `<>`, `[]` and `{}`. On the Node capture the Perl rule cuts V8's
    /// `ElementsKindTraits<(v8::internal::ElementsKind)0>` inside its
    /// template arguments and merges two different functions into one
    /// frame; this applies the Perl rule to our frames, to show that it is
    /// the only difference.
    static func perlCut(_ folded: [String: Int64]) -> [String: Int64] {
        var m: [String: Int64] = [:]
        for (stack, count) in folded {
            let frames = stack.split(separator: ";", omittingEmptySubsequences: false).map { frame -> String in
                let f = String(frame)
                if f.range(of: #"\.\(.*\)\."#, options: .regularExpression) != nil { return f }
                guard let r = f.range(of: #"\((?!anonymous namespace\)).*"#, options: .regularExpression) else { return f }
                return String(f[..<r.lowerBound])
            }
            m[frames.joined(separator: ";"), default: 0] += count
        }
        return m
    }

    @Test("each real capture gives stackcollapse-perf.pl's folded output, with each of its option sets",
          arguments: captures)
    func equalsStackcollapsePerf(_ capture: String) throws {
        for option in Self.optionSets {
            let d = try Self.read(capture, option)
            #expect(d.format.name == PerfScriptFormat.name)
            let ours = Self.multiset(try written(d.profile, as: FoldedFormat.self))
            let perl = Self.multiset(try String(contentsOfFile: Fixture.path("perf/\(capture).\(option).folded"), encoding: .utf8))
            if capture.hasPrefix("node") {
                #expect(ours != perl, "the Node capture has V8 template names the two rules cut differently")
                #expect(Self.perlCut(ours) == perl, "\(capture) --\(option)")
            } else {
                #expect(ours == perl, "\(capture) --\(option)")
            }
        }
    }

    @Test("samples count events and sum periods (the default, as stackcollapse-perf.pl sums them); labels name comm, tid, event and time")
    func typesAndLabels() throws {
        let d = try Self.read("c-fp", merging: false)
        #expect(d.profile.sampleTypeNames == "samples/count, cpu-clock/nanoseconds")
        var options = WriteOptions()
        options[FoldedFormat.Options.self].labelsAsRootFrames = true
        let folded = try written(d.profile, as: FoldedFormat.self, options: options)
        let first = try #require(folded.split(separator: "\n").first)
        #expect(first.hasPrefix("comm=cspin;event=cpu-clock;tid="))
        #expect(first.contains(";time="))
        let totals = d.profile.totals()
        #expect(totals[1] > totals[0] * 1_000_000, "a cpu-clock period is about 2 ms at 499 Hz")
    }

    static let twoEvents = """
        java 24636/25607 [003] 4794564.109216:     100 cycles:u:
        \t    7f722d142778 Ljava/io/PrintStream;::print (/tmp/perf-24636.map)
        \t    7f722d142000 Interpreter (/tmp/perf-24636.map)

        java 24636/25607 [003] 4794564.109300:     7 instructions:u:
        \t    7f722d142778 Ljava/io/PrintStream;::print (/tmp/perf-24636.map)

        V8 WorkerThread 24636/25610 94564.109216: 50 cycles:u:
        \tffffffff8103ce3b native_safe_halt ([kernel.kallsyms])
        \t    7f53389994d0 [unknown] ([unknown])

        """

    @Test("only the first event's samples are kept, or --event-filter's; PID/TID, CPU, spaces in comm; `;` in a name becomes `:`")
    func events() throws {
        let d = try readText(Self.twoEvents)
        #expect(d.format.name == PerfScriptFormat.name)
        #expect(try written(d.profile, as: FoldedFormat.self) == """
            V8_WorkerThread;[unknown];native_safe_halt 50
            java;Interpreter;java/io/PrintStream:::print 100

            """)
        var options = ReadOptions()
        try PerfScriptFormat.userOptions.first { $0.name == "event-filter" }!.set(in: &options, value: "instructions:u", of: PerfScriptFormat.self)
        try PerfScriptFormat.userOptions.first { $0.name == "tid" }!.set(in: &options, of: PerfScriptFormat.self)
        try PerfScriptFormat.userOptions.first { $0.name == "all" }!.set(in: &options, of: PerfScriptFormat.self)
        let filtered = try readText(Self.twoEvents, options: options)
        #expect(filtered.profile.sampleTypeNames == "samples/count, instructions:u/count")
        #expect(try written(filtered.profile, as: FoldedFormat.self) == "java-24636/25607;java/io/PrintStream:::print_[j] 7\n")
    }

    @Test("headers without a time (perf script -F comm,tid,period,event,…), or without a period, keep their event and period")
    func headersWithoutTime() throws {
        let text = "go 6157 250000 cpu-clock:uhH:\n\t 414297 runtime.main+0x27 (/opt/go)\n\ngo 6157 [001] cpu-clock:\n\t 414297 main.f (/opt/go)\n\n"
        let d = try readText(text)
        #expect(d.format.name == PerfScriptFormat.name)
        #expect(try written(d.profile, as: FoldedFormat.self) == "go;main.f 1\ngo;runtime.main 250000\n")
    }

    @Test("a header or callchain line of another shape is skipped with one warning naming its lines")
    func weirdLines() throws {
        let text = """
            prog 12 1.000001: 1 cpu-clock:
            \t 4005d0 main+0x10 (/opt/prog)
            \t THIS IS NOT A FRAME
            \t 4005a0 start (/opt/prog)

            prog 12 1.000002: 1 cpu-clock:

            \t 4005d0 main+0x10 (/opt/prog)

            """
        let d = try readText(text)
        #expect(try written(d.profile, as: FoldedFormat.self) == "prog;start;main 1\n")
        #expect(d.warnings.messages == [
            "line 3: skipped 1 callchain line of another shape (line 3; first: \"THIS IS NOT A FRAME\")",
            "line 8: skipped 1 line that is not an event header (line 8; first: \"4005d0 main+0x10 (/opt/prog)\")",
        ])
    }

    @Test("cut into chunks at blank lines, the input reads as in one piece", arguments: [2, 3, 7])
    func chunks(_ n: Int) throws {
        let bytes = try Fixture.bytes("perf/go-fp.perf")
        var w1 = Warnings(), w2 = Warnings()
        let one = try bytes.withUnsafeBytes { try PerfScriptFormat.read($0, options: ReadOptions(), chunks: 1, warnings: &w1) }
        let many = try bytes.withUnsafeBytes { try PerfScriptFormat.read($0, options: ReadOptions(), chunks: n, warnings: &w2) }
        #expect(try written(one, as: FoldedFormat.self) == written(many, as: FoldedFormat.self))
        #expect(one.samples.count == many.samples.count)
        let ranges = bytes.withUnsafeBytes { StackBlocks.split($0, into: n) { _ in true } }
        #expect(ranges.count == n)
        for r in ranges.dropFirst() { #expect(bytes[r.lowerBound - 2] == 0x0A && bytes[r.lowerBound - 1] == 0x0A) }
    }

    @Test("text of other formats is not perf script")
    func sniff() throws {
        for text in ["a;b 12\n", "goroutine profile: total 1\n", "heap profile: 3: 1049088 [6: 1917440] @ heap/1048576\n1: 1048576 [1: 1048576] @ 0x662af6\n",
                     "CPU     ID                    FUNCTION:NAME\n  8  35077   :tick-60s\n\n  libc`f+0x1\n  1\n"] {
            let s = Array(text.utf8).withUnsafeBytes { PerfScriptFormat.sniff($0) }
            #expect(s == .no, "\(text)")
        }
    }
}
