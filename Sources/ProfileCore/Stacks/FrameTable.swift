/// How a location's lines become frame names in text outputs.
public struct FrameNaming: Hashable, Sendable {
    /// Append ` file:line` to each frame (`--lines`).
    public var withLines = false
    /// Keep inlined callees as frames of their own (pprof does; the default).
    public var expandInlined = true
    /// Name a location without a function as pprof's reports do at function
    /// granularity, `[binary]` or `<unknown>`, instead of by its address.
    public var unsymbolizedAsPprof = false

    /// Naming with or without ` file:line`, with or without inlined frames.
    public init(withLines: Bool = false, expandInlined: Bool = true) {
        self.withLines = withLines
        self.expandInlined = expandInlined
    }
}

/// Distinct frame names with their UTF-8 bytes, addressed by `Int32` ids,
/// so outputs copy bytes instead of building strings per frame.
public struct FrameTable: Sendable {
    /// The names, by id.
    public private(set) var names: [String] = []
    /// UTF-8 of all names, concatenated; name `i` is `bytes[offsets[i]..<offsets[i+1]]`.
    public private(set) var bytes: [UInt8] = []
    /// Where each name starts in ``bytes``; one more entry than names.
    public private(set) var offsets: [Int] = [0]
    private var index: [String: Int32] = [:]

    public init() {}

    /// The number of names.
    public var count: Int { names.count }

    /// The id of `name`, adding it if new.
    public mutating func intern(_ name: String) -> Int32 {
        if let id = index[name] { return id }
        let id = Int32(names.count)
        names.append(name)
        bytes.append(contentsOf: name.utf8)
        offsets.append(bytes.count)
        index[name] = id
        return id
    }

    /// The range of name `id`'s UTF-8 in ``bytes``.
    @inlinable public func byteRange(_ id: Int32) -> Range<Int> {
        offsets[Int(id)]..<offsets[Int(id) + 1]
    }

    /// Compares two names bytewise.
    public func compareNames(_ a: Int32, _ b: Int32) -> Int {
        if a == b { return 0 }
        return bytes.withUnsafeBufferPointer { buf in
            let ra = byteRange(a), rb = byteRange(b)
            let n = min(ra.count, rb.count)
            for k in 0..<n {
                let x = buf[ra.lowerBound + k], y = buf[rb.lowerBound + k]
                if x != y { return x < y ? -1 : 1 }
            }
            return ra.count - rb.count
        }
    }
}

extension FrameTable {
    /// Stack indices ordered as the folded lines of the stacks (`a;b;c N`,
    /// frames root first) sort bytewise; equal stacks keep their order.
    /// Stack `i` is `frames[starts[i]..<starts[i+1]]`. See ``LineOrder``.
    public func lineOrder(frames: [Int32], starts: [Int32], halves: LineOrder.BothHalves? = nil) -> [Int] {
        LineOrder(names: self, frames: frames, starts: starts).order(halves: halves)
    }

    /// The rank of every token of a folded line: entry `2 * id` is the rank
    /// of `name;` (a frame with callees), `2 * id + 1` of `name ` (the last
    /// frame), among all `2 * count` tokens sorted by ``compareTokens(_:_:_:_:)``;
    /// equal tokens have equal ranks.
    public func tokenRanks() -> [Int32] {
        var tokens = Array(0..<Int32(2 * count))
        tokens.sort { a, b in
            let c = compareTokens(a >> 1, a & 1 == 1, b >> 1, b & 1 == 1)
            return c != 0 ? c < 0 : a < b
        }
        var ranks = [Int32](repeating: 0, count: tokens.count)
        var rank: Int32 = 0
        for (i, t) in tokens.enumerated() {
            if i > 0 && compareTokens(tokens[i - 1] >> 1, tokens[i - 1] & 1 == 1, t >> 1, t & 1 == 1) != 0 { rank += 1 }
            ranks[Int(t)] = rank
        }
        return ranks
    }

    /// Compares the tokens `name(x)` + sep and `name(y)` + sep bytewise, where
    /// sep is ' ' for a last frame and ';' otherwise; a token that is a
    /// prefix of the other goes first.
    public func compareTokens(_ x: Int32, _ xLast: Bool, _ y: Int32, _ yLast: Bool) -> Int {
        let sepA: UInt8 = xLast ? 0x20 : 0x3B
        let sepB: UInt8 = yLast ? 0x20 : 0x3B
        return bytes.withUnsafeBufferPointer { buf in
            let ra = byteRange(x), rb = byteRange(y)
            let n = min(ra.count, rb.count)
            let raw = UnsafeRawPointer(buf.baseAddress!)
            var k = 0
            // Eight bytes at a time: big-endian words compare like their bytes.
            while k + 8 <= n {
                let wa = raw.loadUnaligned(fromByteOffset: ra.lowerBound + k, as: UInt64.self).bigEndian
                let wb = raw.loadUnaligned(fromByteOffset: rb.lowerBound + k, as: UInt64.self).bigEndian
                if wa != wb { return wa < wb ? -1 : 1 }
                k += 8
            }
            while k < n {
                let a = buf[ra.lowerBound + k], b = buf[rb.lowerBound + k]
                if a != b { return a < b ? -1 : 1 }
                k += 1
            }
            if ra.count == rb.count { return Int(sepA) - Int(sepB) }
            let nextA = ra.count > n ? buf[ra.lowerBound + n] : sepA
            let nextB = rb.count > n ? buf[rb.lowerBound + n] : sepB
            if nextA != nextB { return nextA < nextB ? -1 : 1 }
            return ra.count < rb.count ? -1 : 1
        }
    }
}

extension Profile {
    /// The name of a frame: the function's name, or `0xADDR` for a location
    /// with no symbol (an unsymbolized address, as in Go's `debug=1` text
    /// when a `#` line is missing).
    public func frameName(line: Line?, location: Location, naming: FrameNaming) -> String {
        guard let line, line.functionIndex >= 0 else {
            if naming.unsymbolizedAsPprof {
                let file = location.mappingIndex >= 0 ? strings[mappings[Int(location.mappingIndex)].filename] : ""
                return file.isEmpty ? "<unknown>" : "[" + Paths.base(file) + "]"
            }
            return "0x" + String(location.address, radix: 16)
        }
        let f = functions[Int(line.functionIndex)]
        var name = strings.name(of: f)
        if name.isEmpty { name = "0x" + String(location.address, radix: 16) }
        if naming.withLines {
            name += " " + strings[f.filename] + ":" + String(line.line)
        }
        return name
    }

    /// For every location, its frames root-first (the caller line first, the
    /// innermost inlined callee last), as ids into `frames`.
    ///
    /// Computed once per location, so stack walks touch only integers.
    public func locationFrames(naming: FrameNaming, frames: inout FrameTable) -> (frames: [Int32], start: [Int32]) {
        var out: [Int32] = []
        var start: [Int32] = [0]
        out.reserveCapacity(lines.count + locations.count)
        start.reserveCapacity(locations.count + 1)
        var cache: [FrameKey: Int32] = [:]
        for loc in locations {
            let range = loc.lineRange
            if range.isEmpty {
                out.append(frameID(nil, loc, naming, &frames, &cache))
            } else if naming.expandInlined {
                for i in range.reversed() { out.append(frameID(lines[i], loc, naming, &frames, &cache)) }
            } else {
                out.append(frameID(lines[range.upperBound - 1], loc, naming, &frames, &cache))
            }
            start.append(Int32(out.count))
        }
        return (out, start)
    }

    private struct FrameKey: Hashable {
        var function: Int32
        var line: Int64
        var address: UInt64
    }

    private func frameID(_ line: Line?, _ loc: Location, _ naming: FrameNaming,
                         _ frames: inout FrameTable, _ cache: inout [FrameKey: Int32]) -> Int32 {
        let f = line?.functionIndex ?? -1
        let key = FrameKey(function: f, line: naming.withLines ? (line?.line ?? 0) : 0,
                           address: f < 0 ? loc.address : 0)
        if let id = cache[key] { return id }
        let id = frames.intern(frameName(line: line, location: loc, naming: naming))
        cache[key] = id
        return id
    }
}
