import ProfileCore

/// Writes speedscope's file format: shared frames, then one `sampled`
/// profile per sample type, each sample a root-first list of frame indices
/// with its weight.
///
/// Samples are the profile's distinct stacks (``StackSet``), in the bytewise
/// order of their folded lines, so the output is deterministic and
/// speedscope's "time order" view reads like a sorted flame graph. Inlined
/// callees stay frames of their own (speedscope's own pprof import keeps only
/// the outermost line of a location and drops them).
enum SpeedscopeWriter {
    static let schemaURL = "https://www.speedscope.app/file-format-schema.json"

    static func write(_ profile: Profile, options: WriteOptions, to out: ByteSink) throws {
        let active = try profile.sampleIndex(for: options.sampleIndex)
        let types = profile.sampleTypes.count
        let stacks = StackSet(profile, sampleIndices: Array(0..<types))
        let origins = FrameOrigins(profile, stacks: stacks)
        let order = stacks.bytewiseOrder()

        try out.write("{\"$schema\":\"\(schemaURL)\",\n\"exporter\":\"profconv\",\n\"name\":")
        try JSONOutput.writeString(documentName(profile, active: active), to: out)
        try out.write(",\n\"activeProfileIndex\":")
        try out.write(decimal: active)
        try out.write(",\n\"shared\":{\"frames\":[")
        try writeFrames(stacks.frames, origins, profile, to: out)
        try out.write("\n]},\n\"profiles\":[")
        for t in 0..<types {
            try out.write(t == 0 ? "\n" : ",\n")
            try writeProfile(profile, type: t, stacks: stacks, order: order, to: out)
        }
        try out.write("\n]}\n")
    }

    private static func writeFrames(_ frames: FrameTable, _ origins: FrameOrigins, _ profile: Profile, to out: ByteSink) throws {
        try frames.bytes.withUnsafeBytes { names in
            for f in 0..<frames.count {
                try out.write(f == 0 ? "\n{\"name\":" : ",\n{\"name\":")
                try JSONOutput.writeString(UnsafeRawBufferPointer(rebasing: names[frames.byteRange(Int32(f))]), to: out)
                let (function, line) = origins.origin(of: f)
                if function >= 0 {
                    let fn = profile.functions[Int(function)]
                    if fn.filename != 0 {
                        try out.write(",\"file\":")
                        try JSONOutput.writeString(profile.strings[fn.filename], to: out)
                    }
                    // The function's first line; Go before 1.20 does not record it,
                    // then the line of the frame's first occurrence.
                    let l = fn.startLine > 0 ? fn.startLine : line
                    if l > 0 {
                        try out.write(",\"line\":")
                        try out.write(decimal: l)
                    }
                }
                try out.write(byte: UInt8(ascii: "}"))
            }
        }
    }

    private static func writeProfile(_ profile: Profile, type t: Int, stacks: StackSet, order: [Int], to out: ByteSink) throws {
        let vt = profile.sampleTypes[t]
        var total: Int64 = 0
        for i in order { total = total.saturatingAdd(stacks.value(of: i, column: t)) }
        try out.write("{\"type\":\"sampled\",\"name\":")
        try JSONOutput.writeString(profile.strings[vt.type], to: out)
        try out.write(",\"unit\":\"" + SpeedscopeUnit.name(forPprofUnit: profile.strings[vt.unit]) + "\",\"startValue\":0,\"endValue\":")
        try out.write(decimal: total)
        try out.write(",\n\"samples\":[")
        var first = true
        for i in order where stacks.value(of: i, column: t) != 0 {
            try out.write(first ? "\n[" : ",\n[")
            first = false
            var firstFrame = true
            for f in stacks.frames(of: i) {
                if !firstFrame { try out.write(byte: UInt8(ascii: ",")) }
                firstFrame = false
                try out.write(decimal: Int(f))
            }
            try out.write(byte: UInt8(ascii: "]"))
        }
        try out.write("],\n\"weights\":[")
        first = true
        for i in order {
            let v = stacks.value(of: i, column: t)
            if v == 0 { continue }
            if !first { try out.write(byte: UInt8(ascii: ",")) }
            first = false
            try out.write(decimal: v)
        }
        try out.write("]}")
    }

    /// A name for the whole file: the period type (`cpu`, `space`,
    /// `contentions`, `goroutine`), else the active sample type.
    private static func documentName(_ profile: Profile, active: Int) -> String {
        if let pt = profile.periodType, !profile.strings[pt.type].isEmpty { return profile.strings[pt.type] }
        return profile.strings[profile.sampleTypes[active].type]
    }
}

/// For each frame of a ``StackSet``, the function it was named after and the
/// line of its first occurrence, so a frame can carry its file and line.
///
/// ``StackSet`` names frames with ``Profile/locationFrames(naming:frames:)``
/// on a fresh table; doing the same here yields the same ids, which is checked
/// (by the names' bytes) rather than assumed.
struct FrameOrigins {
    private var functionOfFrame: [Int32]
    private var lineOfFrame: [Int64]

    init(_ profile: Profile, stacks: StackSet) {
        var table = FrameTable()
        let (frames, _) = profile.locationFrames(naming: FrameNaming(), frames: &table)
        functionOfFrame = [Int32](repeating: -1, count: stacks.frames.count)
        lineOfFrame = [Int64](repeating: 0, count: stacks.frames.count)
        guard table.count == stacks.frames.count, table.bytes == stacks.frames.bytes else { return }
        var k = 0
        for loc in profile.locations {
            let range = loc.lineRange
            if range.isEmpty {
                k += 1
                continue
            }
            // locationFrames lists the caller line first: the lines reversed.
            for li in range.reversed() {
                let f = Int(frames[k])
                if functionOfFrame[f] < 0 {
                    functionOfFrame[f] = profile.lines[li].functionIndex
                    lineOfFrame[f] = profile.lines[li].line
                }
                k += 1
            }
        }
    }

    /// The function index frame `f` stands for (-1 for an address), and a line.
    func origin(of f: Int) -> (function: Int32, line: Int64) { (functionOfFrame[f], lineOfFrame[f]) }
}

/// speedscope's value units and their pprof counterparts.
enum SpeedscopeUnit {
    /// The speedscope unit for a pprof unit; `none` for counts and unknown units.
    static func name(forPprofUnit unit: String) -> String {
        switch unit.lowercased() {
        case "nanoseconds", "nanosecond", "ns": return "nanoseconds"
        case "microseconds", "microsecond", "us", "µs": return "microseconds"
        case "milliseconds", "millisecond", "ms": return "milliseconds"
        case "seconds", "second", "s": return "seconds"
        case "bytes", "byte", "b": return "bytes"
        default: return "none"
        }
    }

    /// The pprof unit and the factor that turns a speedscope value into it:
    /// times become nanoseconds (Go's unit), `none` becomes `count`.
    static func pprof(forSpeedscopeUnit unit: String) -> (unit: String, factor: Double)? {
        switch unit {
        case "nanoseconds": return ("nanoseconds", 1)
        case "microseconds": return ("nanoseconds", 1e3)
        case "milliseconds": return ("nanoseconds", 1e6)
        case "seconds": return ("nanoseconds", 1e9)
        case "bytes": return ("bytes", 1)
        case "none": return ("count", 1)
        default: return nil
        }
    }
}
