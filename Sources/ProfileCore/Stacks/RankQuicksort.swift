/// Multikey quicksort (Bentley and Sedgewick) of stacks by token rank: each
/// step splits a range by the rank at one depth into less, equal and
/// greater, and only the equal part goes one frame deeper. A frame shared by
/// many stacks is read once per split instead of once per comparison, which
/// the long common prefixes of real stacks make the larger cost.
///
/// Ranges are kept on an explicit stack, so neither stack depth nor input
/// order can make it recurse. Short ranges are finished by insertion sort
/// from the depth they reached.
struct RankQuicksort {
    private let cmp: Comparer

    /// Ranges at most this long are insertion-sorted.
    private static let small = 12

    init(_ cmp: Comparer) { self.cmp = cmp }

    /// Sorts stack indices by line, ties by index.
    func sort(_ idx: UnsafeMutableBufferPointer<Int>) {
        guard idx.count > 1 else { return }
        // Each range's keys at its depth, computed once per split.
        let keys = UnsafeMutableBufferPointer<Int32>.allocate(capacity: idx.count)
        defer { keys.deallocate() }
        var work: [(lo: Int, hi: Int, depth: Int)] = [(0, idx.count, 0)]
        while let (lo, hi, depth) = work.popLast() {
            if hi - lo <= Self.small {
                insertionSort(idx, lo, hi, depth)
                continue
            }
            for i in lo..<hi { keys[i] = cmp.key(idx[i], depth) }
            let pivot = median(keys[lo], keys[lo + (hi - lo) / 2], keys[hi - 1])
            // Dijkstra's three-way partition: [lo, lt) < pivot, [lt, i) == pivot, (gt, hi) > pivot.
            var lt = lo, i = lo, gt = hi - 1
            while i <= gt {
                let k = keys[i]
                if k < pivot {
                    keys.swapAt(lt, i); idx.swapAt(lt, i)
                    lt += 1; i += 1
                } else if k > pivot {
                    keys.swapAt(i, gt); idx.swapAt(i, gt)
                    gt -= 1
                } else {
                    i += 1
                }
            }
            if gt + 1 < hi { work.append((gt + 1, hi, depth)) }
            if pivot < 0 {
                // Stacks that ended here are the same stack: by index.
                var same = UnsafeMutableBufferPointer(rebasing: idx[lt...gt])
                same.sort()
            } else if gt > lt {
                work.append((lt, gt + 1, depth + 1))
            }
            if lt > lo { work.append((lo, lt, depth)) }
        }
    }

    private func insertionSort(_ idx: UnsafeMutableBufferPointer<Int>, _ lo: Int, _ hi: Int, _ depth: Int) {
        var i = lo + 1
        while i < hi {
            let x = idx[i]
            var j = i
            while j > lo && cmp.less(x, idx[j - 1], from: depth) {
                idx[j] = idx[j - 1]
                j -= 1
            }
            idx[j] = x
            i += 1
        }
    }

    @inline(__always) private func median(_ a: Int32, _ b: Int32, _ c: Int32) -> Int32 {
        max(min(a, b), min(max(a, b), c))
    }
}
