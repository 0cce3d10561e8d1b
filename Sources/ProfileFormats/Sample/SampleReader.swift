import ProfileCore

/// Reads the call graph of macOS `sample` output (see ``SampleFormat``).
struct SampleReader {
    static let callGraph: StaticString = "Call graph:"
    static let end: StaticString = "Total number in stack"
    /// The calls `sample` shows waiting threads in: a leaf in one of them is
    /// idle time, dropped as inferno drops it.
    static let idle: Set<String> = [
        "__psynch_cvwait", "__select", "__semwait_signal", "__ulock_wait", "__wait4",
        "__workq_kernreturn", "kevent", "mach_msg_trap", "read", "semaphore_wait_trap",
    ]

    private var cursor: LineCursor
    private let modules: Bool
    private var builder = ProfileBuilder(sampleTypes: [("samples", "count")])
    private var path: CallTreePath
    private var name: [UInt8] = []
    private var names = NamedLocations()
    /// Per location (one per frame name): whether it is an idle call.
    private var idleLocation: [Bool] = []

    init(_ text: UnsafeRawBufferPointer, modules: Bool) {
        cursor = LineCursor(text)
        path = CallTreePath(.leafTotal, inputBytes: text.count)
        self.modules = modules
    }

    mutating func read(warnings: inout Warnings) throws -> Profile {
        var started = false
        while let line = cursor.next() {
            if line.hasPrefix(Self.callGraph) { started = true; break }
        }
        guard started else {
            warnings.add("the input ended before its call graph (a line `Call graph:`): no samples")
            return builder.build()
        }
        var value = [Int64](repeating: 0, count: 1)
        while let raw = cursor.next() {
            let line = Self.trimmedEnd(raw)
            if line.isEmpty { continue }
            if line.hasPrefix(Self.end) {
                try path.finish(into: &builder)
                return builder.build()
            }
            guard line.hasPrefix("    ") else {
                throw ProfileError.atLine(cursor.lineNumber, "a line of the call graph starts with 4 spaces, and this one does not: '\(line.excerpt)'")
            }
            var i = 4
            while i < line.count, Self.isIndent(line[i]) { i += 1 }
            guard i < line.count else {
                throw ProfileError.atLine(cursor.lineNumber, "this line of the call graph holds only indentation")
            }
            let indent = i - 4
            guard indent % 2 == 0 else {
                throw ProfileError.atLine(cursor.lineNumber, "this line is indented by \(indent) characters; `sample` indents by 2 per level")
            }
            let (count, location, isIdle) = try frame(line.slice(i, line.count))
            value[0] = count
            try path.add(location, depth: indent / 2, values: value, counts: !isIdle, into: &builder, line: cursor.lineNumber)
        }
        throw ProfileError.atLine(cursor.lineNumber, "the input ended inside the call graph, before its end (a line `Total number in stack`): it is cut short")
    }

    /// `825 main  (in rg) + 41  [0x10384b549]`: the count, and the frame
    /// named up to its first `(`, with the module of its last `(in …)`.
    private mutating func frame(_ t: UnsafeRawBufferPointer) throws -> (Int64, Int32, Bool) {
        guard let space = ByteSearch.first(0x20, in: t) else {
            throw ProfileError.atLine(cursor.lineNumber, "a frame line is a count and a function; this one is '\(t.excerpt)'")
        }
        var i = 0
        guard let count = Digits.decimal(t, &i), i == space else {
            throw ProfileError.atLine(cursor.lineNumber, "'\(t.slice(0, space).excerpt)' is not a number of samples")
        }
        var start = space + 1
        while start < t.count, t[start] == 0x20 { start += 1 }
        var end = ByteSearch.first(0x28, in: t, from: start) ?? t.count
        while end > start, t[end - 1] == 0x20 { end -= 1 }
        let function = t.slice(start, end)
        name.removeAll(keepingCapacity: true)
        if modules, let module = Self.module(t, from: start) {
            name.append(contentsOf: module)
            name.append(UInt8(ascii: "`"))
        }
        if let fixed = RustSymbol.fixPartlyDemangled(function) {
            name.append(contentsOf: fixed.utf8)
        } else {
            name.append(contentsOf: function)
        }
        let id = name.withUnsafeBytes { builder.intern(bytes: $0) }
        let location = names.location(id, in: &builder)
        if Int(location) == idleLocation.count {
            let bare = modules ? name.split(separator: UInt8(ascii: "`"), maxSplits: 1).last.map { Array($0) } ?? name : name
            idleLocation.append(Self.idle.contains(String(decoding: bare, as: UTF8.self)))
        }
        return (count, location, idleLocation[Int(location)])
    }

    /// The module of `(in libsystem_kernel.dylib)`, without `.dylib`.
    private static func module(_ t: UnsafeRawBufferPointer, from start: Int) -> UnsafeRawBufferPointer? {
        guard let open = ByteSearch.findLast(t, "(in ", start, t.count) else { return nil }
        let s = open + 4
        guard let close = ByteSearch.first(0x29, in: t, from: s) else { return nil }
        var e = close
        let m = t.slice(s, e)
        if m.count >= 6, ByteSearch.find(m, ".dylib", m.count - 6) != nil { e -= 6 }
        return t.slice(s, e)
    }

    private static func isIndent(_ b: UInt8) -> Bool {
        b == 0x20 || b == UInt8(ascii: "+") || b == UInt8(ascii: "|") || b == UInt8(ascii: ":") || b == UInt8(ascii: "!")
    }

    static func trimmedEnd(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var e = line.count
        while e > 0, line[e - 1] == 0x20 || line[e - 1] == 0x09 || line[e - 1] == 0x0D { e -= 1 }
        return line.slice(0, e)
    }
}
