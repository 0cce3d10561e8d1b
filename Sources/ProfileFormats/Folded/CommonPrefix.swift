/// The length of the longest common prefix of two byte runs, compared eight
/// bytes at a time: inline, as the folded reader compares a frame name or a
/// line with the one before it millions of times (a `memcmp` call costs more
/// than the compare for names of a few dozen bytes).
@inline(__always)
func commonPrefixLength(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    let n = min(a.count, b.count)
    guard n > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return 0 }
    var i = 0
    while i + 8 <= n {
        let x = UInt64(littleEndian: pa.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            ^ UInt64(littleEndian: pb.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        if x != 0 { return i + x.trailingZeroBitCount / 8 }
        i += 8
    }
    while i < n && pa.load(fromByteOffset: i, as: UInt8.self) == pb.load(fromByteOffset: i, as: UInt8.self) { i += 1 }
    return i
}
