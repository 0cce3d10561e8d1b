import ProfileCore

/// `--shard K/N`: the K-th (0-based) of N disjoint slices of a batch's inputs.
///
/// An input's slice is the FNV-1a hash of its relative path, modulo N, so it
/// depends on nothing but that path: every machine of a job array computes
/// the same slices without talking to the others, and adding files to the
/// corpus never moves an existing file to another slice.
public struct BatchShard: Sendable, Equatable {
    /// 0 ..< count; a Kubernetes Indexed Job's `JOB_COMPLETION_INDEX`.
    public let index: Int
    /// How many shards share the inputs.
    public let count: Int

    /// Shard `index` of `count`; throws unless `0 ≤ index < count`.
    public init(index: Int, count: Int) throws {
        guard count >= 1 else { throw ProfileError("a shard K/N needs N ≥ 1, not \(count)") }
        guard (0..<count).contains(index) else {
            throw ProfileError("a shard K/N needs 0 ≤ K < N (K counts from 0), not \(index)/\(count)")
        }
        self.index = index
        self.count = count
    }

    /// Parses `K/N`, as `--shard 3/8`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw ProfileError("a shard is K/N, such as 0/4 for the first of four slices, not '\(text)'")
        }
        try self.init(index: k, count: n)
    }

    /// The slice `relativePath` belongs to.
    public static func slice(of relativePath: String, count: Int) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in relativePath.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return Int(hash % UInt64(count))
    }

    /// Whether this shard converts the input at `relativePath`: a stable hash of the path picks one shard.
    public func contains(_ relativePath: String) -> Bool {
        Self.slice(of: relativePath, count: count) == index
    }
}

extension BatchPlan {
    /// Keeps only the items of `shard`. Output conflicts were found over the
    /// whole set before, so every slice reports them the same way.
    public mutating func restrict(to shard: BatchShard) {
        items.removeAll { !shard.contains($0.relativeInput) }
    }
}
