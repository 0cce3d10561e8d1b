import ProfileCore
import ProfileFormats
import Testing

/// One folded line: `f0;f1;…;f<depth-1> 1`.
private func deepStack(_ depth: Int) -> String {
    (0..<depth).map { "f\($0)" }.joined(separator: ";") + " 1\n"
}

@Suite("Limits: deep stacks, long names and huge counts")
struct LimitsTests {
    // Three tests, not one, so that the three formats run in parallel: a
    // 100,000-frame stack takes seconds in a debug build.
    static let deep = deepStack(100_000)

    @Test("a 100,000-frame stack reads and writes in folded")
    func deepStackFolded() throws {
        let folded = try readText(Self.deep, format: FoldedFormat.self).profile
        #expect(folded.samples.locations(of: 0).count == 100_000)
        #expect(try written(folded, as: FoldedFormat.self) == Self.deep)
    }

    @Test("a 100,000-frame stack reads and writes in pprof")
    func deepStackPprof() throws {
        let folded = try readText(Self.deep, format: FoldedFormat.self).profile
        let pprof = try FormatRegistry.read(PprofFormat.encode(folded)).profile
        #expect(try written(pprof, as: FoldedFormat.self) == Self.deep)
    }

    @Test("a 100,000-frame stack reads and writes in flame graph SVG")
    func deepStackSVG() throws {
        let folded = try readText(Self.deep, format: FoldedFormat.self).profile
        let svg = try written(folded, as: FlameGraphFormat.self)
        let back = try readText(svg, format: FlameGraphFormat.self).profile
        #expect(try written(back, as: FoldedFormat.self) == Self.deep)
    }

    @Test("pprof values whose sum passes 64 bits give one warning naming the first such sample")
    func pprofSaturationWarning() throws {
        var b = ProfileBuilder(sampleTypes: [("samples", "count"), ("cpu", "nanoseconds")])
        let main = b.location(function: b.function(name: b.intern("main.main")))
        b.addSample(locations: [main], values: [1, .max])
        b.addSample(locations: [main], values: [1, -5])
        b.addSample(locations: [main], values: [1, .max])
        let d = try FormatRegistry.read(PprofFormat.encode(b.build()))
        #expect(d.warnings.messages == ["sample 2: the cpu values sum past 9223372036854775807, the largest 64-bit value; totals and merged stacks stop there (saturate)"])
        #expect(try FormatRegistry.read(PprofFormat.encode(readText("a 5\n").profile)).warnings.messages.isEmpty)
    }

    @Test("a stack deeper than maxStackDepth is refused, whatever the format")
    func depthLimit() throws {
        var options = ReadOptions()
        options.maxStackDepth = 99
        let text = Array(deepStack(100).utf8)
        let refusal = ProfileError("sample 1 has 100 frames, more than the limit of 99")
            .hinting(.maxStackDepth, remedy: "raise ReadOptions.maxStackDepth if this file is genuine")
        #expect(throws: refusal) { try FormatRegistry.read(text, options: options) }
        let pprof = try PprofFormat.encode(try FormatRegistry.read(text).profile)
        #expect(throws: refusal) { try FormatRegistry.read(pprof, options: options) }
        options.maxStackDepth = 100
        #expect(try FormatRegistry.read(text, options: options).profile.samples.count == 1)
    }

    @Test("inlined frames count towards the depth")
    func inlinedDepth() throws {
        var b = ProfileBuilder(sampleTypes: [("samples", "count")])
        let lines = (0..<10).map { Line(functionIndex: b.function(name: b.intern("f\($0)"))) }
        let loc = b.location(lines: lines)
        b.addSample(locations: [loc, loc], values: [1])
        var options = ReadOptions()
        options.maxStackDepth = 19
        let bytes = try PprofFormat.encode(b.build())
        #expect(throws: ProfileError("sample 1 has 20 frames, more than the limit of 19")
            .hinting(.maxStackDepth, remedy: "raise ReadOptions.maxStackDepth if this file is genuine")) {
            try FormatRegistry.read(bytes, options: options)
        }
    }

    @Test("a name longer than maxStringLength is refused")
    func stringLimit() throws {
        var options = ReadOptions()
        options.maxStringLength = 10
        #expect(throws: ProfileError("string 4 is 11 bytes long, more than the limit of 10 bytes")
            .hinting(.maxStringLength, remedy: "raise ReadOptions.maxStringLength if this file is genuine")) {
            try FormatRegistry.read(Array("main;abcdefghijk 1\n".utf8), options: options)
        }
    }

    @Test("counts that overflow Int64 when merged saturate in every writer and report")
    func saturation() throws {
        let big = Int64.max / 2 + 1
        let text = "main;work \(big)\nmain;work \(big)\nmain;other \(big)\n"
        let p = try readText(text, format: FoldedFormat.self).profile
        #expect(p.totals() == [Int64.max])
        #expect(try written(p, as: FoldedFormat.self) == "main;other \(big)\nmain;work \(Int64.max)\n")
        // Reports and graphs sum the same values: nothing traps, nothing turns negative.
        let top = try written(p, as: TopFormat.self)
        #expect(!top.contains("-"))
        for f in FormatRegistry.writers { _ = try written(p, as: f) }
        let merged = try Profile.merge([p, p])
        #expect(merged.totals() == [Int64.max])
        #expect(try written(merged, as: FoldedFormat.self) == "main;other \(Int64.max)\nmain;work \(Int64.max)\n")
    }

    @Test("Int64.min values neither trap nor wrap in graphs and reports")
    func minimumValues() throws {
        var b = ProfileBuilder(sampleTypes: [("delta", "count")])
        let a = b.location(function: b.function(name: b.intern("a")))
        let c = b.location(function: b.function(name: b.intern("c")))
        b.addSample(locations: [a], values: [Int64.min])
        b.addSample(locations: [c, a], values: [Int64.min])
        b.addSample(locations: [c], values: [Int64.max])
        let p = b.build()
        for f in FormatRegistry.writers { _ = try written(p, as: f) }
    }
}
