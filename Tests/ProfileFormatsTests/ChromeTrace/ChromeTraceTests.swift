import Foundation
import ProfileCore
import Testing
@testable import ProfileFormats

@Suite("Chrome traces (Trace Event format)")
struct ChromeTraceTests {
    @Test("headless Chromium's startup trace: its V8 profiles give the reference's stacks, per thread")
    func chromiumProfile() throws {
        let d = try Fixture.decode("chrome/startup.trace.json.gz")
        #expect(d.format.name == ChromeTraceFormat.name)
        #expect(d.profile.sampleTypeNames == "samples/count, cpu/nanoseconds")
        #expect(try foldedLines(d.profile, "samples") == referenceLines("chrome/startup.trace.folded", column: 0))
        #expect(try foldedLines(d.profile, "cpu") == referenceLines("chrome/startup.trace.folded", column: 1))
        let threadKey = try #require(d.profile.strings.strings.firstIndex(of: "thread"))
        let threads = Set(d.profile.samples.labels.filter { $0.key == threadKey }.map { d.profile.strings[$0.str] })
        #expect(threads.contains("CrRendererMain"))
    }

    @Test("a trace without samples: duration events as stacks weighted by self time, as the reference has them")
    func chromiumDurations() throws {
        let d = try Fixture.decode("chrome/durations.trace.json.gz")
        #expect(d.format.name == ChromeTraceFormat.name)
        #expect(d.profile.sampleTypeNames == "time/nanoseconds")
        #expect(try foldedLines(d.profile, "time") == referenceLines("chrome/durations.trace.folded", column: 0, of: 1))
    }

    static let chunks = """
        {"traceEvents":[
         {"args":{"name":"Main"},"name":"thread_name","ph":"M","pid":1,"tid":7},
         {"args":{"data":{"startTime":100}},"name":"Profile","ph":"P","id":"0x1","pid":1,"tid":7,"ts":100},
         {"args":{"data":{"cpuProfile":{"nodes":[{"callFrame":{"functionName":"(root)","scriptId":0},"id":1},
           {"callFrame":{"functionName":"main","url":"a.js","lineNumber":0,"columnNumber":0,"scriptId":1},"id":2,"parent":1}],
           "samples":[2,2]},"timeDeltas":[10,10],"lines":[1,3]}},"name":"ProfileChunk","ph":"P","id":"0x1","pid":1,"tid":9,"ts":130},
         {"args":{"data":{"cpuProfile":{"nodes":[{"callFrame":{"functionName":"","url":"a.js","lineNumber":4,"columnNumber":2,"scriptId":1},"id":3,"parent":2}],
           "samples":[3,2]},"timeDeltas":[-5,25],"endTime":200}},"name":"ProfileChunk","ph":"P","id":"0x1","pid":1,"tid":9,"ts":160},
         {"args":{"data":{"startTime":0}},"name":"Profile","ph":"P","id":"0x1","pid":2,"tid":3,"ts":0},
         {"args":{"data":{"cpuProfile":{"nodes":[{"callFrame":{"functionName":"(root)"},"id":1},{"callFrame":{"functionName":"other"},"id":2,"parent":1}],
           "samples":[2]},"timeDeltas":[5]}},"name":"ProfileChunk","ph":"P","id":"0x1","pid":2,"tid":4,"ts":1},
         {"name":"ignored","ph":"X","pid":1,"tid":7,"ts":0,"dur":50}
        ]}
        """

    @Test("Profile and ProfileChunk events: one profile per pid and id, node ids across chunks, the profiled thread's label")
    func profileChunks() throws {
        let p = try readJSON(Self.chunks).profile
        // pid 1: times 110, 120, 115, 140, in order 110 (main), 115 (anonymous),
        // 120 (main), 140 (main, until endTime 200); pid 2's one sample has no end.
        #expect(try foldedLines(p, "cpu") == ["main 85000", "main;(anonymous) 5000"])
        #expect(try foldedLines(p, "samples") == ["main 3", "main;(anonymous) 1", "other 1"])
        var options = WriteOptions(sampleIndex: "samples")
        options[FoldedFormat.Options.self].withLines = true
        let lines = try written(p, as: FoldedFormat.self, options: options)
        #expect(lines.contains("main a.js:3 1\n"))
        let threadKey = try #require(p.strings.strings.firstIndex(of: "thread"))
        let threads = Set(p.samples.labels.filter { $0.key == threadKey }.map { p.strings[$0.str] })
        #expect(threads == ["Main", "3"])
    }

    @Test("duration events: X and B/E nest per thread, each stack weighted by its self time; the array form may lack its ]")
    func durations() throws {
        let json = """
            [{"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{"name":"T"}},
             {"name":"outer","ph":"X","pid":1,"tid":1,"ts":0,"dur":100},
             {"name":"inner","ph":"B","pid":1,"tid":1,"ts":10},
             {"name":"leaf","ph":"X","pid":1,"tid":1,"ts":20,"dur":5.5},
             {"name":"inner","ph":"E","pid":1,"tid":1,"ts":40},
             {"name":"outer","ph":"X","pid":1,"tid":2,"ts":0,"dur":7},
             {"name":"open","ph":"B","pid":1,"tid":2,"ts":1},
            """
        let d = try readJSON(json)
        #expect(d.format.name == ChromeTraceFormat.name)
        #expect(try foldedLines(d.profile, "time") == ["outer 77000", "outer;inner 24500", "outer;inner;leaf 5500"])
        #expect(d.warnings.messages.contains { $0.contains("1 B event with no E") })
    }

    @Test("a trace with neither samples nor durations is an error, as is a broken event")
    func empty() throws {
        let error = #expect(throws: ProfileError.self) { try readJSON(#"{"traceEvents":[{"ph":"I","name":"x","ts":1}]}"#) }
        #expect(error?.description.contains("neither V8 CPU profile samples nor duration events") == true)
        let broken = #expect(throws: ProfileError.self) { try readJSON(#"{"traceEvents":[{"ph":"X","ts":1,"dur":[}]}"#) }
        #expect(broken?.description.contains("byte") == true)
    }
}
