#if canImport(Glibc)
import Glibc
#endif
import CFuzzMain
import ProfileCore
import ProfileFormats

/// libFuzzer entry points for every reader, one binary for all of them.
///
/// `PROFCONV_FUZZ_TARGET` picks the reader; `PROFCONV_FUZZ_LIST=1` prints the
/// targets whose format exists in this build (name, tab, seed globs) and
/// exits, for `Scripts/fuzz.sh`. Whatever a reader
/// accepts is written back through every writer, and the pprof output must
/// read back: a thrown ``ProfileError`` is a fine outcome, a trap, a crash,
/// a hang or any other error is a bug.
enum FuzzTargets {
    /// Target name, the format it reads (by registry name; nil sniffs), and
    /// seed files under Fixtures/ (globs). A format not registered in this
    /// build is simply not offered, so new readers are fuzzed once they land.
    static let all: [(target: String, format: String?, seeds: String)] = [
        ("pprof", "pprof", "go1.19/*/*.pb.gz bad/*.pb*"),
        // Raw protobuf, gzipped by the harness and read both ways (see ``checkInflating``).
        ("pprof-inflating", "pprof", "bad/*.pb handwritten/*.pb"),
        ("folded", "folded", "*/*.folded"),
        ("flamegraph-svg", "flamegraph", "flamegraph/*.svg"),
        ("debug1", "debug1", "go1.19/*/*.debug1.txt"),
        ("debug2", "debug2", "go1.19/*/*.debug2.txt handwritten/*.debug2.txt go1.19/panicker/*.txt"),
        ("speedscope", "speedscope", "*/*.speedscope.json"),
        ("ghcprof", "ghcprof", "ghcprof/*.prof"),
        ("perf", "perf", "perf/c-*.perf bad/perf-*"),
        ("dtrace", "dtrace", "dtrace/*.bpftrace bad/dtrace-*"),
        ("jfr", "jfr", "bad/jfr-*.jfr"),
        ("callgrind", "callgrind", "callgrind/*.callgrind.out bad/callgrind-*"),
        ("sample", "sample", "sample/*.txt bad/sample-*"),
        ("vtune", "vtune", "vtune/*.csv bad/vtune-*"),
        ("vsprof", "vsprof", "vsprof/*.csv bad/vsprof-*"),
        ("xctrace", "xctrace", "xctrace/*.xml bad/xctrace-*"),
        ("instruments", "instruments", "instruments/*.txt bad/instruments-*"),
        ("pmcstat", "pmcstat", "pmcstat/*.graph bad/pmcstat-*"),
        ("cpuprofile", "cpuprofile", "v8/*.cpuprofile"),
        ("heapprofile", "heapprofile", "v8/*.heapprofile"),
        ("chrome-trace", "chrome-trace", "chrome/*.trace.json.gz"),
        ("firefox", "firefox", "bad/firefox-* firefox/*.json.gz"),
        ("safari", "safari", "bad/safari-* safari/*.json.gz"),
        ("sniff", nil, "go1.19/leaky/* flamegraph/small.* bad/*"),
        ("otlp", "otlp", "otlp/*.otlp.* bad/otlp-*"),
    ]

    /// Targets whose reader this build has.
    static var available: [String] {
        all.filter { $0.format.map { FormatRegistry.reader(named: $0) != nil } ?? true }.map(\.target)
            + BinaryFuzz.targets + [HTTPFuzz.target]
    }

    /// Small limits, so a bomb fails fast instead of tripping libFuzzer's RSS limit.
    static var readOptions: ReadOptions {
        var o = ReadOptions()
        o.maxInflatedBytes = 16 << 20
        return o
    }

    // why nonisolated(unsafe): this, `binaryTarget` and `inflating` are set
    // once by `select()` in LLVMFuzzerInitialize, before libFuzzer runs any
    // input, and only read after, on libFuzzer's one thread.
    nonisolated(unsafe) static var format: (any ProfileReader.Type)?

    static func select() {
        let env = ProcessInfoLite.environment("PROFCONV_FUZZ_TARGET") ?? "sniff"
        if BinaryFuzz.targets.contains(env) { binaryTarget = env; return }
        if env == HTTPFuzz.target { httpTarget = true; HTTPFuzz.start(); return }
        guard let entry = all.first(where: { $0.target == env }) else {
            fatalError("unknown PROFCONV_FUZZ_TARGET '\(env)'; targets: \(all.map(\.target).joined(separator: ", "))")
        }
        inflating = env == "pprof-inflating"
        if let name = entry.format {
            guard let f = FormatRegistry.reader(named: name) else {
                fatalError("fuzz target \(env): this build has no '\(name)' reader")
            }
            format = f
        }
    }

    /// Set for the `--binary` readers, which take ELF files, not profiles.
    nonisolated(unsafe) static var binaryTarget: String?

    /// Set for `http`: inputs are a server's answers.
    nonisolated(unsafe) static var httpTarget = false

    /// Set for `pprof-inflating`.
    nonisolated(unsafe) static var inflating = false

    static func run(_ bytes: [UInt8]) {
        if let binaryTarget { return BinaryFuzz.run(bytes, target: binaryTarget) }
        if httpTarget { return HTTPFuzz.run(bytes) }
        if inflating { return checkInflating(bytes) }
        let decoded: FormatRegistry.Decoded
        do {
            decoded = try FormatRegistry.read(bytes, format: format, options: readOptions)
        } catch is ProfileError {
            return
        } catch {
            fatalError("reader threw a non-ProfileError: \(error)")
        }
        checkMergedRead(bytes, against: decoded.profile)
        roundTrip(decoded.profile)
    }

    /// Samples merged while reading (what folded and flame graph output
    /// ask for) must give the same stacks as every sample read one by one.
    static func checkMergedRead(_ bytes: [UInt8], against profile: Profile) {
        var options = readOptions
        options.mergeSamplesByStack = true
        guard let merged = try? FormatRegistry.read(bytes, format: format, options: options) else {
            fatalError("a merged read rejects an input that an unmerged read accepts")
        }
        if folded(merged.profile) != folded(profile) {
            fatalError("samples merged while reading give other folded stacks than an unmerged read")
        }
    }

    /// `bytes`, gzipped, must read the same decoded while inflating (on a
    /// second thread, in one pass) as inflated first: the same stacks, or
    /// the same error, merging samples or not.
    static func checkInflating(_ bytes: [UInt8]) {
        guard let gz = try? bytes.withUnsafeBytes({ raw -> [UInt8] in
            var out: [UInt8] = []
            let c = try Gzip.Compressor(level: 1) { out.append(contentsOf: $0) }
            try c.write(raw)
            try c.finish()
            return out
        }) else { fatalError("gzip failed") }
        for merging in [false, true] {
            var first = readOptions, streamed = readOptions
            first.mergeSamplesByStack = merging
            streamed.mergeSamplesByStack = merging
            first.inflateInParallelFrom = .max
            streamed.inflateInParallelFrom = 0
            let a = outcome(gz, first), b = outcome(gz, streamed)
            if a != b { fatalError("decoding while inflating differs (merging: \(merging)): \(b) instead of \(a)") }
        }
    }

    private static func outcome(_ gz: [UInt8], _ options: ReadOptions) -> String {
        do {
            let d = try FormatRegistry.read(gz, format: format, options: options)
            return folded(d.profile).map { String(decoding: $0, as: UTF8.self) } ?? "unwritable"
        } catch let e as ProfileError {
            return "error: \(e)"
        } catch {
            fatalError("reader threw a non-ProfileError: \(error)")
        }
    }

    private static func folded(_ profile: Profile) -> [UInt8]? {
        let sink = ByteSink()
        guard (try? FoldedFormat.write(profile, options: WriteOptions(), to: sink)) != nil else { return nil }
        return sink.bytes
    }

    /// Writes `profile` in every writable format; the pprof bytes must read back.
    static func roundTrip(_ profile: Profile) {
        // Raw protobuf: deflate's big buffers would halve the execution rate,
        // and the compressor sees no data the reader did not already accept.
        var options = WriteOptions()
        options[PprofFormat.Options.self].compress = false
        for f in FormatRegistry.writers {
            let sink = ByteSink()
            do {
                try f.write(profile, options: options, to: sink)
            } catch is ProfileError {
                continue
            } catch {
                fatalError("\(f.name) writer threw a non-ProfileError: \(error)")
            }
            if f == PprofFormat.self {
                do {
                    _ = try FormatRegistry.read(sink.bytes, format: PprofFormat.self)
                } catch {
                    fatalError("pprof written from an accepted input does not read back: \(error)")
                }
            }
        }
    }
}

/// `getenv` without Foundation (keeps the fuzz binary small and fast to link).
enum ProcessInfoLite {
    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    if ProcessInfoLite.environment("PROFCONV_FUZZ_LIST") != nil {
        for t in FuzzTargets.all where FuzzTargets.available.contains(t.target) { print(t.target + "\t" + t.seeds) }
        // Their seeds are whole binaries, in Fixtures/fuzz-seeds/<target>/.
        for t in BinaryFuzz.targets { print(t + "\t") }
        // Its seeds are whole answers, in Fixtures/fuzz-seeds/http/.
        print(HTTPFuzz.target + "\t")
        exit(0)
    }
    FuzzTargets.select()
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = count == 0 ? [] : Array(UnsafeRawBufferPointer(start: start, count: count))
    FuzzTargets.run(bytes)
    return 0
}
