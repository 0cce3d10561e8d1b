import ProfileCore
@testable import ProfileFormats
import Testing

/// The three goroutine captures of `leaky` were taken back to back; the HTTP
/// server's own goroutines (the one serving each capture and its connection
/// reader) differ between the three requests, so comparisons leave them out.
let httpServing: @Sendable (String) -> Bool = { $0.hasPrefix("net/http/pprof.") || $0.contains("connReader") }

@Suite("Go debug=1 text")
struct GoDebug1Tests {
    @Test("the leaky goroutine profile in debug=1 has debug=0's stacks and counts once debug=1's frame hiding is applied")
    func goroutineMatchesDebug0() throws {
        let d0 = try Fixture.decode("go1.19/leaky/goroutine.debug0.pb.gz").profile
        let d1 = try Fixture.decode("go1.19/leaky/goroutine.debug1.txt")
        #expect(ObjectIdentifier(d1.format) == ObjectIdentifier(GoDebug1Format.self))
        #expect(GoStacks.typeNames(d1.profile) == GoStacks.typeNames(d0))
        #expect(d1.profile.period == d0.period)
        #expect(d1.profile.totals() == d0.totals())
        // Both forms are cut at 32 frames, so no depth allowance is needed.
        #expect(GoStacks.folded(d1.profile, exclude: httpServing) == GoStacks.folded(d0, exclude: httpServing))
    }

    @Test("with keepUnnamedFrames, hidden runtime frames stay as address-only locations, so stack depths equal debug=0's")
    func addressOnlyLocations() throws {
        let d0 = try Fixture.decode("go1.19/leaky/goroutine.debug0.pb.gz").profile
        var options = ReadOptions()
        options[GoDebug1Format.Options.self].keepUnnamedFrames = true
        let d1 = try FormatRegistry.read(Fixture.bytes("go1.19/leaky/goroutine.debug1.txt"), options: options).profile
        func depths(_ p: Profile) -> [Int: Int] {
            var out: [Int: Int] = [:]
            for s in 0..<p.samples.count { out[p.samples.locations(of: s).count, default: 0] += 1 }
            return out
        }
        #expect(depths(d1)[32] == 1)  // the recursion: 3 hidden runtime frames + 29 recurse
        let leak = try #require((0..<d1.samples.count).first { GoStacks.frames(d1, $0) == ["main.leakForever"] })
        let locs = d1.samples.locations(of: leak)
        #expect(locs.count == 3)  // gopark, block (address-only), leakForever; goexit dropped as in debug=0
        #expect(d1.locations[Int(locs[0])].address == 0x43b2f5)
        let d0Addresses = Set(d0.locations.map(\.address))
        for l in locs { #expect(d0Addresses.contains(d1.locations[Int(l)].address)) }
    }

    @Test("labels come from `# labels:` with Go %q unquoting")
    func labels() throws {
        let p = try Fixture.decode("go1.19/leaky/goroutine.debug1.txt").profile
        var byLabels: [[String: String]: Int64] = [:]
        for s in 0..<p.samples.count where !p.samples.labels(of: s).isEmpty {
            byLabels[GoStacks.labels(p, s), default: 0] += p.samples.value(of: s, at: 0)
        }
        #expect(byLabels == [["component": "pubsub", "tenant": "t0"]: 6,
                             ["component": "pubsub", "tenant": "t1"]: 3,
                             ["component": "ingest"]: 2])
        let quoted = try readText("goroutine profile: total 1\n1 @ 0x401001\n# labels: {\"a b\":\"x\\\"y\\u00e9\\t\"}\n#\t0x401000\tmain.f+0x0\t/m.go:1\n\n").profile
        #expect(GoStacks.labels(quoted, 0) == ["a b": "x\"yé\t"])
    }

    @Test("inlined calls (one fake PC per call in Go 1.19) become one location with several lines, as in debug=0")
    func inlinedFrames() throws {
        let d1 = try Fixture.decode("go1.19/leaky/goroutine.debug1.txt").profile
        let loc = try #require(d1.locations.first { $0.address == 0x4b10b9 })
        let names = d1.lines[loc.lineRange].map { d1.strings[d1.functions[Int($0.functionIndex)].name] }
        #expect(names == ["internal/poll.(*pollDesc).waitRead", "internal/poll.(*FD).Read"])
    }

    @Test("heap, allocs, block and mutex have debug=0's sample types, units, period and stacks; values agree within 1% (the captures were taken moments apart)",
          arguments: ["heap", "allocs", "block", "mutex"])
    func memoryAndContention(kind: String) throws {
        let d0 = try Fixture.decode("go1.19/leaky/\(kind).debug0.pb.gz").profile
        let d1 = try Fixture.decode("go1.19/leaky/\(kind).debug1.txt").profile
        #expect(GoStacks.typeNames(d1) == GoStacks.typeNames(d0))
        #expect(d1.period == d0.period)
        #expect(d1.periodType.map { d1.strings[$0.type] } == d0.periodType.map { d0.strings[$0.type] })
        // The program's own allocation and contention sites (main.*) are
        // stable between the two captures; the runtime's, the HTTP server's
        // and the program's logging (log.Printf) change between requests.
        let stable: (String) -> Bool = { $0.contains("main.") && !$0.contains("net/http") && !$0.contains("log.") }
        for t in d0.sampleTypes.indices {
            let a = GoStacks.folded(d0, typeIndex: t).filter { k, _ in stable(k) }
            let b = GoStacks.folded(d1, typeIndex: t).filter { k, _ in stable(k) }
            #expect(Set(a.keys) == Set(b.keys), "sample type \(t)")
            for (k, v) in a {
                let w = b[k] ?? 0
                #expect(abs(v - w) <= max(1, v / 100), "\(kind) \(k): debug=0 \(v), debug=1 \(w)")
            }
        }
    }

    @Test("the heap's runtime.MemStats trailer is kept as comments")
    func memStatsComments() throws {
        let p = try Fixture.decode("go1.19/leaky/heap.debug1.txt").profile
        let comments = p.comments.map { p.strings[$0] }
        #expect(comments.first == "runtime.MemStats")
        #expect(comments.contains { $0.hasPrefix("NumGC = ") })
    }

    @Test("threadcreate's empty stacks (`#\\t0x0`) are samples without locations")
    func threadcreate() throws {
        let p = try Fixture.decode("go1.19/leaky/threadcreate.debug1.txt").profile
        #expect(GoStacks.typeNames(p) == ["threadcreate/count"])
        #expect((0..<p.samples.count).contains { p.samples.locations(of: $0).isEmpty })
        #expect(p.totals() == [7] || p.totals() == [6])
    }

    @Test("the writer aligns `#` lines exactly as Go's tabwriter does")
    func alignment() throws {
        for name in ["goroutine", "heap", "block"] {
            let text = String(decoding: try Fixture.bytes("go1.19/leaky/\(name).debug1.txt"), as: UTF8.self)
            var block: [Substring] = []
            var checked = 0
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("#\t") { block.append(line); continue }
                if block.isEmpty { continue }
                var aligner = TabAligner()
                for l in block { aligner.add(l.split(separator: "\t").map(String.init)) }
                let sink = ByteSink()
                try aligner.flush(to: sink)
                #expect(String(decoding: sink.bytes, as: UTF8.self) == block.joined(separator: "\n") + "\n")
                checked += 1
                block = []
            }
            #expect(checked > 3)
        }
    }

    @Test("a profile written as debug=1 reads back with the same stacks, labels and values", arguments: [
        "go1.19/leaky/goroutine.debug0.pb.gz", "go1.19/leaky/heap.debug0.pb.gz", "go1.19/leaky/allocs.debug0.pb.gz",
        "go1.19/leaky/block.debug0.pb.gz", "go1.19/leaky/mutex.debug0.pb.gz", "go1.19/busy/goroutine.debug0.pb.gz",
    ])
    func roundTrip(fixture: String) throws {
        let original = try Fixture.decode(fixture).profile
        let text = try written(original, as: GoDebug1Format.self)
        let back = try readText(text)
        #expect(ObjectIdentifier(back.format) == ObjectIdentifier(GoDebug1Format.self))
        #expect(GoStacks.typeNames(back.profile) == GoStacks.typeNames(original))
        // The text holds sampled heap counts: a stack may move by the
        // unsampled worth of one object per record (the rounding of the
        // sampled count), at most 1% here; other kinds are exact.
        for t in original.sampleTypes.indices {
            let a = GoStacks.folded(original, typeIndex: t), b = GoStacks.folded(back.profile, typeIndex: t)
            #expect(Set(a.keys) == Set(b.keys))
            for (k, v) in a { #expect(abs(v - (b[k] ?? 0)) <= max(1, v / 100), "\(k)") }
        }
        // The writer is deterministic and a second round trip is stable.
        #expect(try written(back.profile, as: GoDebug1Format.self) == text)
    }

    @Test("folded stacks (no addresses) are written with stable synthetic addresses")
    func syntheticAddresses() throws {
        let folded = try readText("main.main;main.work;main.leaf 3\nmain.main;main.idle 1\n", format: FoldedFormat.self).profile
        let text = try written(folded, as: GoDebug1Format.self)
        #expect(text.hasPrefix("samples profile: total 4\n3 @ 0x"))
        #expect(text == (try written(folded, as: GoDebug1Format.self)))
        let back = try readText(text).profile
        #expect(GoStacks.folded(back) == ["main.main;main.work;main.leaf": 3, "main.main;main.idle": 1])
    }

    @Test("malformed text gives one error naming the line", arguments: [
        ("hello\n1 @ 0x1\n", 1, "not a Go debug=1 profile"),
        ("goroutine profile: total 1\nx @ 0x1\n", 2, "unexpected line"),
        ("goroutine profile: total 1\n1 0x1\n", 2, "expected `@`"),
        ("goroutine profile: total 1\n#\t0x1\tmain.f+0x1\t/a.go:1\n", 2, "before any record"),
        ("heap profile: 1: 2 [3: 4] @ heap/zz\n", 1, "rate"),
        ("goroutine profile: total 1\n1 @ 0xZZ\n", 2, "bad address"),
        ("--- mutex:\ncycles/second=x\n", 2, "bad number"),
        ("goroutine profile: total 1\n99999999999999999999 @ 0x1\n", 2, "bad count"),
    ])
    func malformed(text: String, line: Int, message: String) {
        #expect {
            _ = try GoDebug1Format.read(Array(text.utf8), options: ReadOptions())
        } throws: { error in
            guard let e = error as? ProfileError else { return false }
            return e.place == .line(line) && e.message.contains(message)
        }
    }

    @Test("a cut-off file is read as far as it goes, with a warning")
    func cutOff() throws {
        let bytes = try Fixture.bytes("go1.19/leaky/goroutine.debug1.txt")
        let cut = Array(bytes[..<(bytes.count / 2)])
        let d = try FormatRegistry.read(cut)
        #expect(d.warnings.messages.contains { $0.contains("cut off") })
        #expect(d.profile.samples.count > 3)
    }

    @Test("every debug=1 capture is sniffed as debug1, and no other fixture is", arguments: [
        "leaky/goroutine", "leaky/heap", "leaky/allocs", "leaky/block", "leaky/mutex", "leaky/threadcreate",
        "busy/goroutine", "busy/heap", "leakgrow/snap1.goroutine",
    ])
    func sniffing(name: String) throws {
        #expect(try Fixture.decode("go1.19/\(name).debug1.txt").format == GoDebug1Format.self)
        #expect(try Fixture.decode("go1.19/\(name).debug0.pb.gz").format == PprofFormat.self)
    }
}

extension GoDebug1Format {
    static func read(_ bytes: [UInt8], options: ReadOptions) throws -> Profile {
        var w = Warnings()
        return try bytes.withUnsafeBytes { try read($0, options: options, warnings: &w) }
    }
}
