import Foundation
import ProfileCore
import Testing
@testable import ProfileFormats

@Suite("V8 CPU profiles (.cpuprofile)")
struct CPUProfileTests {
    @Test("node --cpu-prof's file gives the reference's stacks, samples and self times")
    func nodeCapture() throws {
        let d = try Fixture.decode("v8/app.cpuprofile")
        #expect(d.format.name == CPUProfileFormat.name)
        #expect(d.profile.sampleTypeNames == "samples/count, cpu/nanoseconds")
        #expect(try foldedLines(d.profile, "samples") == referenceLines("v8/app.cpuprofile.folded", column: 0))
        #expect(try foldedLines(d.profile, "cpu") == referenceLines("v8/app.cpuprofile.folded", column: 1))
    }

    static let flat = """
        {"nodes":[
          {"id":1,"callFrame":{"functionName":"(root)","scriptId":"0","url":"","lineNumber":-1,"columnNumber":-1},"children":[2,3,4,5]},
          {"id":2,"callFrame":{"functionName":"(program)","scriptId":"0","url":"","lineNumber":-1,"columnNumber":-1}},
          {"id":3,"callFrame":{"functionName":"","scriptId":"1","url":"file:///app.js","lineNumber":0,"columnNumber":0},"children":[6]},
          {"id":4,"callFrame":{"functionName":"(idle)","scriptId":"0","url":"","lineNumber":-1,"columnNumber":-1}},
          {"id":5,"callFrame":{"functionName":"(garbage collector)","scriptId":"0","url":"","lineNumber":-1,"columnNumber":-1}},
          {"id":6,"callFrame":{"functionName":"work","scriptId":"1","url":"file:///app.js","lineNumber":9,"columnNumber":4},
           "positionTicks":[{"line":11,"ticks":2},{"line":12,"ticks":1}]}],
         "startTime":1000,"endTime":1100,
         "samples":[6,6,2,6,4,5],
         "timeDeltas":[10,10,30,-20,20,10]}
        """

    @Test("a sample lasts until the next one, the last until endTime; out-of-order samples are put in order first")
    func times() throws {
        let p = try readJSON(Self.flat).profile
        // Timestamps 1010, 1020, 1050, 1030, 1050, 1060: in order 1010, 1020,
        // 1030 (work), 1050 (program), 1050 (idle), 1060 (gc, until 1100).
        #expect(try foldedLines(p, "cpu") == ["(anonymous);work 40000", "(garbage collector) 40000", "(idle) 10000"])
        #expect(try foldedLines(p, "samples") == [
            "(anonymous);work 3", "(garbage collector) 1", "(idle) 1", "(program) 1",
        ])
        #expect(p.durationNanos == 100_000)
    }

    @Test("frames: url as file, 1-based line and column, (root) dropped, positionTicks as the leaf's lines")
    func frames() throws {
        let p = try readJSON(Self.flat).profile
        var options = WriteOptions(sampleIndex: "samples")
        options[FoldedFormat.Options.self].withLines = true
        let folded = try written(p, as: FoldedFormat.self, options: options)
        #expect(folded.contains("(anonymous) file:///app.js:1;work file:///app.js:11 2\n"))
        #expect(folded.contains("(anonymous) file:///app.js:1;work file:///app.js:12 1\n"))
        let work = try #require(p.functions.first { p.strings[$0.name] == "work" })
        #expect(work.startLine == 10)
        #expect(p.lines.contains { $0.functionIndex == Int32(p.functions.firstIndex(of: work)!) && $0.line == 10 && $0.column == 5 })
        #expect(!p.strings.strings.contains("(root)") || !p.functions.contains { p.strings[$0.name] == "(root)" })
    }

    @Test("merging samples of one stack (when nothing downstream needs them apart) keeps the totals")
    func merged() throws {
        var options = ReadOptions()
        options.mergeSamplesByStack = true
        let merged = try readJSON(Self.flat, options: options).profile
        let apart = try readJSON(Self.flat).profile
        #expect(merged.samples.count < apart.samples.count)
        #expect(merged.totals() == apart.totals())
        #expect(try foldedLines(merged, "cpu") == foldedLines(apart, "cpu"))
    }

    @Test("the older nested layout: head, start and end in seconds, timestamps in microseconds")
    func nested() throws {
        let json = """
            {"head":{"functionName":"(root)","url":"","lineNumber":0,"id":1,"hitCount":0,"children":[
              {"functionName":"main","url":"a.js","lineNumber":2,"id":2,"hitCount":2,"children":[
                {"callFrame":{"functionName":"leaf","url":"a.js","lineNumber":5,"columnNumber":1},"id":3,"hitCount":1,"children":[]}]}]},
             "startTime":1.0,"endTime":1.0004,"samples":[2,3,2],"timestamps":[1000000,1000100,1000300]}
            """
        let d = try readJSON(json)
        #expect(d.format.name == CPUProfileFormat.name)
        // main 1000000–1000100 and 1000300–1000400 (the end), leaf in between.
        #expect(try foldedLines(d.profile, "cpu") == ["main 200000", "main;leaf 200000"])
    }

    @Test("nested nodes 100,000 deep are read without recursion")
    func deep() throws {
        let depth = 100_000
        var json = "{\"head\":"
        for i in 1...depth { json += "{\"id\":\(i),\"callFrame\":{\"functionName\":\"f\(i % 7)\"},\"children\":[" }
        json += String(repeating: "]}", count: depth)
        json += ",\"startTime\":0,\"endTime\":1,\"samples\":[\(depth)],\"timestamps\":[0]}"
        let p = try readJSON(json).profile
        #expect(p.samples.count == 1)
        #expect(p.samples.locations(of: 0).count == depth)
    }

    @Test("damaged profiles give one error that says what is wrong", arguments: [
        (#"{"nodes":[{"id":1,"callFrame":{"functionName":"a"},"children":[9]}],"samples":[],"timeDeltas":[]}"#,
         "a node lists the child 9, which is no node of the profile"),
        (#"{"nodes":[{"id":1,"callFrame":{"functionName":"a"}}],"samples":[1,1],"timeDeltas":[1]}"#,
         "the V8 CPU profile has 2 samples and 1 timeDeltas; they go in pairs"),
        (#"{"nodes":[{"id":1,"callFrame":{"functionName":"a"}},{"id":1,"callFrame":{"functionName":"b"}}],"samples":[],"timeDeltas":[]}"#,
         "two nodes have the id 1"),
        (#"{"nodes":[{"id":1,"callFrame":{"functionName":"a"},"children":[2]},{"id":2,"callFrame":{"functionName":"b"},"children":[1]}],"samples":[1],"timeDeltas":[0]}"#,
         "the profile's nodes form a cycle"),
        (#"{"nodes":[{"id":1,"callFrame":{"functionName":"a"}}],"samples":[7],"timeDeltas":[0]}"#,
         "a sample names the node 7, which is no node of the profile"),
        (#"{"nodes":[{"id":1,"callFrame":{"functionName":"a","lineNumber":99999999999}}]}"#, "a line or column of 99999999999"),
        (#"{"nodes":[{"id":1,"callFrame":{"functionName":"a"}}],"samples":[1],"timeDeltas":[1e400]}"#, "expected a whole number"),
        (#"{"nodes":[{"id":1,"callFrame":{"functionName":"a"#, "the V8 CPU profile"),
    ])
    func damaged(_ json: String, _ message: String) throws {
        let error = #expect(throws: ProfileError.self) { try readText(json, format: CPUProfileFormat.self) }
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    }
}
