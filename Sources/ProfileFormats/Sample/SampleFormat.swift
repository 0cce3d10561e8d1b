import ProfileCore

/// What macOS `sample PID SECONDS -file out.txt` (and Activity Monitor's
/// "Sample Process") writes: a header, then under `Call graph:` one tree
/// per thread, each line a frame with the number of samples it was in,
/// indented two characters per level (`+`, `!`, `:`, `|` and spaces), until
/// `Total number in stack`.
///
/// As inferno's `collapse-sample` reads it: each leaf of the tree is one
/// stack with the leaf's count (`samples/count`), the thread's line its
/// root; leaves in the idle calls `sample` shows for waiting threads
/// (`__psynch_cvwait`, `mach_msg_trap`, `kevent`, …) are dropped. Frames are
/// `module`function` (`libsystem_kernel`__open`, the `.dylib` cut off) or,
/// with `--no-modules`, the function alone; partly demangled Rust names are
/// demangled.
public enum SampleFormat: ProfileReader {
    public static let name = "sample"
    public static let aliases = ["macos-sample"]
    public static let extensions: [String] = []
    public static let summary = "macOS `sample` output (the call graph of `sample PID`) (read only)"

    /// `Analysis of sampling` on the first line, or a `Call graph:` line
    /// followed by a thread's line.
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence {
        var cursor = LineCursor(TextEncoding.droppingUTF8BOM(prefix))
        guard let first = cursor.next() else { return .no }
        if first.hasPrefix("Analysis of sampling ") { return .certainly }
        var line: UnsafeRawBufferPointer? = first
        while let l = line {
            if l.hasPrefix(SampleReader.callGraph) {
                guard let next = cursor.next(), next.hasPrefix("    "), next.count > 4, Digits.isDigit(next[4]) else { return .no }
                return .certainly
            }
            line = cursor.next()
        }
        return .no
    }

    public static var optionsType: (any FormatOptions.Type)? { ModuleNameOptions.self }
    public static var userOptions: [ReaderOption] { [ModuleNameOptions.flag] }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        var reader = SampleReader(TextEncoding.droppingUTF8BOM(input), modules: !options[ModuleNameOptions.self].noModules)
        return try reader.read(warnings: &warnings)
    }
}
