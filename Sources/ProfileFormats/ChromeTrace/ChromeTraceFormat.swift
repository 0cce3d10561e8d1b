import ProfileCore

/// The Trace Event format: what Chrome DevTools' Performance panel saves,
/// `chrome://tracing`, Perfetto's JSON export and `chromium
/// --trace-startup-format=json` write. A JSON array of events or an object
/// with `traceEvents`, gzipped or not; an array's closing `]` may be
/// missing, as the format allows.
///
/// Its V8 CPU profiles (`Profile` and `ProfileChunk` events) become one
/// sampled profile per thread, with the sample types and frames of a
/// `.cpuprofile` and the labels `thread`, `pid` and `tid`. A trace with no
/// samples gives its duration events (`X`, `B`/`E`) instead, as stacks of
/// the events that enclose each other on a thread, weighted by self time
/// (`time/nanoseconds`).
///
/// The events are read one at a time with the pull scanner: nothing of the
/// document is held but what becomes the profile.
public enum ChromeTraceFormat: ProfileReader {
    public static let name = "chrome-trace"
    public static let aliases = ["trace-event", "chrome-tracing", "perfetto-json"]
    public static let extensions = ["trace.json"]
    public static let summary = "Chrome's Trace Event JSON (DevTools Performance, chrome://tracing, Perfetto JSON): CPU profiles or durations (read only)"

    /// An object with `traceEvents`, or an array whose first event has a `ph`.
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence {
        let keys = JSONPrefixKeys(prefix)
        if keys.isObject {
            if keys.contains("traceEvents") { return .certainly }
            return keys.truncated && ByteSearch.find(TextEncoding.droppingUTF8BOM(prefix), "\"traceEvents\"") != nil ? .maybe : .no
        }
        let text = TextEncoding.droppingUTF8BOM(prefix)
        var s = JSONScanner(text, what: "JSON")
        guard s.peek() == UInt8(ascii: "["), (try? s.beginArray("")) != nil, s.peek() == UInt8(ascii: "{") else { return .no }
        let first = JSONPrefixKeys(UnsafeRawBufferPointer(rebasing: text[s.pos...]))
        if first.contains("ph") { return .certainly }
        return first.truncated && ByteSearch.find(text, "\"ph\"") != nil ? .maybe : .no
    }

    public static var jsonShape: String? { "{\"traceEvents\": [{\"ph\": …, \"ts\": …}, …]} or [{\"ph\": …}, …] (Chrome trace)" }

    public static var mergesSamplesByStack: Bool { true }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        var s = JSONScanner(TextEncoding.droppingUTF8BOM(input), what: "the trace")
        var reader = ChromeTraceReader()
        if s.peek() == UInt8(ascii: "[") {
            try reader.readEvents(&s)
        } else {
            try s.beginObject("a trace object or array")
            var n = 0
            var found = false
            while let key = try s.nextMember(&n) {
                if key == Array("traceEvents".utf8) {
                    found = true
                    try reader.readEvents(&s)
                } else {
                    try s.skipValue()
                }
            }
            guard found else { throw ProfileError("the trace object has no \"traceEvents\"") }
        }
        try s.expectEnd()
        return try reader.build(options: options, warnings: &warnings)
    }
}

/// What ``ChromeTraceFormat`` gathers from the events.
struct ChromeTraceReader {
    private var builder = ProfileBuilder(sampleTypes: V8SampleRun.sampleTypes, defaultSampleType: "cpu")
    private var profiles = TraceCPUProfiles()
    private var durations = TraceDurations()
    private var threads = TraceThreads()
    private var stringThreadIDs: [[UInt8]: Int64] = [:]

    /// The events array at the scanner; its end may be missing.
    mutating func readEvents(_ s: inout JSONScanner) throws {
        try s.beginArray("an array of trace events")
        var n = 0
        while true {
            // A trace cut off after an event (or its comma) is whole.
            if s.peek() == nil { return }
            if n > 0, s.peek() == UInt8(ascii: ",") {
                let comma = s.pos
                s.seek(to: comma + 1)
                if s.peek() == nil { return }
                s.seek(to: comma)
            }
            guard try s.nextElement(&n) else { return }
            guard s.peek() == UInt8(ascii: "{") else {
                try s.skipValue()
                continue
            }
            let e = try TraceEvent.read(&s, &builder, &stringThreadIDs)
            switch e.name {
            case .profile: try profiles.profile(e, &s)
            case .profileChunk: try profiles.chunk(e, &s, &builder)
            case .threadName: try threads.name(e, &s)
            case .other: durations.add(e)
            }
        }
    }

    mutating func build(options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        if profiles.hasSamples {
            try profiles.emit(into: &builder, threads: threads, merge: options.mergeSamplesByStack, maxDepth: options.maxStackDepth)
            return builder.build()
        }
        // No samples: the durations, with a sample type of their own.
        let time = ValueType(type: builder.intern("time"), unit: builder.intern("nanoseconds"))
        builder.withProfile { p in
            p.sampleTypes = [time]
            p.samples = SampleTable(valuesPerSample: 1)
            p.defaultSampleType = 0
        }
        try durations.emit(into: &builder, threads: threads, maxDepth: options.maxStackDepth)
        if durations.isEmpty { throw ProfileError("the trace has neither V8 CPU profile samples nor duration events (X, B/E)") }
        if durations.unclosed > 0 { warnings.add("left out \(durations.unclosed) B event\(durations.unclosed == 1 ? "" : "s") with no E") }
        return builder.build()
    }
}
