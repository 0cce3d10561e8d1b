import ProfileCore

/// A `Runtime.CallFrame` of V8's profiles, as the builder's location.
///
/// DevTools' rules: the name is `functionName`, `(anonymous)` when empty;
/// the file is `url`; V8's line and column are 0-based (−1 for none) and
/// pprof's 1-based (0 for none). `(root)`, the tree's root, is no frame:
/// its location is nil. `(program)`, `(idle)` and `(garbage collector)` stay.
///
/// The fields are gathered as they come: in a `callFrame` object, or (the
/// older nested layout) as members of the node itself.
struct V8CallFrame {
    private var name: Int32 = 0, url: Int32 = 0
    private var line: Int64 = -1, column: Int64 = -1
    private var isRoot = false

    /// Reads the value of `key` if it is a call frame field; false if it is not one.
    mutating func take(_ key: [UInt8], _ s: inout JSONScanner, _ builder: inout ProfileBuilder) throws -> Bool {
        switch key {
        case Key.functionName:
            try s.withString { bytes in
                isRoot = bytes.elementsEqual("(root)".utf8)
                name = bytes.isEmpty ? builder.intern("(anonymous)") : builder.intern(bytes: bytes)
            }
        case Key.url: url = try s.withString { builder.intern(bytes: $0) }
        case Key.lineNumber: line = try Self.position(&s)
        case Key.columnNumber: column = try Self.position(&s)
        default: return false
        }
        return true
    }

    /// Reads a whole `callFrame` object.
    mutating func read(_ s: inout JSONScanner, _ builder: inout ProfileBuilder) throws {
        try s.beginObject("a callFrame object")
        var n = 0
        while let key = try s.nextMember(&n) {
            if try !take(key, &s, &builder) { try s.skipValue() }
        }
    }

    /// The frame's function and location; nil for `(root)`.
    func resolve(_ builder: inout ProfileBuilder) -> (function: Int32, location: Int32)? {
        if isRoot { return nil }
        let name = self.name != 0 ? self.name : builder.intern("(anonymous)")
        let startLine = line >= 0 ? line + 1 : 0
        let function = builder.function(name: name, file: url, startLine: startLine)
        return (function, builder.location(function: function, line: startLine, column: column >= 0 ? column + 1 : 0))
    }

    /// A 0-based line or column, −1 for none; bounded so that +1 cannot overflow.
    private static func position(_ s: inout JSONScanner) throws -> Int64 {
        s.skipSpace()
        let at = s.pos
        let v = try s.integer()
        guard v >= -1 && v < Int64(Int32.max) else { throw s.error("a line or column of \(v)", at: at) }
        return v
    }

    enum Key {
        static let functionName = Array("functionName".utf8)
        static let url = Array("url".utf8)
        static let lineNumber = Array("lineNumber".utf8)
        static let columnNumber = Array("columnNumber".utf8)
    }
}
