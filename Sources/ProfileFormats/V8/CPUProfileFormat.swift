import ProfileCore

/// V8's CPU profile (`Profiler.Profile`): what `node --cpu-prof` writes,
/// DevTools' `Profiler.stop` returns and Chrome's Performance panel, VS
/// Code and speedscope open, as a `.cpuprofile` file.
///
/// Read in both layouts (flat `nodes` with `timeDeltas`; the older nested
/// `head` with `timestamps`), with the sample types `samples/count` and
/// `cpu/nanoseconds` (a sample's time runs to the next sample, the last
/// one's to `endTime`). Frames follow DevTools: `functionName` or
/// `(anonymous)`, the `url` as file, 1-based lines and columns, `(root)`
/// dropped, `(program)`, `(idle)` and `(garbage collector)` kept;
/// `positionTicks` give the leaf's line.
///
/// Written in the flat layout, each pprof sample as many V8 samples as its
/// count, in order, its time shared among them (see the README).
public enum CPUProfileFormat: ProfileReader, ProfileWriter {
    public static let name = "cpuprofile"
    public static let aliases = ["v8", "v8-cpuprofile"]
    public static let extensions = ["cpuprofile"]
    public static let summary = "V8's CPU profile (node --cpu-prof, Chrome DevTools, VS Code): flat or nested .cpuprofile"

    /// A JSON object with `nodes` or a `head` node of a CPU profile (a heap
    /// profile's nodes have `selfSize`, a trace has `traceEvents`).
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence {
        let keys = JSONPrefixKeys(prefix)
        guard keys.isObject, !keys.contains("traceEvents") else { return .no }
        let text = TextEncoding.droppingUTF8BOM(prefix)
        if keys.contains("nodes") || keys.keys.first == "nodes" {
            return ByteSearch.find(text, "\"callFrame\"") != nil ? .certainly : .no
        }
        if keys.contains("head") {
            if keys.contains("timeDeltas") || keys.contains("timestamps") || keys.contains("startTime") { return .certainly }
            // The prefix ends inside the head: its node says which profile it is.
            // (A heap profile's nodes always have a selfSize.)
            guard keys.truncated, ByteSearch.find(text, "\"selfSize\"") == nil else { return .no }
            return ByteSearch.find(text, "\"callFrame\"") != nil || ByteSearch.find(text, "\"functionName\"") != nil ? .certainly : .no
        }
        return .no
    }

    public static var jsonShape: String? { "{\"nodes\": […], \"samples\": […], \"timeDeltas\": […]} or {\"head\": {…}, \"timestamps\": […]} (V8 CPU profile)" }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        try CPUProfileReader.read(input, options: options)
    }

    public static var mergesSamplesByStack: Bool { true }

    /// How `--to cpuprofile` writes.
    public struct Options: FormatOptions {
        /// The most V8 samples written: counts adding up to more are scaled
        /// down, each stack keeping one sample at least.
        public var maxSamples = 5_000_000
        public init() {}
    }

    public static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        try CPUProfileWriter.write(profile, options: options, to: output)
    }
}
