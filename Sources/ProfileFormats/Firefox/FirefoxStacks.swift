import ProfileCore

/// A stack table, each stack a frame's location under its prefix stack, and
/// how a thread's samples become pprof samples (values: the weight, and
/// the CPU time in nanoseconds).
///
/// Both formats store a stack after its prefix (the processed format's
/// `prefixOffset` says so; the Gecko profiler writes them so): a prefix at
/// or after its stack is refused, which also rules out cycles.
struct FirefoxStacks {
    private var prefix: [Int32] = []
    private var location: [Int32] = []
    private var depth: [Int32] = []

    var count: Int { prefix.count }

    /// Appends stack with `prefix` (`FirefoxNull` for a root) at `location`.
    mutating func append(prefix p: Int64, location: Int32, row: Int, _ what: String, at offset: Int) throws {
        let i = prefix.count
        guard p == FirefoxNull || (p >= 0 && p < i) else {
            throw ProfileError.atByte(offset, "stack \(row) of the \(what) has the prefix \(p), not an earlier stack")
        }
        let parent = p == FirefoxNull ? -1 : Int32(p)
        prefix.append(parent)
        self.location.append(location)
        depth.append(parent < 0 ? 1 : depth[Int(parent)] &+ 1)
    }

    /// Adds a thread's samples to `builder`, each with `labels`.
    func emit(_ samples: FirefoxSamples, into builder: inout ProfileBuilder, labels: [Label], merge: Bool, maxDepth: Int) throws {
        var merged: [Int32: Int] = [:]
        var sums: [(stack: Int32, weight: Int64, cpu: Int64)] = []
        var frames: [Int32] = []
        for i in 0..<samples.stack.count {
            let stack = samples.stack[i]
            if stack == FirefoxNull { continue }
            guard stack >= 0, stack < count else {
                throw ProfileError.atByte(samples.offset, "sample \(i) names the stack \(stack), but the stack table has \(count)")
            }
            let weight = i < samples.weight.count ? samples.weight[i] : 1
            let cpu = i < samples.cpu.count && samples.cpu[i] != FirefoxNull ? samples.cpu[i] : 0
            if merge {
                if let row = merged[Int32(stack)] {
                    sums[row].weight = sums[row].weight.saturatingAdd(weight)
                    sums[row].cpu = sums[row].cpu.saturatingAdd(cpu)
                } else {
                    merged[Int32(stack)] = sums.count
                    sums.append((Int32(stack), weight, cpu))
                }
                continue
            }
            try walk(Int32(stack), maxDepth, &frames)
            builder.addSample(locations: frames, values: [weight, cpu], labels: labels)
        }
        for s in sums {
            try walk(s.stack, maxDepth, &frames)
            builder.addSample(locations: frames, values: [s.weight, s.cpu], labels: labels)
        }
    }

    /// The locations of `stack`, leaf first.
    private func walk(_ stack: Int32, _ maxDepth: Int, _ frames: inout [Int32]) throws {
        guard depth[Int(stack)] <= maxDepth else {
            throw ProfileError("a stack has more than \(maxDepth) frames")
                .hinting(.maxStackDepth, remedy: "raise ReadOptions.maxStackDepth if this file is genuine")
        }
        frames.removeAll(keepingCapacity: true)
        var i = stack
        while i >= 0 {
            frames.append(location[Int(i)])
            i = prefix[Int(i)]
        }
    }
}

/// A thread's samples: stack indices (`FirefoxNull`: none), and where
/// given, weights and CPU time in nanoseconds.
struct FirefoxSamples {
    var stack: [Int64] = []
    var weight: [Int64] = []
    var cpu: [Int64] = []
    var offset = 0
}

/// The labels of a thread's samples: `thread` (its name), `pid` and `tid`
/// (numbers, or strings where the file has strings).
struct FirefoxThreadLabels {
    var name = ""
    var pid: String?
    var tid: String?

    mutating func take(_ key: [UInt8], _ s: inout JSONScanner) throws -> Bool {
        switch key {
        case Array("name".utf8):
            if s.peek() == UInt8(ascii: "\"") { name = try s.string() } else { try s.skipValue() }
        case Array("pid".utf8): pid = try Self.scalar(&s)
        case Array("tid".utf8): tid = try Self.scalar(&s)
        default: return false
        }
        return true
    }

    /// A number or a string, as text; nil for anything else.
    private static func scalar(_ s: inout JSONScanner) throws -> String? {
        switch s.peek() ?? 0 {
        case UInt8(ascii: "\""): return try s.string()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return String(try s.integer())
        default:
            try s.skipValue()
            return nil
        }
    }

    func labels(_ builder: inout ProfileBuilder) -> [Label] {
        var out = [builder.label("thread", name)]
        for (key, value) in [("pid", pid), ("tid", tid)] {
            guard let value else { continue }
            if let n = Int64(value) { out.append(builder.label(key, number: n)) } else { out.append(builder.label(key, value)) }
        }
        return out
    }
}
