#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte and substring search in a line, for the text readers.
enum ByteSearch {
    /// The offset of the first `byte` in `t[from...]`, or nil; `memchr`,
    /// which reads a word at a time: fields are short, but lines can be long.
    @inline(__always) static func first(_ byte: UInt8, in t: UnsafeRawBufferPointer, from: Int = 0) -> Int? {
        guard from < t.count, let base = t.baseAddress, let p = memchr(base + from, Int32(byte), t.count - from) else { return nil }
        return base.distance(to: UnsafeRawPointer(p))
    }

    /// The first offset in `lo..<hi` where `needle` starts, or nil.
    static func find(_ t: UnsafeRawBufferPointer, _ needle: StaticString, _ lo: Int = 0, _ hi: Int? = nil) -> Int? {
        let hi = hi ?? t.count
        let n = needle.utf8CodeUnitCount
        guard hi - lo >= n else { return nil }
        let p = needle.utf8Start
        outer: for s in lo...(hi - n) {
            for k in 0..<n where t[s + k] != p[k] { continue outer }
            return s
        }
        return nil
    }

    /// The last offset in `lo..<hi` where `needle` starts, or nil.
    static func findLast(_ t: UnsafeRawBufferPointer, _ needle: StaticString, _ lo: Int, _ hi: Int) -> Int? {
        let n = needle.utf8CodeUnitCount
        guard hi - lo >= n else { return nil }
        let p = needle.utf8Start
        var s = hi - n
        outer: while s >= lo {
            for k in 0..<n where t[s + k] != p[k] { s -= 1; continue outer }
            return s
        }
        return nil
    }
}
