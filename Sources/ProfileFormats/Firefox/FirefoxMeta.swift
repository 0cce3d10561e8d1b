import ProfileCore

/// The parts of a profile object both formats have, found by a first pass
/// over its members (a reader needs `meta` before the threads, and JSON
/// does not promise that order): where each value starts.
struct FirefoxParts {
    var meta: Int?
    var threads: Int?
    var shared: Int?
    var start = 0
    /// The profile whose `processes` list this one (-1 for the top).
    var parent = -1

    /// The profile object at the scanner and, in document order, every
    /// subprocess profile in its `processes` and theirs, however deep (an
    /// explicit stack; each byte is passed over once). The scanner ends
    /// after the object.
    static func scan(_ s: inout JSONScanner) throws -> [FirefoxParts] {
        struct Open { var index: Int, members = 0, elements = 0, inProcesses = false }
        var out: [FirefoxParts] = []
        var open: [Open] = []
        func begin(_ s: inout JSONScanner, parent: Int) throws {
            s.skipSpace()
            out.append(FirefoxParts(start: s.pos, parent: parent))
            try s.beginObject("a profile object")
            open.append(Open(index: out.count - 1))
        }
        try begin(&s, parent: -1)
        while let top = open.indices.last {
            if open[top].inProcesses {
                if try s.nextElement(&open[top].elements) {
                    if s.peek() == UInt8(ascii: "\"") {
                        throw ProfileError.atByte(s.pos, "a subprocess profile stored as a JSON string (Gecko profile version 4 or older), which profconv does not read")
                    }
                    try begin(&s, parent: open[top].index)
                } else {
                    open[top].inProcesses = false
                }
                continue
            }
            guard let key = try s.nextMember(&open[top].members) else {
                open.removeLast()
                continue
            }
            s.skipSpace()
            let i = open[top].index
            switch key {
            case Array("meta".utf8): out[i].meta = s.pos
            case Array("threads".utf8): out[i].threads = s.pos
            case Array("shared".utf8): out[i].shared = s.pos
            case Array("processes".utf8):
                try s.beginArray("a processes array")
                open[top].inProcesses = true
                continue
            default: break
            }
            try s.skipValue()
        }
        return out
    }
}

/// What the readers use of a profile's `meta`: the format versions, the
/// sampling interval and the unit of `threadCPUDelta`.
struct FirefoxMeta {
    var version: Int64?
    var processedVersion: Int64?
    /// Milliseconds.
    var interval: Double?
    /// `meta.sampleUnits.threadCPUDelta`: "ns", "µs" or "variable CPU cycles".
    var cpuUnit: String?

    /// Nanoseconds per unit of `threadCPUDelta`; nil when it is no time.
    var cpuScale: Double? {
        switch cpuUnit {
        case "ns": 1
        case "µs": 1000
        default: nil
        }
    }

    static func read(_ s: inout JSONScanner) throws -> FirefoxMeta {
        var m = FirefoxMeta()
        try s.beginObject("a meta object")
        var n = 0
        while let key = try s.nextMember(&n) {
            switch key {
            case Array("version".utf8) where s.peek() != UInt8(ascii: "n"): m.version = try s.integer()
            case Array("preprocessedProfileVersion".utf8): m.processedVersion = try s.integer()
            case Array("interval".utf8) where s.peek() != UInt8(ascii: "n"): m.interval = try s.number()
            case Array("sampleUnits".utf8) where s.peek() == UInt8(ascii: "{"):
                try s.beginObject("a sampleUnits object")
                var k = 0
                while let unit = try s.nextMember(&k) {
                    if unit == Array("threadCPUDelta".utf8), s.peek() == UInt8(ascii: "\"") { m.cpuUnit = try s.string() } else { try s.skipValue() }
                }
            default: try s.skipValue()
            }
        }
        return m
    }

    /// The sampling interval as pprof's period, in nanoseconds.
    var periodNanos: Int64 { Int64(saturating: ((interval ?? 0) * 1e6).rounded()) }
}
