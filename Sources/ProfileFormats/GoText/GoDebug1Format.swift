import ProfileCore

/// Go's `debug=1` profile text (`/debug/pprof/NAME?debug=1`): goroutine,
/// threadcreate and any other count profile, heap and allocs, block and mutex.
///
/// Unlike `go tool pprof`, which drops the `#` lines, the reader keeps them:
/// function names, files, lines, inlined calls and `# labels:` make a fully
/// symbolized profile with no binary needed. Sample types, units, period and
/// values are what the runtime writes for the same profile in `debug=0`:
/// - count profiles: `[NAME count]`, period 1;
/// - heap and allocs: `alloc_objects/count alloc_space/bytes
///   inuse_objects/count inuse_space/bytes`, unsampled with the runtime's
///   formula, period = `MemProfileRate` (half the `heap/N` of the header),
///   a numeric `bytes` label (average object size) as in `debug=0`, and the
///   `# runtime.MemStats` trailer kept as comments. Go writes the same text
///   for heap and allocs, so the file cannot tell them apart: the default
///   sample type is left unset (pprof then shows `inuse_space`, as for heap)
///   unless ``Options/heapDefaultSampleType`` names one (`alloc_space` for allocs);
/// - block and mutex: `contentions/count delay/nanoseconds`, the delay computed
///   from `cycles/second` exactly as the runtime does, mutex values scaled by
///   its `sampling period`.
///
/// Addresses the runtime printed no `#` line for (the leading `runtime.*`
/// frames it hides, such as `runtime.gopark`) are left out, so the profile
/// shows what Go's page shows and `top` ranks the program's own frames;
/// `debug=0` with `Profile.hidingRuntimeFrames()` gives the same stacks.
/// ``Options/keepUnnamedFrames`` keeps them as address-only locations at the
/// `debug=0` address, for stacks as deep as in `debug=0` (text outputs show
/// them as `0xADDR`). See `Debug1StackAssembler` for how lines become locations.
///
/// The writer lays records out as `runtime/pprof` does (header, `N @ addrs`,
/// tab-aligned `#` lines, `# labels:`, blank lines, Go's sort order), except
/// that it keeps the leading `runtime.*` frames Go hides, so no name is lost;
/// an empty stack is written `N @ 0x0` (pprof's parser rejects Go's `N @`). The
/// offset after `func+` is not kept in profile.proto and is written as `+0x0`;
/// locations without an address get stable synthetic ones.
public enum GoDebug1Format: ProfileReader, ProfileWriter {
    public static let name = "debug1"
    public static let aliases = ["debug=1", "gotext", "go-debug1", "legacy"]
    public static let extensions = ["debug1.txt", "debug1"]
    public static let summary = "Go runtime/pprof debug=1 text: goroutine, threadcreate, heap, allocs, block, mutex (symbolized from its # lines)"

    /// Options for reading and writing `debug=1` text.
    public struct Options: FormatOptions {
        /// Reading heap text: the default sample type to record
        /// (`alloc_space` for an allocs profile); nil leaves it unset, as
        /// the runtime does for heap.
        public var heapDefaultSampleType: String?
        /// Reading: keep the leaf-side addresses that have no `#` line (the
        /// runtime frames Go hid) as address-only locations, so stacks are as
        /// deep as in `debug=0`. Off by default: the text names none of them.
        /// Heap profiles drop them either way, as their `debug=0` form does.
        public var keepUnnamedFrames = false
        /// Writing contention profiles: block or mutex; nil decides from the
        /// stacks (mutex events are recorded at `Unlock`).
        public var contentionKind: ContentionKind?
        public init() {}
    }

    /// Which contention profile a text is written as: block (`--- contention:`) or mutex (`--- mutex:`).
    public enum ContentionKind: Sendable { case block, mutex }

    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence {
        var cursor = LineCursor(TextEncoding.droppingUTF8BOM(prefix))
        guard let line = cursor.next() else { return .no }
        if line.hasPrefix("heap profile: ") || line.hasPrefix("--- contention:") || line.hasPrefix("--- mutex:") {
            return .certainly
        }
        // NAME profile: total N
        guard let at = ByteSearch.find(line, " profile: total "), at > 0 else { return .no }
        for i in 0..<at where line[i] <= 0x20 || line[i] >= 0x7F { return .no }
        var i = at + 16
        return Digits.decimal(line, &i) != nil && (i == line.count || cursor.lastLineUnterminated) ? .certainly : .no
    }

    /// Go's text forms hide runtime frames the proto keeps (`GoFrames`).
    public static var showsGoTracebackFrames: Bool { true }

    public static var optionsType: (any FormatOptions.Type)? { Options.self }

    public static var userOptions: [ReaderOption] {
        [.value("heap-default", valueName: "type", help: "Go debug=1 heap text: the default sample type to record (alloc_space for an allocs profile; Go writes the same text for both).") {
            $0[Options.self].heapDefaultSampleType = $1
        },
         .flag("keep-addresses", help: "Go debug=1 text: keep the leaf-side runtime frames Go hid (no `#` line) as bare 0x… addresses, for stacks as deep as debug=0.") {
            $0[Options.self].keepUnnamedFrames = true
        }]
    }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        var own = options[Options.self]
        own.keepUnnamedFrames = own.keepUnnamedFrames || options.keepsUnnamedFrames
        return try Debug1Reader.read(input, options: own, warnings: &warnings)
    }

    public static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        var writer = try Debug1Writer(profile, options: options)
        try writer.write(to: output)
    }
}
