import ProfileCore

/// Keeps binary output (gzip, protobuf, images) off a terminal, where it
/// would only garble the screen.
public enum TerminalGuard {
    /// The error for binary `what` output aimed at a terminal, saying how to write it elsewhere.
    public static func refusal(_ what: String) -> ProfileError {
        ProfileError("refusing to write binary \(what) output to a terminal")
            .hinting(.forceTerminal, remedy: "write to a file or a pipe (or set ProfileOutput.forceTerminal)")
    }

    /// A sink that looks at the first chunk before passing anything on, and
    /// throws ``refusal(_:)`` when it is binary: nothing reaches the terminal.
    static func checking(_ next: ByteSink, name: String) -> ByteSink {
        var checked = false
        return ByteSink { bytes in
            if !checked {
                checked = true
                if looksBinary(bytes) { throw refusal(name) }
            }
            try next.write(bytes)
            try next.flush()
        }
    }

    /// Whether `prefix` holds control bytes other than white space and
    /// escape, or is not UTF-8 (a sequence cut off at the very end is fine:
    /// the prefix may end mid-character).
    public static func looksBinary(_ prefix: UnsafeRawBufferPointer) -> Bool {
        let sample = prefix.prefix(64 << 10)
        for b in sample where b < 0x20 || b == 0x7F {
            switch b {
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B: continue
            default: return true
            }
        }
        var decoder = UTF8()
        var iterator = sample.makeIterator()
        var consumed = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                consumed += UTF8.width(scalar)
            case .emptyInput:
                return false
            case .error:
                return sample.count - consumed > 3  // else only the cut-off tail is bad
            }
        }
    }
}
