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
///   of its `go` statement, only with ``Options/creatorLabels``;
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
public enum GoDebug2Format: ProfileFormat {
    public static let name = "debug2"
    public static let aliases = ["debug=2", "goroutine-dump", "goroutines", "panic", "traceback", "stack-dump"]
    public static let extensions = ["debug2.txt", "debug2"]
    public static let summary = "Go goroutine dumps: debug=2, panics, GOTRACEBACK=all crashes, runtime.Stack (read only)"
    public static let canWrite = false

    /// Options for reading goroutine dumps.
    public struct Options: FormatOptions {
        /// Add the `created by` function as the outermost frame, so leaked
        /// goroutines group by who started them.
        public var creatorFrames = false
        /// Label each goroutine with `created by` (the creating function's
        /// name) and `created at` (`file:line` of the `go` statement), for
        /// analyses that group by creation site without changing the stacks.
        public var creatorLabels = false
        public init() {}
    }

    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> Bool {
        var cursor = LineCursor(TextEncoding.droppingUTF8BOM(prefix))
        var checked = 0
        while let line = cursor.next(), checked < 64 {
            checked += 1
            if line.isEmpty { continue }
            if line.hasPrefix("goroutine "), line.count > 10, Digits.isDigit(line[10]),
               ByteSearch.find(line, " [", 10) != nil {
                return true
            }
            // A crash starts with `panic: …`, `fatal error: …` or `SIGSEGV: …` lines.
            if !(line.hasPrefix("panic: ") || line.hasPrefix("fatal error: ") || line.hasPrefix("\t")
                 || line.hasPrefix("[signal ") || line.hasPrefix("SIG") || line.hasPrefix("PC=")
                 || line.hasPrefix("runtime stack:") || line.hasPrefix("unexpected fault")
                 || (checked > 1 && line.last != nil)) {
                return false
            }
        }
        return false
    }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        var reader = Debug2Reader(input, options: options[Options.self])
        return try reader.read(warnings: &warnings)
    }
}
