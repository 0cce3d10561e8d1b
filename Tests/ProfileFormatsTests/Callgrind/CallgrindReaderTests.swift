import ProfileCore
import Testing
@testable import ProfileFormats

@Suite("callgrind reader")
struct CallgrindReaderTests {
    func read(_ text: String) throws -> FormatRegistry.Decoded {
        try readText(text)
    }

    func folded(_ p: Profile, _ sampleIndex: String? = nil) throws -> String {
        try written(p, as: FoldedFormat.self, options: WriteOptions(sampleIndex: sampleIndex))
    }

    /// Flat cost per function name, as `top` reports it.
    func flat(_ p: Profile, _ index: Int) -> [String: Int64] {
        var out: [String: Int64] = [:]
        for i in 0..<p.samples.count {
            guard let leaf = p.samples.locations(of: i).first else { continue }
            let line = p.lines(ofLocation: leaf).first!
            out[p.strings[p.functions[Int(line.functionIndex)].name], default: 0] += p.samples.value(of: i, at: index)
        }
        return out
    }

    /// The extended example of valgrind's format specification, compressed.
    static let specExample = """
        # callgrind format
        events: Instructions
        fl=(1) file1.c
        fn=(1) main
        16 20
        cfn=(2) func1
        calls=1 50
        16 400
        cfi=(2) file2.c
        cfn=(3) func2
        calls=3 20
        16 400
        fn=(2)
        51 100
        cfi=(2)
        cfn=(3)
        calls=2 20
        51 300
        fl=(2)
        fn=(3)
        20 700

        """

    @Test("the specification's example: self costs at the functions, under stacks grown from the calls' inclusive costs")
    func specificationExample() throws {
        let d = try read(Self.specExample)
        #expect(d.format.name == CallgrindFormat.name)
        #expect(d.profile.sampleTypeNames == "Instructions/count")
        // func2 is called from main (400) and from func1 (300): its 700 is shared so.
        #expect(try folded(d.profile) == "main 20\nmain;func1 100\nmain;func1;func2 300\nmain;func2 400\n")
    }

    @Test("several events are sample types, the first shown by default; missing costs are zero")
    func severalEvents() throws {
        let p = try read("""
            events: Ir Dr Dw
            fl=a.c
            fn=main
            1 10 5 1
            2 7
            cfn=leaf
            calls=2 9
            3 6 2
            fn=leaf
            9 6 2

            """).profile
        #expect(p.sampleTypeNames == "Ir/count, Dr/count, Dw/count")
        #expect(p.defaultSampleIndex == 0)
        #expect(flat(p, 0) == ["main": 17, "leaf": 6])
        #expect(flat(p, 1) == ["main": 5, "leaf": 2])
        #expect(flat(p, 2) == ["main": 1, "leaf": 0])
        #expect(try folded(p, "Dr") == "main 5\nmain;leaf 2\n")
    }

    @Test("positions instr and line, with +N, -N and * relative to the last cost line, do not shift the costs")
    func subpositions() throws {
        let p = try read("""
            # callgrind format
            positions: instr line
            events: ticks
            fn=func
            0x80001234 90 1
            +3 * 5
            +1 +1 6
            -4 -1 7

            """).profile
        #expect(flat(p, 0) == ["func": 19])
        #expect(p.functions[0].startLine == 90)
    }

    @Test("code inlined from another file (fi=, fe=) counts apart by file, as callgrind_annotate lists it, within its function's stack")
    func inlinedFiles() throws {
        let p = try read("""
            events: Ir
            fl=(1) main.c
            fn=(1) main
            1 1
            cfn=(2) work
            calls=1 1
            2 12
            fn=(2)
            5 2
            fi=(2) inline.h
            7 10
            fe=(1)
            6 0

            """).profile
        #expect(try folded(p) == "main 1\nmain;work 12\n")
        let byFile = Dictionary(grouping: p.functions, by: { p.strings[$0.name] + "@" + p.strings[$0.filename] }).keys.sorted()
        #expect(byFile == ["main@main.c", "work@inline.h", "work@main.c"])
        #expect(flat(p, 0) == ["main": 1, "work": 12])
    }

    @Test("cycles in the call graph end: recursion is not entered twice on one stack, and a cycle no root calls is still reached")
    func cycles() throws {
        let p = try read("""
            events: Ir
            fn=a
            1 3
            cfn=b
            calls=1 1
            1 10
            fn=b
            1 4
            cfn=a
            calls=1 1
            1 6
            cfn=b
            calls=5 1
            1 2

            """).profile
        #expect(flat(p, 0) == ["a": 3, "b": 4])
        #expect(try folded(p) == "a 3\na;b 4\n")
    }

    @Test("a 30,000-deep call chain is read without recursion; every self cost is kept")
    func deepChain() throws {
        var text = "events: Ir\n"
        let n = 30_000
        for i in 0..<n {
            text += "fn=(\(i + 1)) f\(i)\n1 1\n"
            if i + 1 < n { text += "cfn=(\(i + 2)) f\(i + 1)\ncalls=1 1\n1 \(n - i - 1)\n" }
        }
        let d = try read(text)
        #expect(d.profile.totals() == [Int64(n)])
        #expect(flat(d.profile, 0).count == n)
    }

    @Test("several parts are read, each sample labelled with its part")
    func parts() throws {
        let p = try read("""
            # callgrind format
            part: 1
            events: Ir
            fn=(1) main
            1 5
            part: 2
            events: Ir
            fn=(1)
            1 7

            """).profile
        #expect(p.totals() == [12])
        let parts = (0..<p.samples.count).compactMap { i in p.samples.labels(of: i).first.map { $0.num } }
        #expect(parts.sorted() == [1, 2])
    }

    @Test("a count past 64 bits saturates, with a warning that gives its line")
    func saturation() throws {
        let d = try read("events: Ir\nfn=main\n1 99999999999999999999999\n1 5\n")
        #expect(d.profile.totals() == [Int64.max])
        #expect(d.warnings.messages.contains { $0.contains("line 3") && $0.contains("saturates") })
    }

    @Test("broken files are refused at their line", arguments: [
        ("events: Ir\nfn=(3)\n1 1\n", "fn=(3) uses name id 3 before a line defines it (`fn=(3) name`) (line 2)"),
        ("events: Ir\nfn=(99999999999) f\n", "the name id of this fn= line is larger than 4294967295; callgrind numbers names from 1 (line 2)"),
        ("events: Ir\nfn=f\ncfn=g\ncalls=1 1\n", "the file ends after a calls= line, before the cost line of that call: it is cut short (line 4)"),
        ("events: Ir\nfn=f\n1 2 3\n", "this cost line has more costs than the 1 event of the events: line (line 3)"),
        ("events: Ir\n1 2\n", "a cost line before any fn= line: callgrind's costs belong to the function named before them (line 2)"),
        ("events: Ir\nfn=f\n1 x\n", "not a cost line: \"1 x\" (positions, then one whole number per event, decimal or 0x hex) (line 3)"),
    ])
    func refused(text: String, message: String) throws {
        #expect {
            _ = try FormatRegistry.read(Array(text.utf8), format: CallgrindFormat.self)
        } throws: { ($0 as? ProfileError)?.description == message }
    }

    @Test("cachegrind's header (no `# callgrind format`) is recognised by its keys up to events:")
    func cachegrindHeader() throws {
        let d = try read("desc: I1 cache: 32768 B, 64 B, 8-way associative\ncmd: ./calls\nevents: Ir I1mr\nfl=a.c\nfn=main\n3 9 1\nsummary: 9 1\n")
        #expect(d.format.name == CallgrindFormat.name)
        #expect(flat(d.profile, 1) == ["main": 1])
        #expect(CallgrindFormat.sniff(UnsafeRawBufferPointer(start: nil, count: 0)) == .no)
    }

    @Test("profconv's own callgrind output reads back with the same flat cost per function, for every sample type",
          arguments: ["go1.19/busy/cpu.pb.gz", "go1.19/leaky/heap.debug0.pb.gz"])
    func writerRoundTrip(fixture: String) throws {
        let original = try Fixture.decode(fixture).profile
        let back = try read(try written(original, as: CallgrindFormat.self)).profile
        for i in original.sampleTypes.indices {
            let name = original.strings[original.sampleTypes[i].type]
            let j = try back.sampleIndex(for: name)
            #expect(flat(back, j).filter { $0.value != 0 } == flat(original, i).filter { $0.value != 0 })
            #expect(back.strings[back.sampleTypes[j].unit] == original.strings[original.sampleTypes[i].unit])
        }
    }

    @Test("real callgrind captures: each function's self cost of the first event equals callgrind_annotate's committed report",
          arguments: ["calls.callgrind.out", "calls-instr.callgrind.out", "calls-cache.callgrind.out"])
    func realCaptures(file: String) throws {
        let p = try Fixture.decode("callgrind/" + file).profile
        let report = String(decoding: try Fixture.bytes("callgrind/" + file + ".annotate.txt"), as: UTF8.self)
        // Rows after the `file:function` heading: `205,724 (45.05%) … /path/calls.c:main [object]`.
        var expected: [String: Int64] = [:]
        var body = false
        for row in report.split(separator: "\n") {
            if row.hasSuffix("file:function") { body = true; continue }
            guard body, !row.hasPrefix("-"), let first = row.split(separator: " ").first else { continue }
            let where_ = row.split(separator: " ").first { $0.contains(":") && !$0.hasPrefix("(") && !$0.hasPrefix("[") }
            guard let place = where_, let cost = Int64(first.replacingOccurrences(of: ",", with: "")),
                  let at = row.range(of: String(place)) else { continue }
            // `file:function`, up to ` [object]`; a name may hold spaces: `(below main)`.
            var rest = row[at.lowerBound...]
            if let object = rest.range(of: " [", options: .backwards) { rest = rest[..<object.lowerBound] }
            expected[String(rest.split(separator: ":", maxSplits: 1)[1]), default: 0] += cost
        }
        #expect(expected.count > 100)
        #expect(flat(p, 0).filter { $0.value != 0 } == expected.filter { $0.value != 0 })
    }
}

@Suite("callgrind reader, hostile input")
struct CallgrindHostileTests {
    /// Reads `bytes` as callgrind: a profile or a ProfileError, nothing else.
    func survives(_ bytes: [UInt8]) -> Bool {
        do {
            _ = try FormatRegistry.read(bytes, format: CallgrindFormat.self)
            return true
        } catch is ProfileError {
            return true
        } catch {
            return false
        }
    }

    @Test("the specification's example cut at every byte, and with every byte replaced by a digit, a sign, a paren or a newline, reads or fails with a ProfileError")
    func everyCutAndFlip() {
        let text = Array(CallgrindReaderTests.specExample.utf8)
        for n in 0...text.count { #expect(survives(Array(text[0..<n]))) }
        for i in text.indices {
            for b in "9+-*()=\n".utf8 {
                var t = text
                t[i] = b
                #expect(survives(t))
            }
        }
    }

    @Test("a call graph of 60 layers of two functions each calling both of the next (2^60 paths) is grown within its budget")
    func exponentialPaths() throws {
        var text = "events: Ir\n"
        for l in 0..<60 {
            for a in 0..<2 {
                text += "fn=n\(l)_\(a)\n1 1\n"
                if l + 1 < 60 { for b in 0..<2 { text += "cfn=n\(l + 1)_\(b)\ncalls=1 1\n1 \(1 << (60 - l))\n" } }
            }
        }
        let p = try readText(text).profile
        #expect(p.totals() == [120])
        #expect(p.samples.count < 1 << 21)
    }
}
