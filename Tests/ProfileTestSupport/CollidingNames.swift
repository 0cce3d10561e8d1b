/// 16-byte names that all hash alike under the unseeded hash that
/// `FoldedNames`, `StringTable` and `ByteKeyCache` used before they shared a
/// seeded one: a multiply-xorshift chain over the two 8-byte words, with no
/// secret in it, so the second word can cancel whatever the first did to the
/// state. Every name leaves the chain in the same state, so every name went
/// to the same slot and each new one walked past all the others.
public enum CollidingNames {
    /// `count` distinct names; with `ascii`, every byte is below 0x80 (valid
    /// UTF-8, which `StringTable` keeps as it is: it repairs other bytes).
    public static func make(_ count: Int, ascii: Bool = true) -> [[UInt8]] {
        let target: UInt64 = 0x2A2A_2A2A_2A2A_2A2A
        var names: [[UInt8]] = []
        var n: UInt64 = 0
        while names.count < count {
            // The first word: eight letters spelling the counter in base 16.
            var first: UInt64 = 0
            for k in 0..<8 { first |= (0x61 + (n >> (4 * UInt64(k)) & 0xF)) << (8 * UInt64(k)) }
            n += 1
            var h = (0x9E37_79B9_7F4A_7C15 ^ 16) ^ first
            h = h &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            let second = h ^ target  // the state the second step mixes is `target` for every name
            if ascii && second & 0x8080_8080_8080_8080 != 0 { continue }
            names.append(withUnsafeBytes(of: first.littleEndian, Array.init) + withUnsafeBytes(of: second.littleEndian, Array.init))
        }
        return names
    }
}
