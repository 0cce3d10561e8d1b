import Foundation
import ProfileCore
import Testing
@testable import ProfileFormats

@Suite("Gecko profiles (what Firefox's profiler writes)")
struct GeckoProfileTests {
    /// A thread: tables in the Gecko layout, the stackTable's data before
    /// its schema, rows that stop short, a sample without a stack.
    static func thread(_ name: String, pid: Int, strings: String) -> String {
        """
        {"name":"\(name)","processType":"default","pid":\(pid),"tid":\(pid + 1),"registerTime":0,"unregisterTime":null,
         "markers":{"schema":{"name":0,"startTime":1,"endTime":2,"phase":3,"category":4,"data":5},"data":[[3,0,null,0,0,{"type":"Text"}]]},
         "samples":{"schema":{"stack":0,"time":1,"eventDelay":2,"threadCPUDelta":3},
                    "data":[[2,0.5,0,3],[1,1.5,0,null],[null,2.5,0,1],[2,3.5]]},
         "stackTable":{"data":[[null,0],[0,1],[1,2]],"schema":{"prefix":0,"frame":1}},
         "frameTable":{"schema":{"location":0,"relevantForJS":1,"innerWindowID":2,"implementation":3,"line":4,"column":5,"category":6,"subcategory":7},
                       "data":[[0,false],[1,false,0,null,null,null,1,0],[2,false,1,3,9,4,2,0]]},
         "stringTable":\(strings)}
        """
    }

    static let profile = """
        {"libs":[{"name":"libxul.so","breakpadId":"AB12"}],
         "meta":{"version":36,"interval":1,"stackwalk":1,"startTime":1,"sampleUnits":{"time":"ms","eventDelay":"ms","threadCPUDelta":"µs"}},
         "threads":[\(thread("GeckoMain", pid: 10, strings: #"["(root)","0x7f0010","fib (file:///page.html:7:13)[1]","baseline"]"#))],
         "processes":[{"meta":{"version":36,"sampleUnits":{"threadCPUDelta":"ns"}},
                       "threads":[\(thread("Compositor", pid: 20, strings: #"["(root)","Run (in libxul.so) + 4","http://a.test/a.js:3:1"]"#))],
                       "processes":[{"meta":{"version":36},
                                     "threads":[\(thread("DOM Worker", pid: 30, strings: #"["(root)","XRE_Main","<script>"]"#))]}]}]}
        """

    @Test("every thread of every process, nested subprocesses included, in folded stacks")
    func stacks() throws {
        let d = try readText(Self.profile)
        #expect(d.format.name == FirefoxFormat.name)
        #expect(try firefoxFolded(d.profile, "samples") == [
            "(root);0x7f0010 1", "(root);0x7f0010;fib 2",
            "(root);Run 1", "(root);Run;(root scope) http://a.test/a.js 2",
            "(root);XRE_Main 1", "(root);XRE_Main;<script> 2",
        ])
        #expect(threadNames(d.profile) == ["GeckoMain", "Compositor", "DOM Worker"])
    }

    @Test("threadCPUDelta in the unit meta.sampleUnits gives, a subprocess inheriting its parent's")
    func cpu() throws {
        let p = try readText(Self.profile).profile
        // µs in the parent, ns in the subprocess and its own subprocess.
        #expect(try firefoxFolded(p, "cpu") == [
            "(root);Run;(root scope) http://a.test/a.js 3", "(root);XRE_Main;<script> 3", "(root);0x7f0010;fib 3000",
        ].sorted())
    }

    @Test("a frame's line is the frameTable's (the capture's frames without one take the function's)")
    func lines() throws {
        let p = try readText(Self.profile).profile
        var options = WriteOptions(sampleIndex: "samples")
        options[FoldedFormat.Options.self].withLines = true
        let folded = try written(p, as: FoldedFormat.self, options: options)
        #expect(folded.contains("fib file:///page.html:9 2"))
        #expect(folded.contains("(root scope) http://a.test/a.js http://a.test/a.js:9 2"))
    }

    @Test("merged by stack as the pipeline asks, the same sums")
    func merged() throws {
        var options = ReadOptions()
        options.mergeSamplesByStack = true
        let p = try readText(Self.profile, options: options).profile
        #expect(p.samples.count == 6)
        #expect(try firefoxFolded(p, "samples") == firefoxFolded(readText(Self.profile).profile, "samples"))
    }

    @Test("versions outside 5…36, subprocesses as JSON strings and dangling indices are refused with the byte", arguments: [
        (#"{"meta":{"version":37},"threads":[]}"#, "format version 37, newer than the newest profconv reads (5 to 36); open it in profiler.firefox.com and save it from there, as a processed profile (byte 8)"),
        (#"{"meta":{"version":3},"threads":[]}"#, "format version 3, older than profconv reads"),
        (#"{"meta":{"version":36},"threads":[],"processes":["{}"]}"#, "a subprocess profile stored as a JSON string (Gecko profile version 4 or older)"),
        (#"{"meta":{"version":36},"threads":[{"samples":{"schema":{"stack":0},"data":[[0]]},"stackTable":{"schema":{"prefix":0,"frame":1},"data":[[null,5]]},"frameTable":{"schema":{"location":0},"data":[]},"stringTable":[]}]}"#,
         "stack 0 of the stackTable names frame 5, but the frameTable has 0"),
        (#"{"meta":{"version":36},"threads":[{"samples":{"schema":{"stack":0},"data":[[0]]},"stackTable":{"schema":{"prefix":0,"frame":1},"data":[[0,0]]},"frameTable":{"schema":{"location":0},"data":[[0]]},"stringTable":["a"]}]}"#,
         "stack 0 of the stackTable has the prefix 0, not an earlier stack"),
        (#"{"meta":{"version":36},"threads":[{"samples":{"schema":{"stack":0},"data":[[0]]},"stackTable":{"schema":{"prefix":0,"frame":1},"data":[[null,0]]},"frameTable":{"schema":{"location":0},"data":[[4]]},"stringTable":["a"]}]}"#,
         "frame 0 of the frameTable names string 4, but the string table"),
        (#"{"meta":{"version":36},"threads":[{"samples":{"schema":{"stack":0},"data":[[9]]},"stackTable":{"schema":{"prefix":0,"frame":1},"data":[]},"frameTable":{"schema":{"location":0},"data":[]},"stringTable":[]}]}"#,
         "sample 0 names the stack 9, but the stack table has 0"),
        (#"{"meta":{"version":36},"threads":[{"samples":{"data":[]},"stackTable":{"schema":{},"data":[]},"frameTable":{"schema":{},"data":[]},"stringTable":[]}]}"#,
         "the samples table has no \"schema\""),
        (#"{"meta":{"version":36},"threads":[{"name":"x"}]}"#, "a Gecko thread without its samples, stackTable, frameTable and stringTable"),
        (#"{"meta":{"version":36},"threads":[{"samples":{"schema":{"stack":0},"data":[[1.5]]"#, "in the Firefox profile"),
        (#"{"meta":{"version":36},"threads":[],"processes":[{"threads":[]}]}"#, "a subprocess profile without \"meta\""),
    ])
    func damaged(_ json: String, _ message: String) {
        let error = firefoxError(json)
        #expect(error.contains(message), "\(error)")
    }

    @Test("subprocesses nested 20,000 deep are read without recursion")
    func deepProcesses() throws {
        let depth = 20_000
        let leaf = #"{"meta":{"version":36},"threads":[{"samples":{"schema":{"stack":0},"data":[[0]]},"stackTable":{"schema":{"prefix":0,"frame":1},"data":[[null,0]]},"frameTable":{"schema":{"location":0},"data":[[0]]},"stringTable":["deep"]}]"#
        let json = String(repeating: #"{"meta":{"version":36},"threads":[],"processes":["#, count: depth) + leaf + "}" + String(repeating: "]}", count: depth)
        #expect(try firefoxFolded(readText(json).profile, "samples") == ["deep 1"])
    }

    @Test("a 100,000-frame stack is read, and refused past the stack depth limit")
    func deepStack() throws {
        let n = 100_000
        let rows = (0..<n).map { $0 == 0 ? "[null,0]" : "[\($0 - 1),0]" }.joined(separator: ",")
        let json = #"{"meta":{"version":36},"threads":[{"samples":{"schema":{"stack":0},"data":[["# + String(n - 1) + #"]]},"stackTable":{"schema":{"prefix":0,"frame":1},"data":["# + rows + #"]},"frameTable":{"schema":{"location":0},"data":[[0]]},"stringTable":["f"]}]}"#
        #expect(try readText(json).profile.samples.count == 1)
        var options = ReadOptions()
        options.maxStackDepth = 1000
        #expect(throws: ProfileError.self) { try readText(json, options: options) }
    }
}
