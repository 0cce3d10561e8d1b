import ProfileCore

/// Go goroutine dumps: `/debug/pprof/goroutine?debug=2`, the goroutine list
/// of a panic or `GOTRACEBACK=all` crash, and `runtime.Stack(buf, true)`.
///
/// Each goroutine becomes one sample of value 1 in a `goroutine count`
/// profile, with its frames as the dump shows them (the runtime hides its own
/// frames unless `GOTRACEBACK=system`; a dump keeps up to 100 frames, the
/// `debug=0` profile 32). Inlined `(...)` frames join the next physical frame's
/// location, innermost first; `panic(...)` is named `runtime.gopanic`, as in
/// `debug=0`. Labels:
/// - `state`: the text in brackets (`chan receive`, `select`, `IO wait`, …);
/// - `wait`: minutes blocked, unit `minutes` (absent: under a minute);
/// - `locked to thread`: `true` when printed;
/// - `creator goroutine`: the creator's id, from `created by X in goroutine N` (Go 1.21+);
/// - `created by` / `created at`: the creating function and the `file:line`
///   of its `go` statement, only with ``ReadOptions/labelsCreationSites``;
/// - `elided`: `N frames` or `additional frames` when the runtime cut the stack;
/// - `ancestors`: with `GODEBUG=tracebackancestors=N`, the ids of the
///   `[originating from goroutine N]:` sections, nearest first (`17,1`); their
///   frames are the creators' stacks at creation time, never part of this
///   goroutine's stack (with ``Options/creatorFrames`` they follow the creator
///   frame, outermost last);
/// - Go 1.27 header labels `{key: value, …}`, as string labels.
/// The ` gp= m= mp=` header fields and ` fp= sp= pc=` frame fields of
/// `GOTRACEBACK=system` are skipped. Text outside goroutine records (the
/// `panic:` lines, `runtime stack:` of a fatal error) is skipped. A cut-off
/// last record is kept with the frames read so far, with a warning; a last
/// `file:line` without a newline is whole. A frame line that is not
/// `function(arguments)` (`main.main)(`) is left out with a warning naming
/// its line.
public enum GoDebug2Format: ProfileReader {
    public static let name = "debug2"
    public static let aliases = ["debug=2", "goroutine-dump", "goroutines", "panic", "traceback", "stack-dump"]
    public static let extensions = ["debug2.txt", "debug2"]
    public static let summary = "Go goroutine dumps: debug=2, panics, GOTRACEBACK=all crashes, runtime.Stack (read only)"

    /// Options for reading goroutine dumps.
    public struct Options: FormatOptions {
        /// Add the `created by` function as the outermost frame, so leaked
        /// goroutines group by who started them.
        public var creatorFrames = false
        /// Label each goroutine with `created by` and `created at`: set
        /// from ``ReadOptions/labelsCreationSites``, a request every reader
        /// takes, so that one flag serves inputs of mixed formats.
        var creatorLabels = false
        public init() {}
    }

    /// A goroutine header within the first 64 lines, after nothing or
    /// after a crash's preamble: the first line that is not empty must be
    /// `panic: …`, `fatal error: …`, `SIGSEGV: …` and the like; what
    /// follows it may be anything (a panic value spans lines).
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence {
        var cursor = LineCursor(TextEncoding.droppingUTF8BOM(prefix))
        var checked = 0
        var inPreamble = false
        while let line = cursor.next(), checked < 64 {
            checked += 1
            if line.isEmpty { continue }
            if line.hasPrefix("goroutine "), line.count > 10, Digits.isDigit(line[10]),
               ByteSearch.find(line, " [", 10) != nil {
                return .certainly
            }
            if !inPreamble && !startsCrashPreamble(line) { return .no }
            inPreamble = true
        }
        return .no
    }

    private static func startsCrashPreamble(_ line: UnsafeRawBufferPointer) -> Bool {
        line.hasPrefix("panic: ") || line.hasPrefix("fatal error: ") || line.hasPrefix("\t")
            || line.hasPrefix("[signal ") || line.hasPrefix("SIG") || line.hasPrefix("PC=")
            || line.hasPrefix("runtime stack:") || line.hasPrefix("unexpected fault")
    }

    /// Go's text forms hide runtime frames the proto keeps (`GoFrames`).
    public static var showsGoTracebackFrames: Bool { true }

    public static var optionsType: (any FormatOptions.Type)? { Options.self }

    public static var userOptions: [ReaderOption] {
        [.flag("creator-frames", help: "Goroutine dumps: add the `created by` function as the outermost frame, to group goroutines by who started them (and, with GODEBUG=tracebackancestors, the ancestors' stacks beyond it).") {
            $0[Options.self].creatorFrames = true
        }]
    }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        var own = options[Options.self]
        own.creatorLabels = own.creatorLabels || options.labelsCreationSites
        var reader = Debug2Reader(input, options: own)
        return try reader.read(warnings: &warnings)
    }
}
