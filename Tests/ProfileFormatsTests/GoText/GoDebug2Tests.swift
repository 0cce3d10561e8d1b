import ProfileCore
@testable import ProfileFormats
import Testing

@Suite("Go debug=2 goroutine dumps")
struct GoDebug2Tests {
    /// Samples (goroutines) whose labels include all of `want`.
    func goroutines(_ p: Profile, with want: [String: String]) -> [Int] {
        (0..<p.samples.count).filter { s in
            let l = GoStacks.labels(p, s)
            return want.allSatisfy { l[$0.key] == $0.value }
        }
    }

    @Test("the leaky dump gives debug=0's stacks and counts after debug=1's hiding, allowing for the 32-frame cut of the profile")
    func leakyMatchesDebug0() throws {
        let d0 = try Fixture.decode("go1.19/leaky/goroutine.debug0.pb.gz").profile
        let d2 = try Fixture.decode("go1.19/leaky/goroutine.debug2.txt")
        #expect(ObjectIdentifier(d2.format) == ObjectIdentifier(GoDebug2Format.self))
        #expect(d2.profile.totals() == [2019])
        #expect(GoStacks.typeNames(d2.profile) == ["goroutine/count"])
        // The profile keeps 32 PCs, of which the recursion's leading three are
        // hidden runtime frames: 29 frames survive hiding. The dump keeps 97.
        // The dump also hides runtime frames at the root (`runtime.main`),
        // so those are left out on both sides.
        let depth = 29
        let d1 = try Fixture.decode("go1.19/leaky/goroutine.debug1.txt").profile
        let fromDump = dumpView(GoStacks.folded(d2.profile, depth: depth, exclude: httpServing))
        #expect(fromDump == dumpView(GoStacks.folded(d0, depth: depth, exclude: httpServing)))
        #expect(fromDump == dumpView(GoStacks.folded(d1, depth: depth, exclude: httpServing)))
        #expect(fromDump["main.leakForever"] == 1000)
    }

    /// Folded stacks without any `runtime.` frame.
    func dumpView(_ folded: [String: Int64]) -> [String: Int64] {
        var out: [String: Int64] = [:]
        for (k, v) in folded {
            out[k.split(separator: ";").filter { !$0.hasPrefix("runtime.") }.joined(separator: ";"), default: 0] += v
        }
        return out
    }

    @Test("states become `state` labels; the recursion keeps the dump's 97 frames")
    func statesAndDepth() throws {
        let p = try Fixture.decode("go1.19/leaky/goroutine.debug2.txt").profile
        #expect(goroutines(p, with: ["state": "select (no cases)"]).count == 2001)
        #expect(goroutines(p, with: ["state": "chan receive"]).count == 13)
        let deep = try #require((0..<p.samples.count).first { GoStacks.frames(p, $0).first == "main.recurse" })
        #expect(GoStacks.frames(p, deep).filter { $0 == "main.recurse" }.count == 97)
    }

    @Test("inlined `(...)` frames join the next physical frame's location, innermost first")
    func inlined() throws {
        let p = try Fixture.decode("go1.19/leaky/goroutine.debug2.txt").profile
        let loc = try #require(p.locations.first { $0.lineCount == 2 && p.strings[p.functions[Int(p.lines[$0.lineRange][$0.lineRange.lowerBound].functionIndex)].name] == "internal/poll.(*pollDesc).waitRead" })
        let caller = p.lines[loc.lineRange.upperBound - 1]
        #expect(p.strings[p.functions[Int(caller.functionIndex)].name].hasPrefix("internal/poll.(*FD)."))
    }

    @Test("Go 1.21: wait minutes, locked to thread and the creator's goroutine id become labels")
    func go121Labels() throws {
        let p = try Fixture.decode("handwritten/go1.21-created-in-goroutine.debug2.txt").profile
        #expect(p.totals() == [14])
        let pinned = goroutines(p, with: ["locked to thread": "true"])
        #expect(pinned.count == 1)
        #expect(GoStacks.labels(p, pinned[0]) == ["state": "chan receive", "wait": "5 minutes",
                                                  "locked to thread": "true", "creator goroutine": "1"])
        #expect(goroutines(p, with: ["state": "sync.Mutex.Lock", "wait": "5 minutes"]).count == 1)
        #expect(goroutines(p, with: ["creator goroutine": "2037"]).count == 1)
        #expect(goroutines(p, with: ["state": "running"]).allSatisfy { GoStacks.labels(p, $0)["wait"] == nil })
    }

    @Test("both elision lines are recognised and recorded as an `elided` label", arguments: [
        ("handwritten/go1.21-elided.debug2.txt", "32 frames", 100),
        ("handwritten/go1.19-elided-100.debug2.txt", "additional frames", 100),
    ])
    func elision(file: String, label: String, frames: Int) throws {
        let p = try Fixture.decode(file).profile
        let cut = goroutines(p, with: ["elided": label])
        #expect(cut.count == 1)
        #expect(GoStacks.frames(p, cut[0]).count == frames)
    }

    @Test("Go 1.27 header labels become labels, quoted values unquoted")
    func go127HeaderLabels() throws {
        let p = try Fixture.decode("handwritten/go1.27-header-labels.debug2.txt").profile
        #expect(p.totals() == [14])
        #expect(goroutines(p, with: ["component": "pubsub", "tenant": "t0"]).count == 2)
        #expect(goroutines(p, with: ["component": "pubsub", "tenant": "t1"]).count == 1)
        #expect(goroutines(p, with: ["component": "ingest"]).count == 1)
        let acme = goroutines(p, with: ["tenant": "acme corp"])
        #expect(acme.count == 1)
        #expect(GoStacks.labels(p, acme[0]) == ["state": "chan receive", "component": "pubsub", "tenant": "acme corp",
                                                "creator goroutine": "1"])
    }

    @Test("GOTRACEBACK=system crashes: `gp= m=` fields skipped, runtime frames kept, panic preamble skipped", arguments: [
        "handwritten/gotraceback-system.debug2.txt", "go1.19/panicker/crash-gotraceback-system.txt",
    ])
    func tracebackSystem(file: String) throws {
        let d = try Fixture.decode(file)
        #expect(ObjectIdentifier(d.format) == ObjectIdentifier(GoDebug2Format.self))
        let p = d.profile
        let main = try #require(goroutines(p, with: ["state": "running"]).first)
        let frames = GoStacks.frames(p, main)
        #expect(frames.first == "runtime.gopanic")
        #expect(frames.last == "runtime.goexit")
        #expect(frames.contains("main.main"))
        #expect(goroutines(p, with: ["state": "force gc (idle)"]).count == 1)
    }

    @Test("runtime.Stack dumps and GOTRACEBACK=all crashes read as dumps", arguments: [
        "go1.19/panicker/runtime-stack.txt", "go1.19/panicker/crash-gotraceback-all.txt",
    ])
    func otherDumps(file: String) throws {
        let d = try Fixture.decode(file)
        #expect(ObjectIdentifier(d.format) == ObjectIdentifier(GoDebug2Format.self))
        #expect(d.profile.samples.count > 1)
        #expect(GoStacks.frames(d.profile, 0).contains { $0.hasPrefix("main.") })
    }

    @Test("the creator option adds `created by` as the outermost frame")
    func creatorFrames() throws {
        var options = ReadOptions()
        options[GoDebug2Format.Options.self].creatorFrames = true
        let p = try FormatRegistry.read(Fixture.bytes("go1.19/leaky/goroutine.debug2.txt"), options: options).profile
        let leak = try #require((0..<p.samples.count).first { GoStacks.frames(p, $0).first == "main.leakForever" })
        #expect(GoStacks.frames(p, leak) == ["main.leakForever", "main.main.func1"])
        let plain = try Fixture.decode("go1.19/leaky/goroutine.debug2.txt").profile
        let plainLeak = try #require((0..<plain.samples.count).first { GoStacks.frames(plain, $0).first == "main.leakForever" })
        #expect(GoStacks.frames(plain, plainLeak) == ["main.leakForever"])
    }

    @Test("a dump whose last line has no newline keeps its last frame whole, without a warning (hand-written Go 1.21)")
    func noTrailingNewline() throws {
        let d = try Fixture.decode("handwritten/go1.21-no-trailing-newline.debug2.txt")
        #expect(ObjectIdentifier(d.format) == ObjectIdentifier(GoDebug2Format.self))
        #expect(d.warnings.messages.isEmpty)
        #expect(d.profile.samples.count == 3)
        #expect(GoStacks.frames(d.profile, 2) == ["main.poll", "main.loop"])
        var w = Warnings()
        let p = try Array("goroutine 1 [running]:\nmain.main()\n\t/src/main.go:12".utf8).withUnsafeBytes {
            try GoDebug2Format.read($0, options: ReadOptions(), warnings: &w)
        }
        #expect(GoStacks.frames(p, 0) == ["main.main"])
        #expect(w.messages.isEmpty)
    }

    @Test("tracebackancestors sections become an `ancestors` label, not frames (real Go 1.19 capture)")
    func ancestors() throws {
        let d = try Fixture.decode("go1.19/panicker/crash-tracebackancestors.txt")
        #expect(d.warnings.messages.isEmpty)
        let p = d.profile
        let relays = (0..<p.samples.count).filter { GoStacks.frames(p, $0) == ["main.relay"] }
        #expect(relays.map { GoStacks.labels(p, $0)["ancestors"] } == ["1", "5,1", "6,5,1"])
        #expect(goroutines(p, with: ["ancestors": "1"]).count == 7)
        for s in 0..<p.samples.count { #expect(!GoStacks.frames(p, s).contains("main.main") || GoStacks.labels(p, s)["state"] == "running") }
    }

    @Test("with --creator-frames the ancestors' stacks follow the creator frame, the shared `go` statement once")
    func ancestorFrames() throws {
        var options = ReadOptions()
        options[GoDebug2Format.Options.self].creatorFrames = true
        let p = try FormatRegistry.read(Fixture.bytes("go1.19/panicker/crash-tracebackancestors.txt"), options: options).profile
        let chains = (0..<p.samples.count).map { GoStacks.frames(p, $0) }.filter { $0.first == "main.relay" }
        #expect(chains.sorted { $0.count < $1.count } == [
            ["main.relay", "main.main"],
            ["main.relay", "main.relay", "main.main"],
            ["main.relay", "main.relay", "main.relay", "main.main"],
        ])
        let sleeper = try #require(goroutines(p, with: ["state": "sleep"]).first)
        #expect(GoStacks.frames(p, sleeper) == ["time.Sleep", "main.sleeper", "main.main"])
    }

    @Test("a malformed frame line is left out with a warning naming its line")
    func malformedFrame() throws {
        var w = Warnings()
        let text = "goroutine 1 [running]:\nmain.leaf()\n\t/src/a.go:3 +0x1\nmain.main)(\n\t/src/a.go:9 +0x2\nmain.root()\n\t/src/a.go:12 +0x3\n"
        let p = try Array(text.utf8).withUnsafeBytes { try GoDebug2Format.read($0, options: ReadOptions(), warnings: &w) }
        #expect(GoStacks.frames(p, 0) == ["main.leaf", "main.root"])
        #expect(w.messages == ["line 4: left out the malformed frame \"main.main)(\" (a frame line is `function(arguments)`)"])
    }

    @Test("a plain panic (default GOTRACEBACK, real Go 1.19) is the panicking goroutine with runtime.gopanic")
    func plainPanic() throws {
        let d = try Fixture.decode("go1.19/panicker/panic.txt")
        #expect(ObjectIdentifier(d.format) == ObjectIdentifier(GoDebug2Format.self))
        #expect(d.warnings.messages.isEmpty)
        #expect(d.profile.samples.count == 1)
        #expect(GoStacks.frames(d.profile, 0) == ["main.run.func1", "runtime.gopanic", "main.(*config).validate", "main.run", "main.main"])
    }

    @Test("a cut-off last record is kept, with a warning")
    func truncated() throws {
        let bytes = try Fixture.bytes("go1.19/leaky/goroutine.debug2.txt")
        let cut = Array(bytes[..<(bytes.count / 2 + 17)])
        let headers = String(decoding: cut, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("goroutine ") }.count
        let d = try FormatRegistry.read(cut)
        #expect(d.profile.samples.count == headers)
        #expect(d.warnings.messages.contains { $0.contains("cut off") })
    }

    @Test("text with no goroutine header is an error naming line 1", arguments: ["nothing here\n", "panic: boom\n\n"])
    func noGoroutine(text: String) {
        var w = Warnings()
        #expect(throws: ProfileError.atLine(1, "no goroutine found: a goroutine dump has headers like `goroutine 1 [running]:`")) {
            _ = try Array(text.utf8).withUnsafeBytes { try GoDebug2Format.read($0, options: ReadOptions(), warnings: &w) }
        }
    }

    @Test("a header without its colon or a frame without its file line is a cut-off record: kept, with a warning",
          arguments: ["goroutine 1 [running]", "goroutine 1 [running]:\nmain.main()\n", "goroutine 1 [runn"])
    func cutRecords(text: String) throws {
        var w = Warnings()
        let p = try Array(text.utf8).withUnsafeBytes { try GoDebug2Format.read($0, options: ReadOptions(), warnings: &w) }
        #expect(p.samples.count == 1)
        #expect(w.messages.count == 1)
    }
}
