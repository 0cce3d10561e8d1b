#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProfileCore

/// Deterministic synthetic CPU-like profiles for benchmarks and stress tests:
/// realistic Go names (packages, pointer-receiver methods, closures, generics),
/// stacks that share prefixes as real call trees do, Zipf-distributed weights,
/// inlined frames, and labels on a third of the samples.
///
/// The same parameters and seed always give the same profile.
public struct SyntheticProfile {
    public struct Parameters: Sendable {
        public var functions: Int
        public var distinctStacks: Int
        public var samples: Int
        public var maxDepth: Int
        public var seed: UInt64 = 1

        public init(functions: Int, distinctStacks: Int, samples: Int, maxDepth: Int, seed: UInt64 = 1) {
            self.functions = functions
            self.distinctStacks = distinctStacks
            self.samples = samples
            self.maxDepth = maxDepth
            self.seed = seed
        }

        /// 5k functions, 50k distinct stacks, 200k samples, depth ≤ 60.
        public static let medium = Parameters(functions: 5_000, distinctStacks: 50_000, samples: 200_000, maxDepth: 60)
        /// 20k functions, 400k distinct stacks, 2M samples, depth ≤ 80.
        public static let large = Parameters(functions: 20_000, distinctStacks: 400_000, samples: 2_000_000, maxDepth: 80)
        /// 4 × large: 80k functions, 1.6M distinct stacks, 8M samples, depth ≤ 80
        /// (the XL row of the README's scaling table).
        public static let xlarge = Parameters(functions: 80_000, distinctStacks: 1_600_000, samples: 8_000_000, maxDepth: 80)
        /// A small one for tests.
        public static let small = Parameters(functions: 200, distinctStacks: 1_000, samples: 5_000, maxDepth: 40)
    }

    /// Generates the profile.
    public static func make(_ p: Parameters) -> Profile {
        var rng = SplitMix64(seed: p.seed)
        var b = ProfileBuilder(sampleTypes: [("samples", "count"), ("cpu", "nanoseconds")])
        b.withProfile {
            $0.periodType = ValueType(type: $0.strings.intern("cpu"), unit: $0.strings.intern("nanoseconds"))
            $0.period = 10_000_000
            $0.durationNanos = 30_000_000_000
            $0.timeNanos = 1_700_000_000_000_000_000
        }
        var mapping = Mapping(id: 1)
        mapping.memoryStart = 0x400000
        mapping.memoryLimit = 0x400000 + UInt64(p.functions) * 0x1000
        mapping.filename = b.intern("/usr/local/bin/service")
        mapping.hasFunctions = true
        mapping.hasFilenames = true
        mapping.hasLineNumbers = true
        mapping.hasInlineFrames = true
        let mappingIndex = b.addMapping(mapping)

        // Functions with Go-like names, grouped in packages.
        let functions = (0..<p.functions).map { i -> Int32 in
            let (name, file) = goName(i, &rng)
            return b.function(name: b.intern(name), file: b.intern(file), startLine: Int64(10 + i % 500))
        }

        // Distinct stacks as a random call tree: each new stack keeps most of an
        // earlier stack's root-side prefix and differs near the leaf, so stacks
        // share their roots like real profiles. Depths cluster around a third
        // of maxDepth with a tail up to it (see `targetDepth`).
        var stackLocations: [[Int32]] = []
        stackLocations.reserveCapacity(p.distinctStacks)
        var locationCache: [Int64: Int32] = [:]
        func location(_ f: Int, _ line: Int64) -> Int32 {
            let key = Int64(f) << 20 | line
            if let l = locationCache[key] { return l }
            let address = 0x400000 + UInt64(f) * 0x1000 + UInt64(line) * 4
            let l: Int32
            if f % 7 == 3 && f + 1 < functions.count {
                // An inlined callee inside this function: two lines, callee first.
                l = b.location(lines: [Line(functionIndex: functions[f + 1], line: line + 3),
                                       Line(functionIndex: functions[f], line: line)],
                               address: address, mapping: mappingIndex)
            } else {
                l = b.location(function: functions[f], line: line, address: address, mapping: mappingIndex)
            }
            locationCache[key] = l
            return l
        }
        // A few call sites per function, as in real code: this bounds the
        // location table (and so the protobuf) to ~8 per function.
        func callSite(_ f: Int) -> Int32 { location(f, 10 + Int64(f % 500) + Int64(rng.next() % 8) * 7) }
        let roots = min(8, p.functions)
        var seen = Set<[Int32]>()
        while stackLocations.count < p.distinctStacks {
            var frames: [Int32]  // root first while building
            let depth = targetDepth(p.maxDepth, &rng)
            if stackLocations.isEmpty || rng.next() % 16 == 0 {
                frames = [callSite(Int(rng.next() % UInt64(roots)))]
            } else {
                let parent = stackLocations[Int(rng.next() % UInt64(stackLocations.count))]
                let shared = min(parent.count, depth)
                // Keep all but the last 1–12 frames of the shared part.
                let keep = max(1, shared - 1 - Int(rng.next() % 12))
                frames = Array(parent.reversed().prefix(keep))
            }
            while frames.count < depth {
                // Any function may be a callee; sharing comes from the kept prefixes.
                frames.append(callSite(Int(rng.next() % UInt64(p.functions))))
            }
            frames.reverse()  // leaf first, as samples store them
            if seen.insert(frames).inserted { stackLocations.append(frames) }
        }

        // Samples: every stack once, the rest Zipf-distributed; a third carry
        // labels. Like Go's runtime, samples with the same stack and labels are
        // one record whose values are summed (10 ms per sample).
        let labelKeys = [b.intern("handler"), b.intern("tenant")]
        let handlers = (0..<12).map { b.intern("/api/v1/resource\($0)") }
        let tenants = (0..<40).map { b.intern("tenant-\($0)") }
        let zipf = Zipf(count: stackLocations.count, exponent: 1.1)
        var records: [(stack: Int, variant: Int, count: Int64)] = []
        var recordIndex: [Int: Int] = [:]
        for s in 0..<max(p.samples, stackLocations.count) {
            let stack = s < stackLocations.count ? s : zipf.sample(&rng)
            // Variant 0: no labels; 1–3: one of three label sets typical of this stack.
            let variant = rng.next() % 3 == 0 ? 1 + Int(rng.next() % 3) : 0
            let key = stack << 2 | variant
            if let r = recordIndex[key] {
                records[r].count += 1
            } else {
                recordIndex[key] = records.count
                records.append((stack, variant, 1))
            }
        }
        for r in records {
            let values = [r.count, r.count * 10_000_000]
            if r.variant == 0 {
                b.addSample(locations: stackLocations[r.stack], values: values)
            } else {
                b.addSample(locations: stackLocations[r.stack], values: values, labels: [
                    Label(key: labelKeys[0], str: handlers[r.stack % handlers.count]),
                    Label(key: labelKeys[1], str: tenants[(r.stack &* 7 + r.variant * 13) % tenants.count]),
                ])
            }
        }
        return b.build()
    }

    /// A stack depth: the mean of three uniform draws over [8, maxDepth]
    /// scaled to cluster near 8 + 0.4·(maxDepth − 8) (≈ 37 for maxDepth 80),
    /// and one stack in sixteen anywhere up to maxDepth.
    static func targetDepth(_ maxDepth: Int, _ rng: inout SplitMix64) -> Int {
        let low = min(8, maxDepth)
        let span = UInt64(maxDepth - low + 1)
        if rng.next() % 16 == 0 { return low + Int(rng.next() % span) }
        let sum = rng.next() % span + rng.next() % span + rng.next() % span
        return low + Int(sum * 4 / 15)
    }

    private static let packages = [
        "main", "net/http", "encoding/json", "runtime", "sync", "database/sql", "bufio", "io",
        "github.com/acme/service/internal/store", "github.com/acme/service/internal/api",
        "github.com/acme/service/pkg/cache", "google.golang.org/grpc", "google.golang.org/protobuf/proto",
        "github.com/acme/service/internal/queue", "compress/flate", "crypto/tls",
    ]
    private static let types = ["Server", "Store", "Cache", "conn", "Decoder", "Queue", "Pool", "Tx", "Client", "entry"]
    private static let verbs = ["Get", "Put", "Serve", "handle", "Decode", "Encode", "Flush", "lookup", "Write", "Read", "Run", "process"]

    /// A Go-like function name and file for function number `i`.
    static func goName(_ i: Int, _ rng: inout SplitMix64) -> (String, String) {
        let pkg = packages[i % packages.count]
        let type = types[(i / packages.count) % types.count]
        let verb = verbs[(i / (packages.count * types.count)) % verbs.count]
        let serial = i / (packages.count * types.count * verbs.count)
        let suffix = serial == 0 ? "" : String(serial)
        let name: String
        switch i % 5 {
        case 0: name = "\(pkg).(*\(type)).\(verb)\(suffix)"
        case 1: name = "\(pkg).\(verb)\(type)\(suffix)"
        case 2: name = "\(pkg).(*\(type)).\(verb)\(suffix).func\(1 + i % 3)"
        case 3: name = "\(pkg).(*\(type)[...]).\(verb)\(suffix)"
        default: name = "\(pkg).\(type).\(verb)\(suffix)"
        }
        let file = "/src/\(pkg)/\(type.lowercased()).go"
        return (name, file)
    }
}

/// A small, fast, deterministic PRNG (SplitMix64).
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Samples ranks 0..<count with probability ∝ 1/(rank+1)^exponent, by
/// binary search in the cumulative weights.
struct Zipf {
    private var cumulative: [Double]

    init(count: Int, exponent: Double) {
        cumulative = []
        cumulative.reserveCapacity(count)
        var sum = 0.0
        for k in 1...max(1, count) {
            sum += 1 / pow(Double(k), exponent)
            cumulative.append(sum)
        }
    }

    func sample(_ rng: inout SplitMix64) -> Int {
        let u = Double(rng.next() >> 11) / Double(1 << 53) * cumulative[cumulative.count - 1]
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
