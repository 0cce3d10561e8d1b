/// A number's text built right to left in 32 bytes on the stack, then
/// appended to an output in one copy: writing digit by digit into a byte
/// array checks its uniqueness and capacity for every digit, which was most
/// of the cost of a flame graph frame's five numbers.
///
/// The one integer-to-decimal writer of the project: ``DecimalText`` builds
/// its fixed decimals with it, and the writers of ProfileFormats their counts.
/// Inlinable, since the flame graph calls it several times per frame.
@frozen public struct DecimalScratch {
    @usableFromInline var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// Where the text starts; it ends at 32.
    @usableFromInline var start = 32

    /// No text yet.
    @inlinable public init() {}

    /// Puts `v`'s decimal digits, at least `width` of them (zero-padded),
    /// before the text so far.
    @inlinable @inline(__always) public mutating func prepend(_ v: UInt64, width: Int = 1) {
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
    @inlinable @inline(__always) public mutating func prepend(byte: UInt8) {
        start -= 1
        let s = start
        withUnsafeMutableBytes(of: &storage) { $0[s] = byte }
    }

    /// Appends the text to `bytes`.
    @inlinable @inline(__always) public func append(to bytes: inout [UInt8]) {
        var copy = storage
        let s = start
        withUnsafeBytes(of: &copy) { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[s...])) }
    }

    /// Appends `value` in decimal to `bytes`, without making a `String`.
    @inlinable @inline(__always) public static func append(_ value: Int64, to bytes: inout [UInt8]) {
        var text = DecimalScratch()
        text.prepend(value.magnitude)
        if value < 0 { text.prepend(byte: UInt8(ascii: "-")) }
        text.append(to: &bytes)
    }
}
