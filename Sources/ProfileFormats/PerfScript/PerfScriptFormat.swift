import ProfileCore

/// The text `perf script` prints of a `perf record -g` (or `--call-graph
/// dwarf`) capture: per event a header line (command, PID/TID, CPU, time,
/// period, event name) and its callchain, leaf first, one `ADDRESS
/// SYMBOL+OFFSET (DSO)` line per frame, then a blank line.
///
/// Each event becomes a sample whose stack is its frames under a root frame
/// of the process's name, named as inferno-collapse-perf and
/// stackcollapse-perf.pl name them (`PerfFrameNamer`), so that the folded
/// output equals theirs, with the same options. Values: `samples/count`
/// and the event's period (`cpu-clock/nanoseconds`, `cycles/count`, …),
/// the default, as those tools sum periods. Labels: `comm`, `pid`, `tid`,
/// `cpu`, `event` and `time` (nanoseconds) where perf printed them. Only
/// events of one kind are kept: `--event-filter`, else the first seen.
public enum PerfScriptFormat: ProfileReader {
    public static let name = "perf"
    public static let aliases = ["perf-script", "linux-perf"]
    public static let extensions = ["perf", "perf.txt", "perf-script"]
    public static let summary = "Linux perf's `perf script` text (frame pointers or DWARF callchains), folded as stackcollapse-perf.pl folds it; options pid, tid, kernel, jit, all, addrs, event-filter (read only)"

    /// The options of stackcollapse-perf.pl and inferno-collapse-perf, with their names.
    public struct Options: FormatOptions {
        /// `--pid`: the root frame is `comm-PID`.
        public var includePID = false
        /// `--tid`: the root frame is `comm-PID/TID`.
        public var includeTID = false
        /// `--kernel`: kernel frames end in `_[k]`.
        public var annotateKernel = false
        /// `--jit`: JIT frames (`/tmp/perf-PID.map`, jitdump) end in `_[j]`.
        public var annotateJIT = false
        /// `--addrs`: unknown symbols keep their address, `[unknown <ADDR>]`.
        public var includeAddresses = false
        /// `--event-filter`: the event whose samples are kept (`cycles`, or
        /// with its modifiers, `cycles:u`); nil for the first seen.
        public var eventFilter: String?
        public init() {}
    }

    public static var optionsType: (any FormatOptions.Type)? { Options.self }

    public static var userOptions: [ReaderOption] {
        [.flag("pid", help: "perf script: name each stack's root frame comm-PID (stackcollapse-perf.pl's --pid).") {
            $0[Options.self].includePID = true
        },
         .flag("tid", help: "perf script: name each stack's root frame comm-PID/TID (--tid).") {
            $0[Options.self].includeTID = true
        },
         .flag("kernel", help: "perf script: mark kernel frames with _[k] (--kernel).") {
            $0[Options.self].annotateKernel = true
        },
         .flag("jit", help: "perf script: mark JIT frames (/tmp/perf-PID.map, jitdump) with _[j] (--jit).") {
            $0[Options.self].annotateJIT = true
        },
         .flag("all", help: "perf script: both --kernel and --jit (--all).") {
            $0[Options.self].annotateKernel = true
            $0[Options.self].annotateJIT = true
        },
         .flag("addrs", help: "perf script: keep the address of frames without a symbol, [unknown <ADDR>] (--addrs).") {
            $0[Options.self].includeAddresses = true
        },
         .value("event-filter", valueName: "event", help: "perf script: keep the samples of this event (cycles, cpu-clock, or cycles:u); the default is the first event of the input.") {
            guard !$1.isEmpty else { throw ProfileError("the event filter needs an event name, such as cycles or cpu-clock") }
            $0[Options.self].eventFilter = $1
        }]
    }

    /// inferno's `is_applicable`: the first line that is neither blank nor
    /// a `#` comment is an event header, and the line after a header is a
    /// callchain line (or another header, for one-frame stacks).
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence {
        var lines = LineCursor(TextEncoding.droppingUTF8BOM(prefix))
        var afterHeader = false
        while let raw = lines.next() {
            let r = FrameText.trimmed(raw, 0, raw.count)
            let line = raw[bytes: r]
            if line.first == UInt8(ascii: "#") { continue }
            if line.isEmpty { afterHeader = false; continue }
            // A line cut by the end of the prefix proves nothing.
            if lines.lastLineUnterminated && lines.lineNumber > 1 { return afterHeader ? .maybe : .no }
            if afterHeader { return PerfFrameLine(FrameText.trimmingEnd(line)) != nil ? .certainly : .no }
            guard let header = PerfEventLine(line), header.event != nil else { return .no }
            afterHeader = true
        }
        return .no
    }

    /// `perf script` output saved under the usual names, whose first event is damaged.
    public static var undecidedInputEndings: [String] { ["perf", "perf-script"] }

    /// Samples of one stack are summed as they are read, for writers of stacks.
    public static var mergesSamplesByStack: Bool { true }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        try read(input, options: options, chunks: nil, warnings: &warnings)
    }

    /// Reads in `chunks` pieces (nil: as many as the input's size and the
    /// thread budget give); the profile does not depend on it.
    static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, chunks: Int?, warnings: inout Warnings) throws -> Profile {
        try TextEncoding.withUTF8Text(input) { text in
            let own = options[Options.self]
            let filter = own.eventFilter.map { Array($0.utf8) } ?? PerfScriptChunk.firstEvent(text)
            let merging = options.mergeSamplesByStack
            let chunks = StackBlocks.parse(text, chunks: chunks) { _, piece in
                var c = PerfScriptChunk(options: own, eventFilter: filter, mergingStacks: merging)
                c.parse(piece)
                return c.chunk
            }
            let event = filter.map { String(decoding: $0, as: UTF8.self) } ?? "period"
            var merge = StackChunkMerge(sampleTypes: [("samples", "count"), (event, unit(of: event))],
                                        defaultSampleType: event, labelKeys: PerfScriptChunk.labelKeys, mergingStacks: merging)
            for c in chunks { try merge.add(c) }
            return merge.finish(warnings: &warnings)
        }
    }

    /// Software clock events count nanoseconds; the others count events.
    static func unit(of event: String) -> String {
        let base = event.split(separator: ":").first.map(String.init) ?? event
        return base == "cpu-clock" || base == "task-clock" ? "nanoseconds" : "count"
    }
}
