import ProfileSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The frames each distinct block of frame lines gave (a `perf script`
/// event's callchain), by the block's bytes: a capture repeats its hot
/// stacks byte for byte (the same addresses, symbols and modules), so such
/// a block is named once per chunk and after that costs a hash and a
/// `memcmp`, with no look at its lines.
///
/// Two ways in. `lookup(_:)` takes a block already cut at its blank line
/// (`LineCursor.nextBlock`) and finds it by a hash of all its bytes.
/// `match(_:at:)` takes the text where a block starts, before any line
/// of it is looked at: a hash of its first `prefixLength` bytes picks a
/// few blocks that began so, the one equal to the text up to a blank line
/// is it. A block is the lines before its first blank line, so a kept
/// block that the text repeats, followed by a blank line, is the text's
/// block: the cut the lines would have given, without finding a newline.
///
/// A block that gave a warning is never kept, so each occurrence warns at
/// its own line. The bytes kept are bounded (`byteBudget`): a chunk whose
/// blocks do not repeat costs a lookup per block and no more memory; the
/// table `match(_:at:)` uses is of fixed size, and forgets.
struct StackBlockCache {
    /// The most block bytes kept per cache.
    static let byteBudget = 4 << 20
    /// The bytes of a block's start that `match(_:at:)` hashes; shorter
    /// blocks are found by `lookup(_:)` only.
    static let prefixLength = 128
    /// Sets of `ways` recent blocks, by the hash of their first bytes.
    private static let sets = 1024, ways = 4

    private var index = HashIndex(capacity: 256)
    private var bytes: [UInt8] = []
    /// Per block: where its bytes end in `bytes`, where its frames end in `ids`, its lines.
    private var byteEnds: [Int] = []
    private var idEnds: [Int] = []
    private var lineCounts: [Int] = []
    private var ids: [Int32] = []
    /// `ways` block numbers per set (-1: none), the most recently found first.
    private var recent = [Int32](repeating: -1, count: StackBlockCache.sets * StackBlockCache.ways)

    /// A kept block: its frame ids, leaf first (`ids[frames]`, for
    /// `appendFrames(_:to:)`), and its size.
    struct Block {
        /// Its number, from 0 in the order kept.
        var id: Int
        var frames: Range<Int>
        var bytes: Int
        var lines: Int
    }

    /// What a lookup found.
    enum Lookup {
        case kept(Block)
        /// Not kept: name its lines, then `record(_:lines:frames:at:)` it.
        case missing(Miss)
    }

    /// Where a missing block goes.
    struct Miss {
        fileprivate let hash: UInt64
        fileprivate let probe: HashIndex.Probe
    }

    /// The block `block`, cut at its blank line.
    mutating func lookup(_ block: UnsafeRawBufferPointer) -> Lookup {
        let hash = SeededHash.bytes(block, index.seed)
        let probe = bytes.withUnsafeBytes { kept in
            index.find(hash) { i in
                let start = i == 0 ? 0 : byteEnds[i - 1]
                return byteEnds[i] - start == block.count
                    && (block.count == 0 || memcmp(kept.baseAddress! + start, block.baseAddress!, block.count) == 0)
            }
        }
        guard let i = probe.entry else { return .missing(Miss(hash: hash, probe: probe)) }
        remember(i, block)
        return .kept(self.block(i))
    }

    /// The kept block that `text` repeats from `at` up to a blank line, or nil.
    mutating func match(_ cursor: LineCursor, at: Int) -> Block? {
        let text = cursor.text
        guard text.count - at >= Self.prefixLength, let base = text.baseAddress else { return nil }
        let set = self.set(of: UnsafeRawBufferPointer(start: base + at, count: Self.prefixLength))
        for w in 0..<Self.ways {
            let i = Int(recent[set + w])
            if i < 0 { return nil }
            let start = i == 0 ? 0 : byteEnds[i - 1], n = byteEnds[i] - start
            guard n <= text.count - at else { continue }
            let same = bytes.withUnsafeBytes { memcmp($0.baseAddress! + start, base + at, n) == 0 }
            guard same, cursor.blankLine(at: at + n) else { continue }
            if w > 0 {  // to the front of its set
                for k in stride(from: w, to: 0, by: -1) { recent[set + k] = recent[set + k - 1] }
                recent[set] = Int32(i)
            }
            return block(i)
        }
        return nil
    }

    /// Keeps `block` of `lines` lines (each ending in a newline), which gave
    /// `frames` (leaf first) and no warning, where `miss` says; nothing may
    /// be recorded between its lookup and this.
    mutating func record(_ block: UnsafeRawBufferPointer, lines: Int, frames: ArraySlice<Int32>, at miss: Miss) {
        guard bytes.count + block.count <= Self.byteBudget, block.last == 0x0A else { return }
        bytes.append(contentsOf: block)
        byteEnds.append(bytes.count)
        ids.append(contentsOf: frames)
        idEnds.append(ids.count)
        lineCounts.append(lines)
        index.insert(byteEnds.count - 1, hash: miss.hash, at: miss.probe)
        remember(byteEnds.count - 1, block)
    }

    /// Adds the frames of a kept block to the sample `chunk` is reading, rootward.
    func appendFrames(_ r: Range<Int>, to chunk: inout StackChunk) {
        ids.withUnsafeBufferPointer { chunk.appendRootward(contentsOf: UnsafeBufferPointer(rebasing: $0[r])) }
    }

    private func block(_ i: Int) -> Block {
        let start = i == 0 ? 0 : byteEnds[i - 1]
        return Block(id: i, frames: (i == 0 ? 0 : idEnds[i - 1])..<idEnds[i], bytes: byteEnds[i] - start, lines: lineCounts[i])
    }

    /// Puts block `i` first in the set of its first bytes, if it is long enough to be matched.
    private mutating func remember(_ i: Int, _ block: UnsafeRawBufferPointer) {
        guard block.count >= Self.prefixLength else { return }
        let set = self.set(of: UnsafeRawBufferPointer(rebasing: block[..<Self.prefixLength]))
        var k = Self.ways - 1
        // Already in the set: it moves to the front, nothing drops out.
        for w in 0..<Self.ways where recent[set + w] == Int32(i) { k = w; break }
        while k > 0 { recent[set + k] = recent[set + k - 1]; k -= 1 }
        recent[set] = Int32(i)
    }

    /// The set of a block's first `prefixLength` bytes: eight products
    /// that do not wait on each other (a lossy table needs no more; a
    /// collision costs a `memcmp`).
    private func set(of prefix: UnsafeRawBufferPointer) -> Int {
        let p = prefix.baseAddress!, a = index.seed.a, b = index.seed.b
        var h = a
        for k in stride(from: 0, to: Self.prefixLength, by: 16) {
            h ^= SeededHash.fold(p.loadUnaligned(fromByteOffset: k, as: UInt64.self) ^ a &+ UInt64(k),
                                 p.loadUnaligned(fromByteOffset: k + 8, as: UInt64.self) ^ b)
        }
        return (Int(truncatingIfNeeded: SeededHash.fold(h, b) >> 7) & (Self.sets - 1)) * Self.ways
    }
}
