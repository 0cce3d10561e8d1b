/// A fast keyed hash of bytes and of integers: 128-bit multiplies folded to
/// 64 bits, 16 input bytes per multiply, both factors mixed with the
/// ``HashSeed``. Swift's `Hasher` (SipHash) is seeded too, but costs several
/// times more per byte, and these run once per frame of every text input.
///
/// `@inlinable`: the interning tables of ProfileCore and ProfileFormats call
/// these in their innermost loops, across the module boundary.
public enum SeededHash {
    /// The 128-bit product of `x` and `y`, its halves xored: every bit of
    /// each factor reaches the middle bits of the result.
    @inlinable @inline(__always)
    public static func fold(_ x: UInt64, _ y: UInt64) -> UInt64 {
        let p = x.multipliedFullWidth(by: y)
        return p.high ^ p.low
    }

    /// The hash of `bytes`. Names of up to 16 bytes are read in two
    /// overlapping pairs of 32-bit loads, longer ones 16 bytes a step with
    /// the last step reading the last 16 bytes even when they overlap the
    /// step before: no byte-by-byte loop at any length.
    @inlinable
    public static func bytes(_ bytes: UnsafeRawBufferPointer, _ seed: HashSeed) -> UInt64 {
        let n = bytes.count
        var s = seed.a ^ UInt64(truncatingIfNeeded: n)
        var a: UInt64 = 0, b: UInt64 = 0
        if let p = bytes.baseAddress {
            if n > 16 {
                var i = 0
                while n - i > 16 {
                    s = fold(p.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ seed.b,
                             p.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self) ^ s)
                    i += 16
                }
                a = p.loadUnaligned(fromByteOffset: n - 16, as: UInt64.self)
                b = p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            } else if n >= 4 {
                let q = (n >> 3) << 2  // 0 below 8 bytes, else 4: the loads cover every byte
                a = UInt64(p.loadUnaligned(as: UInt32.self)) << 32
                    | UInt64(p.loadUnaligned(fromByteOffset: q, as: UInt32.self))
                b = UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32
                    | UInt64(p.loadUnaligned(fromByteOffset: n - 4 - q, as: UInt32.self))
            } else if n > 0 {
                a = UInt64(p.load(as: UInt8.self)) << 16 | UInt64(p.load(fromByteOffset: n >> 1, as: UInt8.self)) << 8
                    | UInt64(p.load(fromByteOffset: n - 1, as: UInt8.self))
            }
        }
        let p = (a ^ seed.b).multipliedFullWidth(by: b ^ s)
        return fold(p.low ^ seed.a, p.high ^ seed.b)
    }

    /// The hash of two byte strings taken as one key (not their
    /// concatenation: `("ab", "c")` and `("a", "bc")` differ).
    @inlinable
    public static func bytes(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer, _ seed: HashSeed) -> UInt64 {
        let h = bytes(first, seed)
        return bytes(second, HashSeed(mixing: h, into: seed))
    }

    /// The hash of the `Int32`s of `words` (their bytes).
    @inlinable
    public static func words(_ words: UnsafeBufferPointer<Int32>, _ seed: HashSeed) -> UInt64 {
        bytes(UnsafeRawBufferPointer(words), seed)
    }

    /// The hash of one integer key.
    @inlinable @inline(__always)
    public static func word(_ key: UInt64, _ seed: HashSeed) -> UInt64 {
        fold(key ^ seed.a, seed.b)
    }
}

extension HashSeed {
    /// `seed` with `h` folded into its first word: chains two hashes
    /// without drawing anything new.
    @inlinable @inline(__always)
    init(mixing h: UInt64, into seed: HashSeed) {
        self.init(a: seed.a ^ h, b: seed.b)
    }
}
