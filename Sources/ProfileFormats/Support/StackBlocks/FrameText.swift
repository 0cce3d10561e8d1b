/// What the stack readers do to frame names as inferno's `collapse::common`
/// does: bytes in a reusable buffer, so a frame costs no allocation.
enum FrameText {
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C || b == 0x0A
    }

    /// `t[lo..<hi]` without the spaces at either end.
    @inline(__always) static func trimmed(_ t: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int) -> Range<Int> {
        var lo = lo, hi = hi
        while lo < hi && isSpace(t[lo]) { lo += 1 }
        while hi > lo && isSpace(t[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    /// `t` without its trailing spaces.
    @inline(__always) static func trimmingEnd(_ t: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var hi = t.count
        while hi > 0 && isSpace(t[hi - 1]) { hi -= 1 }
        return t.slice(0, hi)
    }

    /// Whether `t` holds the bytes of `s` from `at`.
    @inline(__always) static func has<C: RandomAccessCollection<UInt8>>(_ t: C, _ s: StaticString, at: Int) -> Bool where C.Index == Int {
        let n = s.utf8CodeUnitCount
        guard at >= t.startIndex, at + n <= t.endIndex else { return false }
        let p = s.utf8Start
        for k in 0..<n where t[at + k] != p[k] { return false }
        return true
    }

    /// Whether `name` contains `s`.
    static func contains(_ name: [UInt8], _ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard name.count >= n else { return false }
        for i in 0...(name.count - n) where has(name, s, at: i) { return true }
        return false
    }

    /// The length of Rust's legacy hash suffix, `h` and 16 hex digits.
    private static let rustHashLength = 17

    /// A Rust symbol that perf or DTrace left half demangled
    /// (`_$LT$std..fs..ReadDir$u20$as$u20$…$GT$::next::hc14f…`), demangled
    /// as inferno's `fix_partially_demangled_rust_symbol` does; nil when the
    /// name does not end in a Rust hash and stays as it is.
    static func fixedRustSymbol(_ symbol: UnsafeRawBufferPointer) -> [UInt8]? {
        let n = symbol.count
        guard n >= rustHashLength, symbol[n - rustHashLength] == UInt8(ascii: "h") else { return nil }
        for i in (n - rustHashLength + 1)..<n where !isHex(symbol[i]) { return nil }
        var rest = Array(symbol[0..<(n - rustHashLength)])
        if rest.count >= 2 && rest[rest.count - 2] == 0x3A && rest[rest.count - 1] == 0x3A { rest.removeLast(2) }
        var i = 0
        if rest.count >= 2 && rest[0] == UInt8(ascii: "_") && rest[1] == UInt8(ascii: "$") { i = 1 }
        var out: [UInt8] = []
        out.reserveCapacity(rest.count)
        while i < rest.count {
            let b = rest[i]
            if b == UInt8(ascii: ".") {
                if i + 1 < rest.count && rest[i + 1] == UInt8(ascii: ".") {
                    out += [0x3A, 0x3A]; i += 2
                } else {
                    out.append(b); i += 1
                }
            } else if b == UInt8(ascii: "$") {
                guard let (code, text) = rustEscapes.first(where: { has(rest, $0.0, at: i) }) else {
                    out += rest[i...]
                    break
                }
                out += text.utf8
                i += code.utf8CodeUnitCount
            } else {
                out.append(b); i += 1
            }
        }
        return out
    }

    private static let rustEscapes: [(StaticString, String)] = [
        ("$SP$", "@"), ("$BP$", "*"), ("$RF$", "&"), ("$LT$", "<"), ("$GT$", ">"), ("$LP$", "("), ("$RP$", ")"),
        ("$C$", ","), ("$u7e$", "~"), ("$u20$", " "), ("$u27$", "'"), ("$u3d$", "="), ("$u5b$", "["), ("$u5d$", "]"),
        ("$u7b$", "{"), ("$u7d$", "}"), ("$u3b$", ";"), ("$u2b$", "+"), ("$u21$", "!"), ("$u22$", "\""),
    ]

    @inline(__always) static func isHex(_ b: UInt8) -> Bool {
        Digits.isDigit(b) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x66)
    }
}
