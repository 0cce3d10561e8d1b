import ProfileCore
@testable import ProfileFormats
import Testing

@Suite("folded writer")
struct FoldedWriterTests {
    /// Every value whose digit count changes, both sides of it, and the extremes.
    static let numbers: [Int64] = {
        var v: [Int64] = [0, 1, -1, Int64.max, Int64.min, Int64.min + 1]
        var p: Int64 = 1
        for _ in 0..<18 {
            p *= 10
            v += [p - 1, p, p + 1, -p, -(p - 1), p / 2 * 3]
        }
        return v
    }()

    @Test("numbers are written as String(describing:) writes them", arguments: numbers)
    func digits(_ v: Int64) {
        var bytes = [UInt8](repeating: 0, count: 24)
        let n = bytes.withUnsafeMutableBufferPointer { DecimalDigits.write(v, to: $0.baseAddress!) }
        #expect(String(decoding: bytes[..<n], as: UTF8.self) == String(v))
    }

    func lines(_ stacks: StackSet, chunkSize: Int) throws -> (text: String, blocks: [Int]) {
        var out: [UInt8] = []
        var blocks: [Int] = []
        let sink = ByteSink(chunkSize: chunkSize) { bytes in
            out += bytes
            blocks.append(bytes.count)
        }
        try FoldedWriter.write(stacks, to: sink)
        try sink.flush()
        return (String(decoding: out, as: UTF8.self), blocks)
    }

    @Test("the sink gets megabyte blocks, and their bytes are the lines in order")
    func blocks() throws {
        let stacks = (0..<40_000).map { i in (["main", "work\(i % 7)", "leaf\(i)"], Int64(i + 1)) }
        let set = StackSet(profile(stacks), sampleIndices: [0])
        let (text, blocks) = try lines(set, chunkSize: 1 << 20)
        let expected = stacks.map { "\($0.0.joined(separator: ";")) \($0.1)" }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(text == expected.joined(separator: "\n") + "\n")
        #expect(blocks.count > 1)
        #expect(blocks.dropLast().allSatisfy { $0 >= 1 << 20 })
    }

    @Test("a name longer than the buffer is written whole")
    func longName() throws {
        let long = String(repeating: "x", count: 3 << 20)
        let set = StackSet(profile([(["a", long, "b"], 2), (["c"], 1)]), sampleIndices: [0])
        #expect(try lines(set, chunkSize: 1 << 20).text == "a;\(long);b 2\nc 1\n")
    }

    @Test("every value column follows the frames; a stack of no frames is [no stack], first")
    func columns() throws {
        var b = ProfileBuilder(sampleTypes: [("alloc", "count"), ("inuse", "count")])
        let f = b.location(function: b.function(name: b.intern("f")))
        let g = b.location(function: b.function(name: b.intern("g")))
        b.addSample(locations: [f], values: [3, -4])
        b.addSample(locations: [], values: [0, 7])
        b.addSample(locations: [f, g], values: [1, 2])
        let set = StackSet(b.build(), sampleIndices: [0, 1])
        #expect(try lines(set, chunkSize: 1 << 20).text == "[no stack] 0 7\nf 3 -4\ng;f 1 2\n")
    }
}
