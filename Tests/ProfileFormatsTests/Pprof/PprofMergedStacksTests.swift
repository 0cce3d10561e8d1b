@testable import ProfileFormats
import ProfileCore
import Testing

/// Reading pprof with samples merged by stack (`ReadOptions.mergeSamplesByStack`,
/// what the pipeline asks for folded and flame graph output) keeps one
/// sample per location list, and the writers cannot tell.
@Suite("pprof: samples merged as they are read")
struct PprofMergedStacksTests {
    /// `f` called from `main` twice, once from `g`, and once with a label.
    private func profile(values: [Int64]) -> Profile {
        var b = ProfileBuilder(sampleTypes: [("samples", "count"), ("cpu", "nanoseconds")])
        let main = b.location(function: b.function(name: b.intern("main.main")))
        let f = b.location(function: b.function(name: b.intern("main.f")))
        let g = b.location(function: b.function(name: b.intern("main.g")))
        b.addSample(locations: [f, main], values: [1, values[0]])
        b.addSample(locations: [g, main], values: [1, values[1]])
        b.addSample(locations: [f, main], values: [1, values[2]])
        let label = b.label("request", "r1")
        b.addSample(locations: [f, main], values: [1, values[3]], labels: [label])
        return b.build()
    }

    /// Reads through the registry, which reads every sample again when the
    /// reader refuses to merge; gzipped, through decoding while inflating.
    private func read(_ profile: Profile, merging: Bool, gzipped: Bool = false) throws -> Profile {
        var options = ReadOptions()
        options.mergeSamplesByStack = merging
        let bytes = try PprofFormat.encode(profile, compress: gzipped)
        return try (gzipped ? readInflating(bytes, options: options) : FormatRegistry.read(bytes, options: options)).profile
    }

    @Test("samples with the same locations become one with the sums, labelled or not; labels are dropped",
          arguments: [false, true])
    func mergesByLocations(gzipped: Bool) throws {
        let merged = try read(profile(values: [10, 20, 30, 40]), merging: true, gzipped: gzipped).samples
        #expect(merged.count == 2)
        #expect(Array(merged.values) == [3, 80, 1, 20])
        #expect(merged.labels.isEmpty)
        #expect(merged.hasDistinctLocationLists)
    }

    @Test("without the option every sample is kept", arguments: [false, true])
    func keepsEverySampleByDefault(gzipped: Bool) throws {
        let samples = try read(profile(values: [10, 20, 30, 40]), merging: false, gzipped: gzipped).samples
        #expect(samples.count == 4)
        #expect(!samples.hasDistinctLocationLists)
    }

    @Test("a negative value (a diff) makes the reader keep every sample, since saturating sums would depend on order",
          arguments: [false, true])
    func negativeValuesKeepEverySample(gzipped: Bool) throws {
        let p = try read(profile(values: [10, -20, 30, 40]), merging: true, gzipped: gzipped)
        #expect(p.samples.count == 4)
        #expect(Array(p.samples.values) == [1, 10, 1, -20, 1, 30, 1, 40])
    }

    @Test("the reader itself refuses to merge a negative value, and says so to its caller")
    func readerRefusesNegativeValues() throws {
        var options = ReadOptions()
        options.mergeSamplesByStack = true
        var warnings = Warnings()
        let bytes = try PprofFormat.encode(profile(values: [10, -20, 30, 40]), compress: false)
        #expect(throws: MergeRefused.self) {
            try bytes.withUnsafeBytes { try PprofFormat.read($0, options: options, warnings: &warnings) }
        }
    }

    @Test("every pprof fixture gives the same folded stacks and flame graph merged as unmerged",
          arguments: ["go1.19/leaky/heap.debug0.pb.gz", "go1.19/leaky/goroutine.debug0.pb.gz",
                      "go1.19/leaky/block.debug0.pb.gz", "go1.19/leaky/mutex.debug0.pb.gz",
                      "go1.19/leaky/allocs.debug0.pb.gz", "go1.19/leaky/threadcreate.debug0.pb.gz",
                      "handwritten/cpp-names.pb.gz", "handwritten/invalid-utf8.pb.gz"])
    func fixturesAgree(_ fixture: String) throws {
        var options = ReadOptions()
        options.mergeSamplesByStack = true
        let merged = try Fixture.decode(fixture, options: options).profile
        let full = try Fixture.decode(fixture).profile
        #expect(merged.samples.count <= full.samples.count)
        #expect(try written(merged, as: FoldedFormat.self) == written(full, as: FoldedFormat.self))
        #expect(try written(merged, as: FlameGraphFormat.self) == written(full, as: FlameGraphFormat.self))
    }
}

@Suite("pipeline: when samples are merged while reading")
struct MergeWhileReadingTests {
    @Test("folded, flame graph and top output merge; pprof, traces and a flame chart do not")
    func byWriter() {
        #expect(Pipeline(format: FoldedFormat.self).mergesSamplesWhileReading(withBase: false))
        #expect(Pipeline(format: FlameGraphFormat.self).mergesSamplesWhileReading(withBase: false))
        #expect(Pipeline(format: TopFormat.self).mergesSamplesWhileReading(withBase: false))
        #expect(!Pipeline(format: TracesFormat.self).mergesSamplesWhileReading(withBase: false))
        #expect(!Pipeline(format: PprofFormat.self).mergesSamplesWhileReading(withBase: false))
        var chart = Pipeline(format: FlameGraphFormat.self)
        chart.writeOptions[FlameGraphFormat.Options.self].layout.flameChart = true
        #expect(!chart.mergesSamplesWhileReading(withBase: false))
        var labels = Pipeline(format: FoldedFormat.self)
        labels.writeOptions[FoldedFormat.Options.self].labelsAsRootFrames = true
        #expect(!labels.mergesSamplesWhileReading(withBase: false))
    }

    @Test("a diff, a filter, a tag filter, a label option or prune_from keeps every sample")
    func byTransform() throws {
        #expect(!Pipeline(format: FoldedFormat.self).mergesSamplesWhileReading(withBase: true))
        let steps: [(inout ProfileTransform) throws -> Void] = [
            { $0.names.focus = try NamePattern("main") },
            { $0.hideRuntime = true },
            { $0.tagFocus = try TagFilter("request=r1") },
            { $0.labelRootFrames = ["request"] },
            { $0.pruneFrom = try NamePattern("main") },
        ]
        for step in steps {
            var p = Pipeline(format: FoldedFormat.self)
            try step(&p.transform)
            #expect(!p.mergesSamplesWhileReading(withBase: false))
        }
        var chosen = Pipeline(format: FoldedFormat.self)
        chosen.transform.sampleIndex = "1"
        chosen.transform.granularity = .functions
        #expect(chosen.mergesSamplesWhileReading(withBase: false))
    }
}

@Suite("pprof: merged reading falls back to every sample where numbering shows")
struct MergedReadingFallbackTests {
    /// Samples of `main.f` alone with `values`, then one of `main.g` called by `main.f`.
    private func encoded(_ values: [Int64]) throws -> [UInt8] {
        var builder = ProfileBuilder(sampleTypes: [("samples", "count")])
        let f = builder.location(function: builder.function(name: builder.intern("main.f")))
        let g = builder.location(function: builder.function(name: builder.intern("main.g")))
        for v in values { builder.addSample(locations: [f], value: v) }
        builder.addSample(locations: [g, f], value: 1)
        return try PprofFormat.encode(builder.build(), compress: false)
    }

    private func merging(_ options: ReadOptions = ReadOptions()) -> ReadOptions {
        var o = options
        o.mergeSamplesByStack = true
        return o
    }

    @Test("values summing past Int64.max keep every sample, so the saturation warning names the same sample")
    func saturation() throws {
        let bytes = try encoded([Int64.max / 2 + 1, Int64.max / 2 + 1])
        let merged = try FormatRegistry.read(bytes, options: merging())
        let full = try FormatRegistry.read(bytes)
        #expect(merged.profile.samples.count == 3)
        #expect(!full.warnings.messages.isEmpty)
        #expect(merged.warnings.messages == full.warnings.messages)
    }

    @Test("a stack past --max-stack-depth is named by its sample number as read (3), not as merged (2)")
    func depthLimit() throws {
        var options = ReadOptions()
        options.maxStackDepth = 1
        let bytes = try encoded([1, 1])
        let full = #expect(throws: ProfileError.self) { try FormatRegistry.read(bytes, options: options) }
        let merged = #expect(throws: ProfileError.self) { try FormatRegistry.read(bytes, options: merging(options)) }
        #expect(full?.message.hasPrefix("sample 3 ") == true)
        #expect(merged?.message == full?.message)
    }
}
