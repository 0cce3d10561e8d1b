/// The frames a Go goroutine dump shows, so that the three forms of one
/// goroutine profile (`debug=0`, `debug=1`, `debug=2`) name the same stack
/// the same way.
///
/// The forms disagree on the runtime's own frames: the proto keeps them all
/// (`runtime.gopark` on top, `runtime.main` at the bottom); `debug=1` hides
/// the leading `runtime.*` frames (see ``Profile/hidingRuntimeFrames()``,
/// which applies that rule alone); `debug=2`
/// hides unexported runtime frames everywhere. The common ground: drop every
/// `runtime.*` frame and every unsymbolized address, except
/// `runtime.gopanic` (dumps show it as `panic`); if that leaves nothing, keep
/// the stack whole, as `debug=1` does for all-runtime stacks.
public enum GoFrames {
    /// Whether a frame named `name` is hidden (see ``GoFrames``).
    public static func isHidden(_ name: String) -> Bool {
        if name.hasPrefix("0x") { return !name.utf8.dropFirst(2).contains { !isHexDigit($0) } }
        return name.hasPrefix("runtime.") && name != "runtime.gopanic"
    }

    /// Whether `name` is a function of the program rather than of Go's
    /// standard library: package `main`, or an import path whose first
    /// element has a dot (`github.com/…`, `golang.org/x/…`). Leak reports
    /// name the innermost such frame as the site: the line to fix.
    public static func isProgramCode(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        var lastSlash = -1
        for (i, b) in bytes.enumerated() {
            if b == UInt8(ascii: "(") || b == UInt8(ascii: "[") { break }
            if b == UInt8(ascii: "/") { lastSlash = i }
        }
        var end = lastSlash + 1
        while end < bytes.count && bytes[end] != UInt8(ascii: ".") { end += 1 }
        let path = bytes[0..<end]
        if path.elementsEqual("main".utf8) { return true }
        let first = path.prefix { $0 != UInt8(ascii: "/") }
        return first.contains(UInt8(ascii: "."))
    }

    private static func isHexDigit(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46)
    }

    /// Which ids of `frames` are hidden, extending `mask` to cover new names.
    public static func updateMask(_ mask: inout [Bool], for frames: FrameTable) {
        while mask.count < frames.count { mask.append(isHidden(frames.names[mask.count])) }
    }
}

extension Profile {
    /// Whether this is a Go goroutine profile: one sample type, `goroutine`.
    public var isGoroutineProfile: Bool {
        sampleTypes.count == 1 && strings[sampleTypes[0].type] == "goroutine"
    }

    /// The profile with Go runtime frames hidden as ``GoFrames`` describes:
    /// each sample keeps its visible frames (all of them if none is visible).
    ///
    /// Locations with some hidden inlined lines are rewritten with the
    /// visible lines only; addresses and mappings are kept.
    public func hidingGoRuntimeFrames() -> Profile {
        var out = self
        var hiddenFunction = [Bool](repeating: false, count: functions.count)
        for (i, f) in functions.enumerated() {
            let name = strings.name(of: f)
            hiddenFunction[i] = name.isEmpty || GoFrames.isHidden(name)
        }
        // Per location: its index in `out` when visible, else -1.
        var visible = [Int32](repeating: -1, count: locations.count)
        var nextID = (locations.map(\.id).max() ?? 0) + 1
        for (i, loc) in locations.enumerated() {
            let kept = lines[loc.lineRange].filter { $0.functionIndex >= 0 && !hiddenFunction[Int($0.functionIndex)] }
            if kept.isEmpty { continue }
            if kept.count == loc.lineRange.count {
                visible[i] = Int32(i)
                continue
            }
            visible[i] = out.appendLocation(loc, keeping: kept, id: nextID)
            nextID += 1
        }
        var table = SampleTable(valuesPerSample: samples.valuesPerSample)
        table.reserveCapacity(samples: samples.count, locations: samples.locations.count)
        var kept: [Int32] = []
        for s in 0..<samples.count {
            kept.removeAll(keepingCapacity: true)
            for l in samples.locations(of: s) where visible[Int(l)] >= 0 { kept.append(visible[Int(l)]) }
            if kept.isEmpty { kept.append(contentsOf: samples.locations(of: s)) }
            table.append(locations: kept, values: samples.values(of: s), labels: samples.labels(of: s))
        }
        out.samples = table
        return out
    }
}
