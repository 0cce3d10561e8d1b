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
}
