import ProfileCore

/// The plan of a deterministic directory of many small profiles in mixed
/// formats, for batch benchmarks: which file holds what. Writing the files is
/// the caller's job (this module does no I/O).
public struct SyntheticCorpus {
    /// What one file holds, and in which format.
    public enum Content: Sendable {
        /// A CPU profile, written as gzipped pprof.
        case pprof(SyntheticProfile.Parameters)
        /// A CPU profile, written as folded stacks.
        case folded(SyntheticProfile.Parameters)
        /// A CPU profile, written as Go `debug=1` text.
        case debug1(SyntheticProfile.Parameters)
        /// A `debug=2` goroutine dump.
        case debug2(SyntheticGoroutineDump.Parameters)
    }

    public struct Entry: Sendable {
        /// The file name, with the extension of its format.
        public var name: String
        public var content: Content
    }

    /// `count` entries cycling through the formats; each file has its own
    /// seed and a size varying within a factor of four, so that the work is
    /// uneven as in a real directory of captures.
    public static func plan(count: Int, seed: UInt64 = 1) -> [Entry] {
        var rng = SplitMix64(seed: seed)
        let kinds = 4
        return (0..<count).map { i in
            let fileSeed = rng.next()
            let scale = 1 + Int(rng.next() % 4)
            let profile = SyntheticProfile.Parameters(
                functions: 50 * scale, distinctStacks: 100 * scale, samples: 500 * scale, maxDepth: 30, seed: fileSeed)
            let number = String(i + 1)
            let stem = "p" + String(repeating: "0", count: max(0, 4 - number.count)) + number
            switch i % kinds {
            case 0: return Entry(name: stem + ".pb.gz", content: .pprof(profile))
            case 1: return Entry(name: stem + ".folded", content: .folded(profile))
            case 2:
                let dump = SyntheticGoroutineDump.Parameters(goroutines: 100 * scale, distinctStacks: 10 * scale, seed: fileSeed)
                return Entry(name: stem + ".goroutines.txt", content: .debug2(dump))
            default: return Entry(name: stem + ".debug1.txt", content: .debug1(profile))
            }
        }
    }
}
