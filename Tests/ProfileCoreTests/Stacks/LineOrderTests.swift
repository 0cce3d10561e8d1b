import ProfileCore
import Testing

/// Stacks as raw frame-id columns, made from names, as ``FrameTable/lineOrder`` takes them.
private struct Stacks {
    var table = FrameTable()
    var frames: [Int32] = []
    var starts: [Int32] = [0]
    var names: [[String]] = []

    init(_ stacks: [[String]]) {
        for s in stacks {
            for name in s { frames.append(table.intern(name)) }
            starts.append(Int32(frames.count))
            names.append(s)
        }
    }

    func order(halves: LineOrder.BothHalves? = nil) -> [Int] {
        table.lineOrder(frames: frames, starts: starts, halves: halves)
    }
}

/// A deterministic pseudo-random sequence (a 64-bit LCG), so failures repeat.
private struct Draw {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}

/// `count` stacks of 0 to `maxDepth` frames drawn from `names`, duplicates included.
private func randomStacks(_ names: [String], count: Int, maxDepth: Int, seed: UInt64) -> [[String]] {
    var draw = Draw(state: seed)
    return (0..<count).map { _ in (0..<draw.next(maxDepth + 1)).map { _ in names[draw.next(names.count)] } }
}

/// The order by definition: the lines' bytes up to the value (`a;b;c `),
/// compared bytewise, ties by input position; a stack of no frames first.
private func bytewiseLineOrder(_ stacks: [[String]]) -> [Int] {
    let lines = stacks.map { $0.isEmpty ? [] : Array(($0.joined(separator: ";") + " ").utf8) }
    return lines.indices.sorted { a, b in
        lines[a] == lines[b] ? a < b : lines[a].lexicographicallyPrecedes(lines[b])
    }
}

/// The order token by token (`name;`, the last `name `), each token compared
/// bytewise, ties by input position: what the sort has always done when a
/// name holds a separator (the frame-by-frame comparison it replaced).
private func tokenwiseOrder(_ stacks: [[String]]) -> [Int] {
    let tokens = stacks.map { s in s.indices.map { Array((s[$0] + ($0 == s.count - 1 ? " " : ";")).utf8) } }
    return tokens.indices.sorted { a, b in
        for (x, y) in zip(tokens[a], tokens[b]) where x != y { return x.lexicographicallyPrecedes(y) }
        return tokens[a].count != tokens[b].count ? tokens[a].count < tokens[b].count : a < b
    }
}

/// Names that meet at every byte that matters: prefixes of each other, bytes
/// just below and above ' ' (0x20) and ';' (0x3B), the empty name, DEL,
/// non-ASCII UTF-8, and long shared prefixes that fill whole 8-byte words.
private let adversarial = [
    "a", "a.b", "a.", "ab", "a!", "a\u{1F}", "a0", "a:", "a<", "a=", "a\u{7F}", "", "b", "B",
    "é", "e", "ée", "\u{1F600}", "日本", "github.com/acme/x", "github.com/acme/xy", "github.com/acme/x.y",
]

@Suite("line order")
struct LineOrderTests {
    @Test("without separators in names, the order is the bytewise order of the lines")
    func bytewise() {
        for seed: UInt64 in 1...8 {
            let stacks = randomStacks(adversarial, count: 600, maxDepth: 5, seed: seed)
            #expect(Stacks(stacks).order() == bytewiseLineOrder(stacks), "seed \(seed)")
        }
    }

    @Test("a caller's line sorts before its callees', an empty stack first")
    func prefixes() {
        let stacks = [["a", "b"], ["a"], ["a.b"], [], ["a", "a"], ["a!"], ["a\u{1F}"], ["a<"]]
        // "" < "a\x1F " < "a " < "a! " < "a.b " < "a;a " < "a;b " < "a< "
        #expect(Stacks(stacks).order() == [3, 6, 1, 5, 2, 4, 0, 7])
        #expect(Stacks(stacks).order() == bytewiseLineOrder(stacks))
    }

    @Test("names holding ';' or ' ' sort token by token, as the frame-by-frame comparison sorted them")
    func separatorsInNames() {
        let names = adversarial + ["a;", "a b", "a;b", "a ", " ", ";", "a b:12", "a b:3"]
        for seed: UInt64 in 1...8 {
            let stacks = randomStacks(names, count: 600, maxDepth: 4, seed: seed)
            #expect(Stacks(stacks).order() == tokenwiseOrder(stacks), "seed \(seed)")
        }
        // Where the two definitions part: "a;b" as one frame goes after its
        // prefix token "a;", though the line "a;b " sorts before "a;c ".
        let stacks = [["a;b"], ["a", "c"]]
        #expect(Stacks(stacks).order() == [1, 0])
        #expect(bytewiseLineOrder(stacks) == [0, 1])
    }

    @Test("equal stacks keep their input order")
    func ties() {
        let stacks = [["x", "y"], ["a"], ["x", "y"], ["a"], [], ["x", "y"], []]
        #expect(Stacks(stacks).order() == [4, 6, 1, 3, 0, 2, 5])
    }

    @Test("every token has a rank, equal only for equal tokens, ordered as the bytes")
    func ranks() {
        var table = FrameTable()
        for name in adversarial { _ = table.intern(name) }
        let ranks = table.tokenRanks()
        #expect(ranks.count == 2 * adversarial.count)
        #expect(Set(ranks).count == ranks.count)
        let tokens = (0..<ranks.count).map { Array((adversarial[$0 / 2] + ($0 % 2 == 1 ? " " : ";")).utf8) }
        let byBytes = tokens.indices.sorted { tokens[$0].lexicographicallyPrecedes(tokens[$1]) }
        #expect(byBytes.map { ranks[$0] } == Array(0..<Int32(ranks.count)))
    }

    @Test("sorting two halves apart and merging gives the one-thread order")
    func halves() {
        // Above the parallel threshold, with many ties across the halves.
        let stacks = randomStacks(adversarial, count: LineOrder.parallelThreshold + 1_001, maxDepth: 4, seed: 42)
        let s = Stacks(stacks)
        var ran: [Int] = []
        // The halves in the other order than a caller would start them: neither may depend on the other.
        let reversed: LineOrder.BothHalves = { body in body(1); ran.append(1); body(0); ran.append(0) }
        let two = s.order(halves: reversed)
        #expect(ran == [1, 0, 1, 0])  // sorting the halves, then merging from both ends
        #expect(two == s.order())
        #expect(two == bytewiseLineOrder(stacks))
    }

    @Test("a few stacks are sorted on the calling thread")
    func smallStaysSingle() {
        var called = false
        let order = Stacks([["b"], ["a"]]).order(halves: { body in called = true; body(0); body(1) })
        #expect(order == [1, 0])
        #expect(!called)
    }

    @Test("a 100,000-frame stack and a 100,000-stack run of one frame sort without recursion")
    func deep() {
        let deep = (0..<100_000).map { "f\($0 % 3)" }
        let stacks = [deep, Array(deep.dropLast()), ["f0"], deep]
        #expect(Stacks(stacks).order() == [2, 1, 0, 3])
        let flat = (0..<100_000).map { _ in ["same"] }
        #expect(Stacks(flat).order() == Array(0..<100_000))
    }
}
