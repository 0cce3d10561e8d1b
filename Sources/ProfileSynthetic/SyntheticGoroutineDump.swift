import ProfileCore

/// Deterministic synthetic `debug=2` goroutine dumps in Go 1.19's layout, for
/// benchmarks: many goroutines over a few hundred distinct stacks, as in a
/// leaking server.
///
/// ```
/// goroutine 1234 [chan receive, 12 minutes]:
/// github.com/acme/service/internal/queue.(*Queue).Run(0xc0001a2b40, {0x75bd20, 0xc00012e000})
/// 	/go/src/github.com/acme/service/internal/queue/queue.go:118 +0x5d
/// created by github.com/acme/service/internal/api.Serve
/// 	/go/src/github.com/acme/service/internal/api/server.go:40 +0x8f
/// ```
///
/// Goroutines of one stack differ in their ids, wait minutes and argument
/// values (one of eight variants per stack), so a parser cannot skip records
/// by comparing bytes. The same parameters always give the same bytes.
public struct SyntheticGoroutineDump {
    public struct Parameters: Sendable {
        public var goroutines: Int
        public var distinctStacks: Int
        /// The most user frames above the blocking frames of a stack.
        public var maxUserFrames: Int
        public var seed: UInt64 = 1

        public init(goroutines: Int, distinctStacks: Int, maxUserFrames: Int = 5, seed: UInt64 = 1) {
            self.goroutines = goroutines
            self.distinctStacks = distinctStacks
            self.maxUserFrames = maxUserFrames
            self.seed = seed
        }

        /// 200k goroutines over 300 stacks.
        public static let large = Parameters(goroutines: 200_000, distinctStacks: 300)
        /// 20k goroutines over 100 stacks.
        public static let medium = Parameters(goroutines: 20_000, distinctStacks: 100)
        /// 300 goroutines over 20 stacks, for tests.
        public static let small = Parameters(goroutines: 300, distinctStacks: 20)
    }

    /// Writes the dump in chunks of about 1 MiB to `emit`, so that memory stays
    /// flat however many goroutines there are.
    public static func write(_ p: Parameters, to emit: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var rng = SplitMix64(seed: p.seed)
        // Stack 0 is the dumping goroutine's, 1 main's; the others are Zipf-weighted.
        let stacks = (0..<max(3, p.distinctStacks)).map { DumpStack.make(index: $0, maxUserFrames: p.maxUserFrames, &rng) }
        let zipf = Zipf(count: stacks.count - 2, exponent: 1.0)
        var out = DumpText()
        var id = 1
        for g in 0..<p.goroutines {
            // The goroutine writing the dump comes first, then main, then the rest
            // in creation order, as the runtime prints them.
            let stack = g < 2 ? stacks[g] : stacks[2 + zipf.sample(&rng)]
            out.goroutine(id: g == 0 ? 1 + p.goroutines * 4 : id, stack, &rng)
            id += 1 + Int(rng.next() % 6)
            if out.bytes.count >= 1 << 20 {
                try out.bytes.withUnsafeBytes { try emit($0) }
                out.bytes.removeAll(keepingCapacity: true)
            }
        }
        if !out.bytes.isEmpty { try out.bytes.withUnsafeBytes { try emit($0) } }
    }

    /// The whole dump as bytes (for tests and small sizes).
    public static func make(_ p: Parameters) -> [UInt8] {
        var all: [UInt8] = []
        write(p) { all.append(contentsOf: $0) }
        return all
    }
}

/// One distinct stack of a dump: a wait state, frames leaf first and the
/// `go` statement that created the goroutine.
struct DumpStack {
    struct Frame {
        var function: String
        var file: String
        var line: Int
        /// nil for an inlined frame, printed `(...)` without an offset.
        var offset: UInt64?
        /// Argument shapes: 0 a pointer, 1 a small integer, 2 an interface or string pair.
        var args: [UInt8]
    }

    var state: String
    var frames: [Frame]
    var createdBy: Frame?
    /// Seeds the argument values: each goroutine prints one of eight variants,
    /// as goroutines of one code path often share their channels and locks.
    var argumentSeed: UInt64 = 0

    /// What a goroutine blocked in `state` shows below its user frames (runtime frames are hidden).
    static let waits: [(state: String, frames: [(String, String, Int, UInt64?)])] = [
        ("chan receive", []),
        ("select", []),
        ("select (no cases)", []),
        ("IO wait", [
            ("internal/poll.runtime_pollWait", "/usr/lib/go-1.19/src/runtime/netpoll.go", 305, 0x89),
            ("internal/poll.(*pollDesc).wait", "/usr/lib/go-1.19/src/internal/poll/fd_poll_runtime.go", 84, 0x32),
            ("internal/poll.(*pollDesc).waitRead", "/usr/lib/go-1.19/src/internal/poll/fd_poll_runtime.go", 89, nil),
            ("internal/poll.(*FD).Read", "/usr/lib/go-1.19/src/internal/poll/fd_unix.go", 167, 0x25a),
            ("net.(*netFD).Read", "/usr/lib/go-1.19/src/net/fd_posix.go", 55, 0x29),
            ("net.(*conn).Read", "/usr/lib/go-1.19/src/net/net.go", 183, 0x45),
            ("bufio.(*Reader).fill", "/usr/lib/go-1.19/src/bufio/bufio.go", 106, 0x103),
        ]),
        ("semacquire", [
            ("sync.runtime_SemacquireMutex", "/usr/lib/go-1.19/src/runtime/sema.go", 77, 0x25),
            ("sync.(*Mutex).lockSlow", "/usr/lib/go-1.19/src/sync/mutex.go", 171, 0x165),
            ("sync.(*Mutex).Lock", "/usr/lib/go-1.19/src/sync/mutex.go", 90, nil),
        ]),
        ("sync.Cond.Wait", [
            ("sync.runtime_notifyListWait", "/usr/lib/go-1.19/src/runtime/sema.go", 517, 0x14c),
            ("sync.(*Cond).Wait", "/usr/lib/go-1.19/src/sync/cond.go", 70, 0x8c),
        ]),
        ("sleep", [("time.Sleep", "/usr/lib/go-1.19/src/runtime/time.go", 195, 0x135)]),
        ("chan send", []),
        ("runnable", []),
    ]

    /// Stack 0 is the goroutine writing the dump (`running`); the others block in one of `waits`.
    static func make(index: Int, maxUserFrames: Int, _ rng: inout SplitMix64) -> DumpStack {
        if index == 0 {
            let go = "/usr/lib/go-1.19/src/"
            return DumpStack(state: "running", frames: [
                Frame(function: "runtime/pprof.writeGoroutineStacks", file: go + "runtime/pprof/pprof.go", line: 692, offset: 0x70, args: [2]),
                Frame(function: "runtime/pprof.writeGoroutine", file: go + "runtime/pprof/pprof.go", line: 681, offset: 0x2b, args: [2, 1]),
                Frame(function: "runtime/pprof.(*Profile).WriteTo", file: go + "runtime/pprof/pprof.go", line: 330, offset: 0x14b, args: [0, 2, 1]),
                Frame(function: "net/http/pprof.handler.ServeHTTP", file: go + "net/http/pprof/pprof.go", line: 253, offset: 0x4a5, args: [2, 2, 0]),
                Frame(function: "net/http.(*conn).serve", file: go + "net/http/server.go", line: 1991, offset: 0x607, args: [0, 2]),
            ], createdBy: Frame(function: "net/http.(*Server).Serve", file: go + "net/http/server.go", line: 3102, offset: 0x4db, args: []),
               argumentSeed: rng.next())
        }
        let wait = waits[Int(rng.next() % UInt64(waits.count))]
        var frames = wait.frames.map { Frame(function: $0.0, file: $0.1, line: $0.2, offset: $0.3, args: randomArgs(&rng)) }
        let userFrames = 1 + Int(rng.next() % UInt64(max(1, maxUserFrames)))
        for _ in 0..<userFrames { frames.append(userFrame(&rng)) }
        return DumpStack(state: wait.state, frames: frames, createdBy: index == 1 ? nil : userFrame(&rng),
                         argumentSeed: rng.next())
    }

    static func userFrame(_ rng: inout SplitMix64) -> Frame {
        var unused = SplitMix64(seed: 0)
        let (name, _) = SyntheticProfile.goName(Int(rng.next() % 4000), &unused)
        // The package path ends at the first dot after its last slash.
        let lastSlash = name.lastIndex(of: "/").map { name.index(after: $0) } ?? name.startIndex
        let package = name[..<(name[lastSlash...].firstIndex(of: ".") ?? name.endIndex)]
        let dir = package == "main" ? "/go/src/service"
            : package.contains(".") ? "/go/pkg/mod/" + package : "/usr/lib/go-1.19/src/" + package
        let file = dir + "/file" + String(rng.next() % 20) + ".go"
        let inlined = rng.next() % 8 == 0
        return Frame(function: name, file: file, line: 10 + Int(rng.next() % 900),
                     offset: inlined ? nil : 0x10 + rng.next() % 0x800, args: randomArgs(&rng))
    }

    static func randomArgs(_ rng: inout SplitMix64) -> [UInt8] {
        (0..<Int(rng.next() % 4)).map { _ in UInt8(rng.next() % 3) }
    }
}

/// The dump's text, built in a byte buffer.
struct DumpText {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 21) }

    mutating func goroutine(id: Int, _ stack: DumpStack, _ rng: inout SplitMix64) {
        append("goroutine ")
        decimal(id)
        append(" [")
        append(stack.state)
        // Minutes appear once a goroutine has waited at least one; never when running.
        if stack.state != "running" && stack.state != "runnable" && rng.next() % 5 < 3 {
            append(", ")
            decimal(1 + Int(rng.next() % 1440))
            append(" minutes")
        }
        if rng.next() % 200 == 0 { append(", locked to thread") }
        append("]:\n")
        var arguments = SplitMix64(seed: stack.argumentSeed &+ rng.next() % 8)
        for f in stack.frames { frame(f, call: true, &arguments) }
        if let c = stack.createdBy {
            append("created by ")
            frame(c, call: false, &arguments)
        }
        append("\n")
    }

    private mutating func frame(_ f: DumpStack.Frame, call: Bool, _ rng: inout SplitMix64) {
        append(f.function)
        if call {
            if f.offset == nil {
                append("(...)")
            } else {
                bytes.append(UInt8(ascii: "("))
                for (i, a) in f.args.enumerated() {
                    if i > 0 { append(", ") }
                    let maybe = rng.next() % 4 == 0 ? "?" : ""
                    switch a {
                    case 0: hex(0xc000000000 + (rng.next() % 0x800000) * 8); append(maybe)
                    case 1: hex(rng.next() % 0x40); append(maybe)
                    default:
                        append("{"); hex(0x700000 + rng.next() % 0x80000); append(", ")
                        hex(0xc000000000 + (rng.next() % 0x800000) * 8); append("}")
                    }
                }
                bytes.append(UInt8(ascii: ")"))
            }
        }
        append("\n\t")
        append(f.file)
        bytes.append(UInt8(ascii: ":"))
        decimal(f.line)
        if let o = f.offset {
            append(" +")
            hex(o)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    private mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }

    private mutating func decimal(_ v: Int) { append(String(v)) }

    private mutating func hex(_ v: UInt64) { append("0x"); append(String(v, radix: 16)) }
}
