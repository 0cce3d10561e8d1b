/// A number's text built right to left in 32 bytes on the stack, then
/// appended to an output in one copy: writing digit by digit into a byte
/// array checks its uniqueness and capacity for every digit, which was most
/// of the cost of a flame graph frame's five numbers.
struct DecimalScratch {
    private var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// Where the text starts; it ends at 32.
    private var start = 32

    /// Puts `v`'s decimal digits, at least `width` of them (zero-padded),
    /// before the text so far.
    @inline(__always) mutating func prepend(_ v: UInt64, width: Int = 1) {
        var v = v
        var s = start
        let end = start
        withUnsafeMutableBytes(of: &storage) { b in
            repeat {
                s -= 1
                b[s] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
                v /= 10
            } while v != 0 || end - s < width
        }
        start = s
    }

    /// Puts `byte` before the text so far.
    @inline(__always) mutating func prepend(byte: UInt8) {
        start -= 1
        let s = start
        withUnsafeMutableBytes(of: &storage) { $0[s] = byte }
    }

    /// Appends the text to `bytes`.
    @inline(__always) func append(to bytes: inout [UInt8]) {
        var copy = storage
        let s = start
        withUnsafeBytes(of: &copy) { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[s...])) }
    }
}
