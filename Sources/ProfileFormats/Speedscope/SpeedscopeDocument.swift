import ProfileCore

/// The parts of a speedscope file profconv uses, as read, before any of it
/// becomes a ``Profile``: frames, and each profile's stacks and weights.
struct SpeedscopeDocument {
    struct Frame {
        var name: [UInt8]
        var file: [UInt8] = []
        var line: Int64 = 0
    }

    /// One entry of `profiles`, with evented profiles already turned into
    /// samples (the open frames between two events, weighted by the time
    /// between them).
    struct Profile {
        var name = ""
        var unit = "none"
        /// Where the profile starts in the input, for errors found later.
        var offset = 0
        /// Frame indices of all samples, root first; sample `i` is
        /// `frames[starts[i]..<starts[i+1]]`.
        var frames: [Int32] = []
        var starts: [Int32] = [0]
        var weights: [Double] = []
        var sampleCount: Int { starts.count - 1 }
    }

    var frames: [Frame] = []
    var profiles: [Profile] = []
    var exporter = ""
    var activeProfileIndex: Int?
    var name = ""

    /// Parses a whole speedscope JSON document.
    static func parse(_ input: UnsafeRawBufferPointer) throws -> SpeedscopeDocument {
        var s = JSONScanner(input, what: "speedscope JSON")
        var doc = SpeedscopeDocument()
        var framesParsed = false, profilesParsed = false
        try s.beginObject("a JSON object")
        var members = 0
        while let key = try s.nextMember(&members) {
            switch key {
            case Array("shared".utf8):
                var inner = 0
                try s.beginObject("the \"shared\" object")
                while let k = try s.nextMember(&inner) {
                    if k == Array("frames".utf8) {
                        try once(&framesParsed, "frames", s)
                        doc.frames = try parseFrames(&s)
                    } else {
                        try s.skipValue()
                    }
                }
            case Array("profiles".utf8):
                try once(&profilesParsed, "profiles", s)
                var n = 0
                try s.beginArray("the \"profiles\" array")
                while try s.nextElement(&n) {
                    doc.profiles.append(try parseProfile(&s, frameCount: framesParsed ? doc.frames.count : nil,
                                                         frameBudget: SpeedscopeEvents.budget(forInputBytes: input.count)))
                }
            case Array("exporter".utf8): doc.exporter = try s.null() ? "" : try s.string()
            case Array("name".utf8): doc.name = try s.null() ? "" : try s.string()
            case Array("activeProfileIndex".utf8): doc.activeProfileIndex = try s.null() ? nil : try s.index()
            default: try s.skipValue()
            }
        }
        try s.expectEnd()
        if !framesParsed { throw ProfileError.atByte(0, "speedscope JSON without \"shared\": {\"frames\": […]}") }
        for p in doc.profiles {
            if let bad = p.frames.first(where: { Int($0) >= doc.frames.count }) {
                throw ProfileError.atByte(p.offset, "frame index \(bad) is out of range (\(doc.frames.count) frames) in speedscope JSON")
            }
        }
        return doc
    }

    /// Refuses a member that came before in the same object: JSON parsers
    /// disagree on which of two copies counts, so profconv takes neither.
    private static func once(_ seen: Bool, _ member: String, _ s: JSONScanner) throws {
        if seen { throw s.error("a second \"\(member)\" member in one object; which one counts is ambiguous") }
    }

    private static func once(_ seen: inout Bool, _ member: String, _ s: JSONScanner) throws {
        try once(seen, member, s)
        seen = true
    }

    private static func parseFrames(_ s: inout JSONScanner) throws -> [Frame] {
        var frames: [Frame] = []
        var n = 0
        try s.beginArray("the \"frames\" array")
        while try s.nextElement(&n) {
            let at = s.pos
            var frame = Frame(name: [])
            var hasName = false
            var m = 0
            try s.beginObject("a frame object")
            while let key = try s.nextMember(&m) {
                switch key {
                case Array("name".utf8): frame.name = try s.withString { Array($0) }; hasName = true
                case Array("file".utf8): frame.file = try s.null() ? [] : try s.withString { Array($0) }
                case Array("line".utf8):
                    if try !s.null() { frame.line = Int64(exactly: (try s.number()).rounded()) ?? 0 }
                default: try s.skipValue()
                }
            }
            if !hasName { throw s.error("a frame without a \"name\"", at: at) }
            frames.append(frame)
        }
        return frames
    }

    private static func parseProfile(_ s: inout JSONScanner, frameCount: Int?, frameBudget: Int) throws -> Profile {
        var p = Profile()
        s.skipSpace()
        p.offset = s.pos
        var type = ""
        var startValue = 0.0, endValue: Double?
        var events: [(open: Bool, frame: Int32, at: Double, offset: Int)] = []
        var samplesAt: Int?, weightsAt = 0, eventsParsed = false
        var m = 0
        try s.beginObject("a profile object")
        while let key = try s.nextMember(&m) {
            switch key {
            case Array("type".utf8): type = try s.string()
            case Array("name".utf8): p.name = try s.null() ? "" : try s.string()
            case Array("unit".utf8): p.unit = try s.string()
            case Array("startValue".utf8): startValue = try s.number()
            case Array("endValue".utf8): endValue = try s.number()
            case Array("samples".utf8):
                try once(samplesAt != nil, "samples", s)
                samplesAt = s.pos
                var n = 0
                try s.beginArray("the \"samples\" array")
                while try s.nextElement(&n) {
                    var k = 0
                    try s.beginArray("a sample (an array of frame indices)")
                    while try s.nextElement(&k) { p.frames.append(try frameIndex(&s, frameCount)) }
                    p.starts.append(Int32(p.frames.count))
                }
            case Array("weights".utf8):
                try once(weightsAt != 0, "weights", s)
                weightsAt = s.pos
                var n = 0
                try s.beginArray("the \"weights\" array")
                while try s.nextElement(&n) { p.weights.append(try s.number()) }
            case Array("events".utf8):
                try once(&eventsParsed, "events", s)
                var n = 0
                try s.beginArray("the \"events\" array")
                while try s.nextElement(&n) { events.append(try parseEvent(&s, frameCount)) }
            default: try s.skipValue()
            }
        }
        switch type {
        case "sampled":
            guard let samplesAt else { throw s.error("a sampled profile without \"samples\"", at: p.offset) }
            if p.weights.isEmpty && p.sampleCount > 0 {
                p.weights = Array(repeating: 1, count: p.sampleCount)  // weights are optional: one each
            } else if p.weights.count != p.sampleCount {
                throw s.error("\(p.weights.count) weights for \(p.sampleCount) samples", at: max(weightsAt, samplesAt))
            }
        case "evented":
            var tree = SpeedscopeEvents(frameBudget: frameBudget)
            try tree.add(events, from: startValue, to: endValue ?? events.last?.at ?? startValue, into: &p)
        default:
            throw s.error("a profile of unknown type \"\(type)\" (expected \"sampled\" or \"evented\")", at: p.offset)
        }
        return p
    }

    private static func frameIndex(_ s: inout JSONScanner, _ frameCount: Int?) throws -> Int32 {
        let at = s.pos
        let i = try s.index()
        if i > Int(Int32.max) || (frameCount.map { i >= $0 } ?? false) {
            throw s.error("frame index \(i) is out of range (\(frameCount ?? 0) frames)", at: at)
        }
        return Int32(i)
    }

    private static func parseEvent(_ s: inout JSONScanner, _ frameCount: Int?) throws -> (open: Bool, frame: Int32, at: Double, offset: Int) {
        s.skipSpace()
        let at = s.pos
        var type = "", frame: Int32 = -1, time = Double.nan
        var m = 0
        try s.beginObject("an event object")
        while let key = try s.nextMember(&m) {
            switch key {
            case Array("type".utf8): type = try s.string()
            case Array("frame".utf8): frame = try frameIndex(&s, frameCount)
            case Array("at".utf8): time = try s.number()
            default: try s.skipValue()
            }
        }
        guard type == "O" || type == "C", frame >= 0, !time.isNaN else {
            throw s.error("an event needs \"type\" (\"O\" or \"C\"), \"frame\" and \"at\"", at: at)
        }
        return (type == "O", frame, time, at)
    }
}
