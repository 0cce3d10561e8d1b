import ProfileCore
@testable import ProfileFormats
import Testing

/// The folded reader cuts a large input into chunks parsed on their own
/// threads. Whatever the number of chunks, the profile, its warnings and
/// its errors must be those of one pass over the whole input.
@Suite("folded stacks read in chunks")
struct FoldedChunksTests {
    /// What a read gives: the profile as pprof bytes (ids, order, strings,
    /// samples), the sample columns, the warnings; or the error.
    struct Outcome: Equatable {
        var pprof: [UInt8] = []
        var locations: [Int32] = []
        var locationStart: [Int32] = []
        var values: [Int64] = []
        var warnings: [String] = []
        var error: ProfileError?
    }

    func outcome(_ bytes: [UInt8], chunks: Int) -> Outcome {
        var o = Outcome()
        do {
            var warnings = Warnings()
            let p = try bytes.withUnsafeBytes { try FoldedReader.read($0, chunks: chunks, warnings: &warnings) }
            let sink = ByteSink()
            try PprofFormat.write(p, options: WriteOptions(), to: sink)
            o.pprof = sink.bytes
            o.locations = p.samples.locations
            o.locationStart = p.samples.locationStart
            o.values = p.samples.values
            o.warnings = warnings.messages
        } catch let e as ProfileError {
            o.error = e
        } catch {
            Issue.record("unexpected error \(error)")
        }
        return o
    }

    /// Reads `text` in 1 to 9 chunks and expects the same outcome each time; returns the one-chunk outcome.
    @discardableResult
    func expectSameInAnyChunks(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Outcome {
        let bytes = Array(text.utf8)
        let one = outcome(bytes, chunks: 1)
        for chunks in 2...9 {
            #expect(outcome(bytes, chunks: chunks) == one, "\(chunks) chunks", sourceLocation: sourceLocation)
        }
        return one
    }

    @Test("the input is cut after newlines only, into whole lines that cover it exactly once")
    func splitsAtNewlines() {
        let text = Array("aaaa;b 1\nc 2\nddddddddd 3\ne 4".utf8)
        text.withUnsafeBytes { raw in
            for count in 1...12 {
                let ranges = FoldedReader.split(raw, into: count)
                #expect(ranges.first?.lowerBound == 0)
                #expect(ranges.last?.upperBound == text.count)
                #expect(ranges.count <= count)
                for (a, b) in zip(ranges, ranges.dropFirst()) {
                    #expect(a.upperBound == b.lowerBound)
                    #expect(text[a.upperBound - 1] == 0x0A, "a chunk ends after a newline")
                }
            }
        }
    }

    @Test("a split point in the middle of a line moves to its end")
    func lineCutAtTheBorder() {
        // 2 chunks: the middle (byte 15) falls inside the second line.
        let text = "main;alpha 1\nmain;beta;gamma 2\nmain;alpha 3\n"
        let ranges = Array(text.utf8).withUnsafeBytes { FoldedReader.split($0, into: 2) }
        #expect(ranges == [0..<31, 31..<44])
        let o = expectSameInAnyChunks(text)
        #expect(o.values == [1, 2, 3])
    }

    @Test("frames get ids by first appearance in the whole input, whichever chunk sees them first")
    func idsByFirstAppearance() {
        var text = ""
        for i in 0..<200 { text += "root;f\(i % 37);g\((i * 7) % 53) \(i + 1)\n" }
        text += "root;late;f3 5\n"
        let o = expectSameInAnyChunks(text)
        #expect(o.error == nil)
        #expect(o.values.count == 201)
    }

    @Test("CRLF line ends, a final line without a newline, comments and blank lines")
    func lineEndsAndSkippedLines() {
        expectSameInAnyChunks("# a comment\r\n\r\nmain;a 1\r\n   \r\nmain;b 2\r\n# another\r\nmain;a;c 3\r\nmain;d 4")
        expectSameInAnyChunks("main;a 1\n\n\n\n\n\n\n\n\n\n\n\n#\n#\n#\nmain;b 2\n\n")
        expectSameInAnyChunks("\u{FEFF}main;a 1\nmain;b 2\nmain;c 3\nmain;d 4\nmain;e 5\nmain;f 6\nmain;g 7\n")
    }

    @Test("an error in a later chunk is reported at its line in the whole input")
    func errorInSecondChunk() {
        var text = ""
        for i in 0..<40 { text += "main;f\(i) \(i)\n" }
        text += "main;huge 99999999999999999999999\n"
        for i in 0..<40 { text += "main;g\(i) \(i)\n" }
        text += "main;huger 999999999999999999999999\n"
        let o = expectSameInAnyChunks(text)
        #expect(o.error == ProfileError.atLine(41, "the count 99999999999999999999999 does not fit in a 64-bit integer"))
    }

    @Test("the first error wins, even when a later chunk has one too")
    func firstErrorWins() {
        var text = "main;a 1\nmain;b 18446744073709551616\n"
        for i in 0..<60 { text += "main;f\(i) \(i)\n" }
        text += "main;c 99999999999999999999\n"
        let o = expectSameInAnyChunks(text)
        #expect(o.error?.place == .line(2))
    }

    @Test("skipped lines are counted and numbered across chunks")
    func warningsNumbering() {
        var text = ""
        for i in 1...30 { text += i % 7 == 0 ? "no count here \(i)x\n" : "main;f\(i) \(i)\n" }
        text += "main;half 2.5\nmain;quarter 1.25\n"
        let o = expectSameInAnyChunks(text)
        #expect(o.warnings == [
            "skipped 4 lines without a valid count (lines 7, 14, 21, 28; first: \"no count here 7x\")",
            "rounded fractional counts to whole numbers on 2 lines",
        ])
    }

    @Test("more than five skipped lines, the first ones named, across chunks")
    func manySkippedLines() {
        var text = ""
        for i in 1...40 { text += i % 3 == 0 ? "bad\(i)\n" : "main;f \(i)\n" }
        let o = expectSameInAnyChunks(text)
        #expect(o.warnings == ["skipped 13 lines without a valid count (lines 3, 6, 9, 12, 15, …; first: \"bad3\")"])
    }

    @Test("the line where the counts pass 64 bits is found when the chunks before it hold most of the sum")
    func saturationAcrossChunks() {
        var text = ""
        for i in 0..<20 { text += "main;f\(i) 461168601842738790\n" }  // 20 × max/20, just under
        for i in 0..<20 { text += "main;g\(i) 1\n" }
        let o = expectSameInAnyChunks(text)
        #expect(o.warnings.count == 1)
        #expect(o.warnings.first?.hasPrefix("line 28: the counts sum past") == true)
    }

    @Test("a differential file decided by a first counted line in the first chunk applies to every chunk")
    func differentialAcrossChunks() {
        var text = "not counted\n"
        for i in 0..<50 { text += "main;f\(i % 9) \(i) \(i + 1)\n" }
        text += "main;one-column 5\n"
        let o = expectSameInAnyChunks(text)
        #expect(o.values.count == 100)
        #expect(o.warnings.first?.hasPrefix("skipped 2 lines") == true)
    }

    @Test("an input with no counted line fails the same way in any number of chunks")
    func noCounts() {
        let o = expectSameInAnyChunks("a\nb\nc\nd\ne\nf\ng\nh\n")
        #expect(o.error?.place == .line(1))
        #expect(expectSameInAnyChunks("\n\n# c\n\n").error == ProfileError("the folded input holds no stacks"))
    }

    @Test("each sample's frames are its line's, however much of the line before it repeats")
    func framesSharedWithThePreviousLine() throws {
        let lines = ["a;b 1", "a;bc 2", "a;b;c 3", "a;b 4", "ab 5", "a 6", ";a 7", "a;;b 8", "a;;b;c 9",
                     "[no stack] 10", "a;b;c 11", "a;b;c 12", "a;b;cd;e 13", "a;b;c;e 14", "x;b;c 15", "a;b;c;d;e 16"]
        for chunks in [1, 3] {
            var warnings = Warnings()
            let p = try Array(lines.joined(separator: "\n").utf8).withUnsafeBytes {
                try FoldedReader.read($0, chunks: chunks, warnings: &warnings)
            }
            #expect(p.samples.count == lines.count)
            for (i, line) in lines.enumerated() {
                let stack = line.split(separator: " ").dropLast().joined(separator: " ")
                let expected = stack == "[no stack]" ? [] : stack.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                let frames = p.samples.locations(of: i).reversed().map { loc in
                    p.string(p.functions[Int(p.lines[Int(p.locations[Int(loc)].lineStart)].functionIndex)].name)
                }
                #expect(frames == expected, "line \(i + 1) in \(chunks) chunks")
            }
        }
    }

    @Test("a chunk's name table gives each distinct name one id, by first appearance, at every length")
    func nameTable() {
        var names = FoldedNames()
        var all: [[UInt8]] = [[]]
        for length in 1...40 {
            let base = (0..<length).map { UInt8(0x61 + $0 % 26) }
            all.append(base)
            var changed = base
            changed[length / 2] = 0x5F  // same length, one byte apart
            all.append(changed)
            all.append(base + [0])  // a prefix of the next length's name is another name
        }
        for (i, name) in all.enumerated() {
            #expect(name.withUnsafeBytes { names.id($0) } == Int32(i))
        }
        for (i, name) in all.enumerated().reversed() {
            #expect(name.withUnsafeBytes { names.id($0) } == Int32(i))
        }
        #expect(names.count == all.count)
        #expect(names.withName(3) { Array($0) } == all[3])
    }

    @Test("one very long line and empty chunks")
    func oneLongLine() {
        expectSameInAnyChunks(String(repeating: "frame;", count: 500) + "leaf 7\n")
        expectSameInAnyChunks(String(repeating: "frame;", count: 500) + "leaf 7")
    }

    @Test("invalid UTF-8 names that repair to the same text share one location, as in one pass")
    func invalidUTF8() {
        var bytes: [UInt8] = []
        for i in 0..<30 {
            bytes += Array("main;".utf8) + [0xFF, UInt8(0x41 + i % 3)] + Array(";x\(i % 4) 1\n".utf8)
            bytes += Array("main;".utf8) + [0xFE, UInt8(0x41 + i % 3)] + Array(" 2\n".utf8)
        }
        let one = outcome(bytes, chunks: 1)
        for chunks in 2...9 { #expect(outcome(bytes, chunks: chunks) == one) }
    }

    @Test("a real CPU capture as folded text reads the same in 1, 2 and 8 chunks")
    func syntheticProfile() throws {
        let text = try Fixture.bytes("go1.19/busy/cpu.pb.gz")
        let folded = try written(FormatRegistry.read(text).profile, as: FoldedFormat.self)
        let bytes = Array(folded.utf8)
        let one = outcome(bytes, chunks: 1)
        #expect(one.error == nil)
        #expect(outcome(bytes, chunks: 2) == one)
        #expect(outcome(bytes, chunks: 8) == one)
    }
}
