/// Number parsing on byte ranges.
enum Digits {
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    /// `0`–`9`, `a`–`f` or `A`–`F`.
    @inline(__always) static func isHexDigit(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20) &- 0x61 < 6 }
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// A non-negative decimal at `i` in `t`; advances `i`. Nil if there is no
    /// digit or the value overflows.
    static func decimal(_ t: UnsafeRawBufferPointer, _ i: inout Int) -> Int64? {
        var v: Int64 = 0
        let start = i
        while i < t.count, isDigit(t[i]) {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(t[i] &- 0x30))
            if o1 || o2 { return nil }
            v = a
            i += 1
        }
        return i > start ? v : nil
    }

    /// A `0x`-prefixed hex number at `i`; advances `i`. Nil if malformed.
    static func hex(_ t: UnsafeRawBufferPointer, _ i: inout Int) -> UInt64? {
        guard i + 2 < t.count + 1, i + 1 < t.count, t[i] == 0x30, t[i + 1] | 0x20 == 0x78 else { return nil }
        var j = i + 2
        var v: UInt64 = 0
        let start = j
        while j < t.count {
            let b = t[j]
            let d: UInt8
            if isDigit(b) { d = b - 0x30 } else if b | 0x20 >= 0x61 && b | 0x20 <= 0x66 { d = (b | 0x20) - 0x61 + 10 } else { break }
            if v >> 60 != 0 { return nil }
            v = v << 4 | UInt64(d)
            j += 1
        }
        guard j > start else { return nil }
        i = j
        return v
    }

    static func skipSpaces(_ t: UnsafeRawBufferPointer, _ i: inout Int) {
        while i < t.count, isSpace(t[i]) { i += 1 }
    }
}
