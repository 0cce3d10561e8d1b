import ProfileCore

/// Names the address-only locations of a profile from `--binary` files, as
/// `go tool pprof BINARY PROFILE` does:
/// - each mapping gets the binary with its build ID, else the one with its
///   file name, else (the main mapping, one binary given) that binary; a
///   build ID that differs is an error naming both;
/// - locations without a mapping (Go `debug=1` has none) get the binary in
///   which most of their addresses fall inside functions, and a mapping for
///   it, so a written pprof says the names came from it;
/// - addresses are looked up as the readers store them: at the call
///   instruction (return address − 1, which the `debug=1` reader already
///   subtracts), so a caller's frame names the line of its call;
/// - a wrong binary is refused, never used silently: most of the
///   addresses the profile already names must have the same function in
///   the binary, and most unnamed ones must fall inside its functions;
/// - `runtime.goexit` at the root of a stack is dropped, as Go's `debug=0`
///   writer drops it.
public enum Symbolizer {
    /// `input` with names and lines for the addresses that `binaries` cover, and warnings for mappings no binary matches.
    public static func symbolize(_ input: Profile, binaries: [SymbolBinary]) throws(ProfileError) -> (Profile, Warnings) {
        var warnings = Warnings()
        guard !binaries.isEmpty else { return (input, warnings) }
        for b in binaries { for n in b.notes { warnings.add(Warning(n, source: b.path)) } }
        var p = input
        var byMapping: [Int32: Int] = [:]
        for (i, m) in p.mappings.enumerated() {
            if let b = try binary(for: m, index: i, in: p, binaries) { byMapping[Int32(i)] = b }
        }
        let unmapped = p.locations.indices.filter { p.locations[$0].mappingIndex < 0 && p.locations[$0].address != 0 }
        if !unmapped.isEmpty {
            let scores = binaries.map { score($0, unmapped, p) }
            let best = scores.indices.max { scores[$0] < scores[$1] }!
            let mapping = newMapping(for: binaries[best], in: &p)
            for l in unmapped { p.locations[l].mappingIndex = mapping }
            byMapping[mapping] = best
        }
        for (i, b) in binaries.enumerated() where !byMapping.values.contains(i) {
            warnings.add("\(b.path) matches no mapping of the profile (by build ID or file name), so it names nothing")
        }
        var symbolized = Set<Int>()
        var names = FunctionTable(p)
        for (mapping, b) in byMapping.sorted(by: { $0.key < $1.key }) {
            let binary = binaries[b]
            let mapped = p.locations.indices.filter { p.locations[$0].mappingIndex == mapping && p.locations[$0].address != 0 }
            try check(binary, mapped, p, &warnings)
            for l in mapped where p.locations[l].lineCount == 0 {
                let address = binary.fileAddress(p.locations[l].address, in: p.mappings[Int(mapping)])
                guard let frames = try binary.frames(at: address) else { continue }
                p.locations[l].lineStart = Int32(p.lines.count)
                p.locations[l].lineCount = Int32(frames.count)
                for f in frames { p.lines.append(Line(functionIndex: names.index(f, in: &p), line: f.line)) }
                symbolized.insert(l)
            }
            p.mappings[Int(mapping)].hasFunctions = true
            if binary.pclntab != nil {
                p.mappings[Int(mapping)].hasFilenames = true
                p.mappings[Int(mapping)].hasLineNumbers = true
                p.mappings[Int(mapping)].hasInlineFrames = binary.pclntab?.hasInlining == true
            }
        }
        tidyStacks(&p, symbolized)
        return (p, warnings)
    }

    /// The binary for mapping `m` (index `index`), or nil if none fits.
    private static func binary(for m: Mapping, index: Int, in p: Profile, _ binaries: [SymbolBinary]) throws(ProfileError) -> Int? {
        let id = p.string(m.buildID)
        let file = p.string(m.filename)
        let base = Substring(file).split(separator: "/").last.map(String.init) ?? file
        if !id.isEmpty, let b = binaries.firstIndex(where: { $0.buildIDs.contains(id) }) { return b }
        let named = binaries.firstIndex { $0.baseName == base && !base.isEmpty }
        let candidate = named ?? (index == 0 && binaries.count == 1 ? 0 : nil)
        guard let c = candidate else { return nil }
        if !id.isEmpty, let other = binaries[c].buildIDs.first {
            throw ProfileError("build ID mismatch: the profile's mapping \(file.isEmpty ? "#\(m.id)" : file) has build ID \(id), but \(binaries[c].path) has \(other); pass the binary the profile was taken from")
        }
        return c
    }

    /// How many of `locations`' addresses fall inside functions of `b`.
    private static func score(_ b: SymbolBinary, _ locations: [Int], _ p: Profile) -> Int {
        locations.reduce(0) { $0 + (b.functionName(at: p.locations[$1].address) != nil ? 1 : 0) }
    }

    /// Refuses a binary that is not the profile's: where the profile names an
    /// address, the binary must mostly agree, and its unnamed addresses must
    /// mostly fall inside the binary's functions.
    private static func check(_ b: SymbolBinary, _ locations: [Int], _ p: Profile, _ warnings: inout Warnings) throws(ProfileError) {
        var named = 0, agreeing = 0, unnamed = 0, found = 0
        var example: String?
        let mapping = locations.first.map { p.locations[$0].mappingIndex }.flatMap { $0 >= 0 ? p.mappings[Int($0)] : nil }
        for l in locations {
            let loc = p.locations[l]
            let address = b.fileAddress(loc.address, in: mapping)
            let got = b.functionName(at: address)
            if loc.lineCount == 0 {
                unnamed += 1
                if got != nil { found += 1 }
                continue
            }
            // The outermost line is the physical function the address is in.
            let line = p.lines[Int(loc.lineStart + loc.lineCount - 1)]
            guard line.functionIndex >= 0 else { continue }
            let want = p.string(p.functions[Int(line.functionIndex)].name)
            named += 1
            if got == want { agreeing += 1 } else if example == nil {
                example = "0x\(String(loc.address, radix: 16)) is \(want) in the profile but \(got ?? "in no function") in the binary"
            }
        }
        if named > 0 && agreeing * 10 < named * 9 {
            throw ProfileError("\(b.path) is not the binary of this profile: only \(agreeing) of \(named) addresses the profile names have the same function in it (\(example ?? "")); pass the binary the profile was taken from")
        }
        if unnamed > 0 && found * 2 < unnamed {
            throw ProfileError("\(b.path) is not the binary of this profile: only \(found) of \(unnamed) unnamed addresses fall inside its functions; pass the binary the profile was taken from")
        }
        if found < unnamed {
            warnings.add(Warning("\(unnamed - found) of \(unnamed) addresses fall inside no function of the binary and stay unnamed", source: b.path))
        }
    }

    /// A mapping standing for `b`, for locations that had none.
    private static func newMapping(for b: SymbolBinary, in p: inout Profile) -> Int32 {
        var m = Mapping(id: (p.mappings.map(\.id).max() ?? 0) + 1)
        if let text = b.textSegment {
            m.memoryStart = text.address
            m.memoryLimit = text.address &+ text.memorySize
            m.fileOffset = text.offset
        }
        m.filename = p.strings.intern(b.path)
        if let id = b.buildIDs.first { m.buildID = p.strings.intern(id) }
        p.mappings.append(m)
        return Int32(p.mappings.count - 1)
    }

    /// Makes the symbolized stacks what Go's `debug=0` writer makes of the
    /// same PCs: the runtime's traceback lists one PC per inlined call (the
    /// real one, then for each caller a "fake" PC at its call site), and a
    /// real PC expands here into all of those calls already, so the fake PCs
    /// that repeat its callers are dropped; and a root `runtime.goexit` goes.
    private static func tidyStacks(_ p: inout Profile, _ symbolized: Set<Int>) {
        guard !symbolized.isEmpty else { return }
        var table = SampleTable(valuesPerSample: p.samples.valuesPerSample)
        var changed = false
        var out: [Int32] = []
        for s in 0..<p.samples.count {
            let stack = p.samples.locations(of: s)
            out.removeAll(keepingCapacity: true)
            var k = stack.startIndex
            while k < stack.endIndex {
                let l = stack[k]
                out.append(l)
                k += 1
                guard symbolized.contains(Int(l)) else { continue }
                let lines = p.lines(ofLocation: l)
                var j = 1
                while j < lines.count, k < stack.endIndex, symbolized.contains(Int(stack[k])),
                      p.lines(ofLocation: stack[k]).elementsEqual(lines.dropFirst(j)) {
                    k += 1
                    j += 1
                    changed = true
                }
            }
            if let root = out.last, symbolized.contains(Int(root)), isGoexit(root, p) {
                out.removeLast()
                changed = true
            }
            table.append(locations: out, values: p.samples.values(of: s), labels: p.samples.labels(of: s))
        }
        if changed { p.samples = table }
    }

    private static func isGoexit(_ l: Int32, _ p: Profile) -> Bool {
        let lines = p.lines(ofLocation: l)
        guard lines.count == 1, let f = lines.first?.functionIndex, f >= 0 else { return false }
        return p.string(p.functions[Int(f)].name) == "runtime.goexit"
    }
}

/// The profile's functions by (name, file), adding new ones as symbolization finds them.
private struct FunctionTable {
    private var index: [String: Int32] = [:]

    init(_ p: Profile) {
        for (i, f) in p.functions.enumerated() { index[key(p.string(f.name), p.string(f.filename))] = Int32(i) }
    }

    private func key(_ name: String, _ file: String) -> String { name + "\u{0}" + file }

    mutating func index(_ f: GoPCLNTab.Frame, in p: inout Profile) -> Int32 {
        let k = key(f.function, f.file)
        if let i = index[k] { return i }
        var fn = Function(id: (p.functions.last?.id ?? 0) + 1)
        fn.name = p.strings.intern(f.function)
        fn.systemName = fn.name
        fn.filename = p.strings.intern(f.file)
        p.functions.append(fn)
        let i = Int32(p.functions.count - 1)
        index[k] = i
        return i
    }
}
