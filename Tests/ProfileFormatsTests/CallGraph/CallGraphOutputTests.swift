import ProfileCore
import ProfileFormats
import Testing

/// A profile whose function names are hostile to text formats.
func hostileProfile() -> Profile {
    var b = ProfileBuilder(sampleTypes: [("cpu", "nanoseconds")])
    let names = [
        String(repeating: "very.long.name.", count: 1100),           // 16k characters
        "quote\"d\\back\\slash\\", "line\nbreak\r\ttab\u{0}nul", "<xml>&amp;'apos'",
        String(decoding: [0x66, 0xFF, 0xFE, 0x6F], as: UTF8.self),  // invalid UTF-8, replaced
        "main",
    ]
    let locs = names.map { b.location(function: b.function(name: b.intern($0), file: b.intern("/src/\"x\".go")), line: 3) }
    b.addSample(locations: locs, values: [1_000_000_000])
    b.addSample(locations: [locs[1], locs[5]], values: [500_000_000])
    return b.build()
}

/// The quotes in a DOT line that a backslash does not escape.
func unescapedQuotes(_ line: Substring) -> Int {
    var quotes = 0, escaped = false
    for c in line.unicodeScalars {
        if escaped { escaped = false; continue }
        if c == "\\" { escaped = true } else if c == "\"" { quotes += 1 }
    }
    return quotes
}

@Suite("Call-graph outputs")
struct CallGraphOutputTests {
    @Test("top agrees with go tool pprof's table for the busy CPU profile")
    func topOfCPUProfile() throws {
        let p = try Fixture.decode("go1.19/busy/cpu.pb.gz").profile
        let text = try written(p, as: TopFormat.self)
        #expect(text.contains("      flat  flat%   sum%        cum   cum%\n"))
        #expect(text.contains("     2.26s 38.24% 38.24%      2.27s 38.41%  main.fib\n"))
        #expect(text.contains("Dropped 49 nodes (cum <= 0.03s)"))
    }

    @Test("top, traces, DOT, GraphML and the call graph show names as pprof simplifies them; folded and pprof keep them")
    func simplifiedNames() throws {
        let p = try Fixture.decode("handwritten/cpp-names.pb.gz").profile
        for format in [TopFormat.self, TracesFormat.self, DotFormat.self, GraphMLFormat.self, CallGraphSVGFormat.self] as [any ProfileWriter.Type] {
            let text = try written(p, as: format)
            #expect(text.contains("std::vector::push_back"), "\(format.name)")
            #expect(!text.contains("allocator"), "\(format.name)")
        }
        // go tool pprof -top of this file prints exactly this line (Scripts/interop.d/reports.sh checks all of it).
        #expect(try written(p, as: TopFormat.self).contains("      70ms 18.42% 18.42%      100ms 26.32%  std::vector::push_back\n"))
        var full = WriteOptions()
        full[ReportOptions.self].demangle = .full
        #expect(try written(p, as: TopFormat.self, options: full).contains("std::vector<int, std::allocator<int> >::push_back(int const&)\n"))
        #expect(try written(p, as: FoldedFormat.self).contains("main;std::vector<int, std::allocator<int> >::push_back(int const&) 70000000\n"))
        let back = try FormatRegistry.read(PprofFormat.encode(p)).profile
        #expect(back.functions.map { back.string($0.name) } == p.functions.map { p.string($0.name) })
    }

    @Test("DOT escapes the sample type's unit in values, where a quote once ended the label (issue 29, item 16)")
    func dotUnitEscaping() throws {
        var b = ProfileBuilder(sampleTypes: [("cpu", "ms\" href=\"javascript:alert(1)")])
        let main = b.location(function: b.function(name: b.intern("main.main")))
        let work = b.location(function: b.function(name: b.intern("main.work")))
        b.addSample(locations: [work, main], values: [7])
        let dot = try written(b.build(), as: DotFormat.self)
        #expect(!dot.contains("\" href=\"javascript"))
        #expect(dot.contains("\\\" href=\\\"javascript"))
        for line in dot.split(separator: "\n") {
            #expect(unescapedQuotes(line) % 2 == 0, "unbalanced quotes in \(line.prefix(120))")
        }
    }

    @Test("DOT quotes every hostile name so no string ends early")
    func dotEscaping() throws {
        let dot = try written(hostileProfile(), as: DotFormat.self)
        // Every line of a node or edge statement has balanced, escaped quotes.
        for line in dot.split(separator: "\n") {
            #expect(unescapedQuotes(line) % 2 == 0, "unbalanced quotes in \(line.prefix(80))")
            #expect(line.unicodeScalars.count < 4000, "a line of \(line.unicodeScalars.count) characters")
        }
        #expect(!dot.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(dot.contains("quote\\\"d\\\\back\\\\slash\\\\"))
        #expect(dot.hasSuffix("}\n"))
    }

    @Test("GraphML of hostile names is well-formed XML with its keys declared")
    func graphMLWellFormed() throws {
        var asStored = WriteOptions()
        asStored[ReportOptions.self].demangle = .none  // keep `<xml>`, which the default simplifies away
        let xml = try written(hostileProfile(), as: GraphMLFormat.self, options: asStored)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        for key in ["name", "file", "flat", "cum", "weight", "inline"] {
            #expect(xml.contains("<key id=\"\(key)\""))
        }
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" })
        #expect(xml.contains("&lt;xml&gt;&amp;amp;"))
        #expect(try XMLCheck.isWellFormed(xml))
    }

    @Test("the call-graph drawing of the CPU profile has at most 80 boxes and none overlap")
    func callGraphHasNoOverlaps() throws {
        let p = try Fixture.decode("go1.19/busy/cpu.pb.gz").profile
        var options = WriteOptions()
        options[ReportOptions.self].nodeFraction = 0  // as many nodes as the limit allows
        let d = try CallGraphSVGFormat.drawing(p, options: options)
        let boxes = d.layout.boxes
        #expect(boxes.count == 80)
        for i in boxes.indices {
            for j in boxes.indices where j > i {
                #expect(!boxes[i].overlaps(boxes[j]), "boxes \(i) and \(j) overlap")
            }
        }
        let svg = try written(p, as: CallGraphSVGFormat.self, options: options)
        #expect(try XMLCheck.isWellFormed(svg))
    }

    @Test("the layered layout puts callers above callees and survives cycles")
    func layoutOfCycle() {
        let l = LayeredLayout(sizes: Array(repeating: (width: 40.0, height: 20.0), count: 4), edges: [(0, 1), (1, 2), (2, 1), (2, 3), (0, 3)])
        #expect(l.boxes[0].y < l.boxes[1].y)
        #expect(l.boxes[1].y < l.boxes[2].y)
        #expect(l.boxes[2].y < l.boxes[3].y)
        #expect(l.routes.allSatisfy { $0.count >= 2 })
    }
}
