import ProfileCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a profile as Go's `debug=1` text, laid out as `runtime/pprof`
/// lays it out (see ``GoDebug1Format``).
struct Debug1Writer {
    enum Kind: Equatable { case count(typeIndex: Int), heap, contention(mutex: Bool) }

    let profile: Profile
    let kind: Kind
    /// The `@` address (a return PC, so location address + 1) of each location.
    private var returnPC: [UInt64] = []
    private var aligner = TabAligner()

    init(_ profile: Profile, options: WriteOptions) throws {
        self.profile = profile
        let names = profile.sampleTypes.map { profile.strings[$0.type] }
        let own = options[GoDebug1Format.Options.self]
        if ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"].allSatisfy(names.contains) {
            kind = .heap
        } else if names.contains("contentions") && names.contains("delay") {
            kind = .contention(mutex: own.contentionKind.map { $0 == .mutex } ?? Self.looksLikeMutex(profile))
        } else {
            kind = .count(typeIndex: try profile.sampleIndex(for: options.sampleIndex))
        }
        // Locations without an address (from folded stacks, say) get stable
        // synthetic ones above every real address, one 16-byte slot per index.
        let highest = profile.locations.reduce(UInt64(0)) { max($0, $1.address) }
        let base = highest == 0 ? 0x400000 : (highest &+ 0x1000) & ~0xFFF
        returnPC = profile.locations.enumerated().map { i, loc in
            (loc.address != 0 ? loc.address : base &+ UInt64(i) &* 16) &+ 1
        }
    }

    /// A mutex profile's events are recorded at `Unlock`, so its leaves are
    /// unlock functions; a block profile's are `Lock`, `Wait`, channel ops.
    static func looksLikeMutex(_ profile: Profile) -> Bool {
        guard profile.samples.count > 0 else { return false }
        for s in 0..<profile.samples.count {
            guard let leaf = profile.samples.locations(of: s).first,
                  let line = profile.lines(ofLocation: leaf).first, line.functionIndex >= 0 else { return false }
            let name = profile.strings[profile.functions[Int(line.functionIndex)].name]
            if !name.hasSuffix("Unlock") { return false }
        }
        return true
    }

    mutating func write(to out: ByteSink) throws {
        switch kind {
        case .count(let t): try writeCount(typeIndex: t, to: out)
        case .heap: try writeHeap(to: out)
        case .contention(let mutex): try writeContention(mutex: mutex, to: out)
        }
    }

    // MARK: count profiles

    private struct CountRecord {
        var sample: Int
        var count: Int64
        var key: [UInt8]
    }

    private mutating func writeCount(typeIndex: Int, to out: ByteSink) throws {
        // Go groups goroutines by stack and labels, then sorts by count
        // (descending) and the text of `@ addrs\n# labels: …` (ascending).
        var index: [[UInt8]: Int] = [:]
        var records: [CountRecord] = []
        var total: Int64 = 0
        for s in 0..<profile.samples.count {
            let v = profile.samples.value(of: s, at: typeIndex)
            total = total.saturatingAdd(v)
            let key = recordKey(s)
            if let r = index[key] {
                records[r].count = records[r].count.saturatingAdd(v)
            } else {
                index[key] = records.count
                records.append(CountRecord(sample: s, count: v, key: key))
            }
        }
        records.sort { a, b in a.count != b.count ? a.count > b.count : a.key.lexicographicallyPrecedes(b.key) }
        try out.write(Escape.visible(profile.strings[profile.sampleTypes[typeIndex].type]))
        try out.write(" profile: total ")
        try out.write(decimal: total)
        try out.write(byte: 0x0A)
        for r in records {
            try out.write(decimal: r.count)
            try out.write(byte: 0x20)
            try out.write(r.key)
            try out.write(byte: 0x0A)
            try writeFrames(r.sample, to: out)
        }
    }

    /// `@ 0x… 0x…` plus `\n# labels: {…}` when the sample has string labels.
    private func recordKey(_ s: Int) -> [UInt8] {
        var key: [UInt8] = [UInt8(ascii: "@")]
        if profile.samples.locations(of: s).isEmpty { key.append(contentsOf: " 0x0".utf8) }
        for loc in profile.samples.locations(of: s) {
            key.append(contentsOf: " 0x".utf8)
            key.append(contentsOf: String(returnPC[Int(loc)], radix: 16).utf8)
        }
        let labels = profile.samples.labels(of: s).filter(\.isString)
            .map { (profile.strings[$0.key], profile.strings[$0.str]) }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        if !labels.isEmpty {
            let text = labels.map { GoQuote.quote($0.0) + ":" + GoQuote.quote($0.1) }.joined(separator: ", ")
            key.append(contentsOf: "\n# labels: {\(text)}".utf8)
        }
        return key
    }

    // MARK: heap

    private mutating func writeHeap(to out: ByteSink) throws {
        let t = ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"].map { name in
            profile.sampleTypes.firstIndex { profile.strings[$0.type] == name }!
        }
        let rate = max(1, profile.period)
        // Back to the sampled counts Go prints: the inverse of unsampling.
        var raw: [(inuseObjects: Int64, inuseBytes: Int64, allocObjects: Int64, allocBytes: Int64)] = []
        var total = (Int64(0), Int64(0), Int64(0), Int64(0))
        var table = profile.strings
        let bytesKey = table.lookup("bytes")
        for s in 0..<profile.samples.count {
            // The runtime's `bytes` label is the bucket's exact object size;
            // the unsampled values were truncated, so their ratio is not.
            let size = bytesKey.flatMap { k in profile.samples.labels(of: s).first { $0.key == k && !$0.isString }?.num }
            let a = Self.resample(profile.samples.value(of: s, at: t[0]), profile.samples.value(of: s, at: t[1]), rate, objectSize: size)
            let u = Self.resample(profile.samples.value(of: s, at: t[2]), profile.samples.value(of: s, at: t[3]), rate, objectSize: size)
            raw.append((u.0, u.1, a.0, a.1))
            total = (total.0.saturatingAdd(u.0), total.1.saturatingAdd(u.1), total.2.saturatingAdd(a.0), total.3.saturatingAdd(a.1))
        }
        let order = raw.indices.sorted { raw[$0].inuseBytes != raw[$1].inuseBytes ? raw[$0].inuseBytes > raw[$1].inuseBytes : $0 < $1 }
        try out.write("heap profile: \(total.0): \(total.1) [\(total.2): \(total.3)] @ heap/\(rate.multipliedReportingOverflow(by: 2).partialValue)\n")
        for s in order {
            let r = raw[s]
            try out.write("\(r.inuseObjects): \(r.inuseBytes) [\(r.allocObjects): \(r.allocBytes)] ")
            try writeAddresses(s, to: out)
            try writeFrames(s, to: out)
        }
        if !profile.comments.isEmpty {
            try out.write(byte: 0x0A)
            for c in profile.comments {
                try out.write("# ")
                try out.write(Escape.visible(profile.strings[c]))
                try out.write(byte: 0x0A)
            }
        }
    }

    /// The sampled `(count, bytes)` that unsample to `(count, size)` at `rate`.
    static func resample(_ count: Int64, _ size: Int64, _ rate: Int64, objectSize: Int64? = nil) -> (Int64, Int64) {
        if count == 0 || size == 0 || rate <= 1 { return (count, size) }
        let avg = objectSize.map { Double($0) } ?? Double(size) / Double(count)
        let keep = 1 - exp(-avg / Double(rate))
        return (Int64(saturating: sampled(count, keep)), Int64(saturating: sampled(size, keep)))
    }

    /// The runtime truncated `raw / keep` to `v`, so `raw` is the integer in
    /// `[v·keep, (v+1)·keep)` (an interval shorter than 1).
    private static func sampled(_ v: Int64, _ keep: Double) -> Double {
        let lo = Double(v) * keep
        let c = (lo - 1e-9 * max(1, lo)).rounded(.up)
        return c < (Double(v) + 1) * keep ? c : lo.rounded()
    }

    // MARK: block and mutex

    private mutating func writeContention(mutex: Bool, to out: ByteSink) throws {
        let c = profile.sampleTypes.firstIndex { profile.strings[$0.type] == "contentions" }!
        let d = profile.sampleTypes.firstIndex { profile.strings[$0.type] == "delay" }!
        // At 1e9 cycles per second a cycle is a nanosecond, so the delays
        // are written exactly; the mutex values are already scaled.
        try out.write(mutex ? "--- mutex:\n" : "--- contention:\n")
        try out.write("cycles/second=1000000000\n")
        if mutex { try out.write("sampling period=1\n") }
        let order = (0..<profile.samples.count).sorted {
            let a = profile.samples.value(of: $0, at: d), b = profile.samples.value(of: $1, at: d)
            return a != b ? a > b : $0 < $1
        }
        for s in order {
            try out.write(decimal: profile.samples.value(of: s, at: d))
            try out.write(byte: 0x20)
            try out.write(decimal: profile.samples.value(of: s, at: c))
            try out.write(byte: 0x20)
            try writeAddresses(s, to: out)
            try writeFrames(s, to: out)
        }
    }

    // MARK: stacks

    private func writeAddresses(_ s: Int, to out: ByteSink) throws {
        try out.write(byte: UInt8(ascii: "@"))
        // Go writes `N @` for an empty stack, which pprof's parser rejects;
        // ` 0x0` (skipped when read back) keeps the file parseable.
        if profile.samples.locations(of: s).isEmpty { try out.write(" 0x0") }
        for loc in profile.samples.locations(of: s) {
            try out.write(byte: 0x20)
            try out.write(hex: returnPC[Int(loc)])
        }
        try out.write(byte: 0x0A)
    }

    /// The `#` lines of sample `s`, then a blank line. `runtime.goexit` is
    /// left out, as Go does. Go also hides leading `runtime.*` frames of
    /// count and heap profiles; profconv writes them, so a written file
    /// keeps every name it was given and reads back with the same frames:
    /// tools that show leaves then show `runtime.gopark`, not an address.
    private mutating func writeFrames(_ s: Int, to out: ByteSink) throws {
        var frames: [(pc: UInt64, name: String, file: String, line: Int64)] = []
        for loc in profile.samples.locations(of: s) {
            let pc = returnPC[Int(loc)] &- 1
            for line in profile.lines(ofLocation: loc) where line.functionIndex >= 0 {
                let f = profile.functions[Int(line.functionIndex)]
                let name = profile.strings.name(of: f)
                frames.append((pc, name, profile.strings[f.filename], line.line))
            }
        }
        frames.removeAll { $0.name == "runtime.goexit" }
        if frames.isEmpty {
            aligner.add(["#", "0x0"])
        }
        for f in frames {
            // The offset from the function's entry is not in profile.proto: +0x0.
            // A control character in a name would end the `#` line early.
            aligner.add(["#", "0x" + String(f.pc, radix: 16), Escape.visible(f.name) + "+0x0", Escape.visible(f.file) + ":" + String(f.line)])
        }
        try aligner.flush(to: out)
        try out.write(byte: 0x0A)
    }
}
