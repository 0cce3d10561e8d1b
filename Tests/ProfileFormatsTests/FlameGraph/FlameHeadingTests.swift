import ProfileCore
@testable import ProfileFormats
import Testing

@Suite("flame graphs that say what they show")
struct FlameHeadingTests {
    func svg(_ fixture: String, source: String? = nil, _ edit: (inout FlameGraphFormat.Options) -> Void = { _ in }) throws -> String {
        var o = WriteOptions(sampleIndex: nil)
        o.context.sources = source.map { [$0] } ?? []
        edit(&o[FlameGraphFormat.Options.self])
        return try written(Fixture.decode(fixture).profile, as: FlameGraphFormat.self, options: o)
    }

    @Test("a goroutine profile is titled by its type and total; the subtitle names the source")
    func goroutineTitle() throws {
        let text = try svg("go1.19/leaky/goroutine.debug1.txt", source: "goroutine.debug1.txt")
        #expect(text.contains(">goroutine profile: 2,019 goroutines</text>"))
        #expect(text.contains("<text id=\"subtitle\" x=\"600\" y=\"48\">goroutine.debug1.txt</text>"))
    }

    @Test("a CPU profile is titled by its total time, the subtitle with the profile's time")
    func cpuTitle() throws {
        let text = try svg("go1.19/busy/cpu.pb.gz", source: "cpu.pb.gz")
        let p = try Fixture.decode("go1.19/busy/cpu.pb.gz").profile
        // The total as `top` prints it (pprof's units): 5.91s.
        #expect(text.contains(">cpu: \(ValueText.label(p.totals()[1], unit: "nanoseconds"))</text>"))
        #expect(text.contains(">cpu: 5.91s</text>"))
        #expect(text.contains(">cpu.pb.gz, \(CivilTime(unixNanos: p.timeNanos).iso8601)</text>"))
    }

    @Test("folded stacks keep flamegraph.pl's title, and an explicit title wins")
    func keptTitles() throws {
        let folded = try written(readText("main;a 1\n").profile, as: FlameGraphFormat.self)
        #expect(folded.contains(">Flame Graph</text>"))
        #expect(try svg("go1.19/leaky/goroutine.debug1.txt") { $0.title = "Mine" }.contains(">Mine</text>"))
    }

    @Test("tooltips name the file:line where most of a frame's value is")
    func tooltips() throws {
        let text = try svg("go1.19/leaky/goroutine.debug1.txt")
        #expect(text.contains("<title>main.leakForever (1,000 goroutines, 49.53%, profconv/fixtures/leaky/main.go:37)</title>"))
        // Read back, the names and counts are as before.
        let back = try FormatRegistry.read(Array(text.utf8)).profile
        #expect(try written(back, as: FoldedFormat.self).contains("\nmain.leakForever 1000\n"))
    }

    @Test("Go profiles get the go palette unless another is asked for")
    func goPalette() throws {
        let go = try svg("go1.19/leaky/goroutine.debug1.txt")
        let hot = try svg("go1.19/leaky/goroutine.debug1.txt") { $0.palette = .hot }
        #expect(go != hot)
        var explicit = FlameGraphFormat.Options()
        explicit.palette = .go
        let goAgain = try svg("go1.19/leaky/goroutine.debug1.txt") { $0 = explicit }
        #expect(go == goAgain)
    }

    @Test("--label-frames state puts the goroutine state on top of each stack")
    func labelFrames() throws {
        let p = try Fixture.decode("go1.19/leaky/goroutine.debug2.txt").profile.addingLabelFrames(keys: ["state"], atLeaf: true)
        let text = try written(p, as: FlameGraphFormat.self)
        #expect(text.contains("<title>select (no cases) (1,000 goroutines, 49.53%)</title>"))
        let folded = try written(p, as: FoldedFormat.self)
        #expect(folded.contains("main.leakForever;select (no cases) 1000\n"))
    }

    @Test("a count of one is in the singular, in titles and the heading; reading it back gives the plural sample type (issue 28, point 10)")
    func singular() throws {
        var b = ProfileBuilder(sampleTypes: [("goroutine", "count")])
        b.addSample(locations: [b.location(function: b.function(name: b.intern("main.f")))], value: 1)
        let svg = try written(b.build(), as: FlameGraphFormat.self)
        #expect(svg.contains("<title>all (1 goroutine, 100%)</title>"))
        #expect(svg.contains("goroutine profile: 1 goroutine<"))
        #expect(!svg.contains("1 goroutines"))
        let back = try readText(svg).profile
        #expect(back.strings[back.sampleTypes[0].type] == "goroutines")
        #expect(CountWords.singular("misses") == "miss" && CountWords.plural("miss") == "misses")
        #expect(CountWords.singular("samples") == "sample" && CountWords.plural("sample") == "samples")
    }
}
