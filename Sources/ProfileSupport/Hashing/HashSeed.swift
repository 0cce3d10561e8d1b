/// The secret a ``SeededHash`` mixes into every hash, so that which keys
/// collide cannot be worked out from the input side: names crafted to pile
/// into one slot under an unseeded hash spread out under this one.
///
/// Two words, both drawn from one seed: the multiply-mix is zero whenever
/// either factor is, and a factor that is `input ^ constant` can be zeroed by
/// an input that knows the constant; both factors here are `input ^ secret`.
public struct HashSeed: Sendable, Equatable {
    public let a: UInt64
    public let b: UInt64

    /// The secret made from `seed` (spread by splitmix64, so seeds 1 and 2 give unrelated secrets).
    public init(_ seed: UInt64) {
        var s = seed
        a = Self.splitmix(&s)
        b = Self.splitmix(&s) | 1
    }

    @usableFromInline init(a: UInt64, b: UInt64) {
        self.a = a
        self.b = b
    }

    /// Drawn once per process from the system's random source. Only which
    /// slot a key lands in depends on it: every table numbers its entries in
    /// the order they are first added, so no output does.
    public static let process: HashSeed = {
        var random = SystemRandomNumberGenerator()
        return HashSeed(random.next())
    }()

    private static func splitmix(_ s: inout UInt64) -> UInt64 {
        s &+= 0x9E37_79B9_7F4A_7C15
        var z = s
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
