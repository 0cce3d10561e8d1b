import Foundation
import ProfileCore
import Testing
@testable import ProfileFormats

@Suite("processed Firefox profiles (what profiler.firefox.com saves)")
struct ProcessedProfileTests {
    /// Version 70: tables shared by the threads, stacks by prefixOffset,
    /// functions' files through the sources table; the threads before `shared`.
    static let v70 = """
        {"meta":{"preprocessedProfileVersion":70,"version":36,"interval":0.5,"sampleUnits":{"time":"ms","threadCPUDelta":"ns"}},
         "libs":[],
         "threads":[{"name":"GeckoMain","pid":"10","tid":11,"processType":"default",
                     "samples":{"stack":[2,1,null,2],"timeDeltas":[0,1,1,1],"weight":null,"weightType":"samples","threadCPUDelta":[5,null,1,7],"length":4}},
                    {"name":"Worker","pid":"10","tid":"w1","samples":{"stack":[0],"weight":[3],"weightType":"samples","length":1}}],
         "shared":{"stringArray":["(root)","fib","file:///page.html","0x7f0010"],
                   "stackTable":{"frame":[0,1,2],"prefixOffset":[0,1,1],"length":3},
                   "frameTable":{"func":[0,2,1],"line":[null,null,9],"column":[null,null,4],"address":[-1,-1,-1],"length":3},
                   "funcTable":{"name":[0,1,3],"isJS":[false,true,false],"source":[null,0,null],"lineNumber":[null,7,null],"columnNumber":[null,13,null],"length":3},
                   "sources":{"id":[null],"filename":[2],"length":1}}}
        """

    @Test("version 70: shared tables, prefixOffset, weights, CPU deltas, pid strings")
    func v70Stacks() throws {
        let d = try readText(Self.v70)
        #expect(d.format.name == FirefoxFormat.name)
        #expect(try firefoxFolded(d.profile, "samples") == ["(root) 3", "(root);0x7f0010 1", "(root);0x7f0010;fib 2"])
        #expect(try firefoxFolded(d.profile, "cpu") == ["(root);0x7f0010;fib 12"])
        #expect(threadNames(d.profile) == ["GeckoMain", "Worker"])
        #expect(d.profile.period == 500_000)
        var options = WriteOptions(sampleIndex: "samples")
        options[FoldedFormat.Options.self].withLines = true
        #expect(try written(d.profile, as: FoldedFormat.self, options: options).contains("fib file:///page.html:9 2"))
    }

    /// Version 55: each thread its own tables and strings, `prefix`, `fileName`.
    static let v55 = """
        {"meta":{"preprocessedProfileVersion":55,"interval":1},
         "threads":[{"name":"GeckoMain","pid":"1","tid":1,
                     "samples":{"stack":[1,1,0],"time":[0,1,2],"weight":null,"weightType":"samples","length":3},
                     "stackTable":{"frame":[0,1],"prefix":[null,0],"category":[0,0],"length":2},
                     "frameTable":{"func":[0,1],"line":[null,3],"length":2},
                     "funcTable":{"name":[1,0],"fileName":[null,2],"lineNumber":[null,2],"length":2},
                     "stringArray":["run","(root)","http://a.test/a.js"]}]}
        """

    @Test("version 55: per-thread tables and strings, prefix, fileName")
    func v55Stacks() throws {
        let p = try readText(Self.v55).profile
        #expect(try firefoxFolded(p, "samples") == ["(root) 1", "(root);run 2"])
        var options = WriteOptions(sampleIndex: "samples")
        options[FoldedFormat.Options.self].withLines = true
        #expect(try written(p, as: FoldedFormat.self, options: options).contains("run http://a.test/a.js:3 2"))
    }

    /// Version 58: strings and sources shared, the other tables each thread's own.
    static let v58 = """
        {"meta":{"preprocessedProfileVersion":58,"interval":1},
         "shared":{"stringArray":["(root)","run","http://a.test/a.js"],"sources":{"id":[null],"filename":[2],"length":1}},
         "threads":[{"name":"GeckoMain","pid":"1","tid":1,
                     "samples":{"stack":[1,0],"time":[0,1],"weight":[2,1],"weightType":"samples","length":2},
                     "stackTable":{"frame":[0,1],"prefix":[null,0],"length":2},
                     "frameTable":{"func":[0,1],"line":[null,null],"length":2},
                     "funcTable":{"name":[0,1],"source":[null,0],"lineNumber":[null,4],"length":2}},
                    {"name":"Worker","pid":"1","tid":2,
                     "samples":{"stack":[0],"weight":null,"weightType":"samples","length":1},
                     "stackTable":{"frame":[0],"prefix":[null],"length":1},
                     "frameTable":{"func":[0],"length":1},"funcTable":{"name":[1],"length":1}}]}
        """

    @Test("version 58: shared strings and sources, each thread its own tables")
    func v58Stacks() throws {
        let p = try readText(Self.v58).profile
        #expect(try firefoxFolded(p, "samples") == ["(root) 1", "(root);run 2", "run 1"])
        var options = WriteOptions(sampleIndex: "samples")
        options[FoldedFormat.Options.self].withLines = true
        #expect(try written(p, as: FoldedFormat.self, options: options).contains("run http://a.test/a.js:4 2"))
    }

    @Test("tracing-ms weights become time/nanoseconds")
    func tracing() throws {
        let json = Self.v70.replacingOccurrences(of: #""weight":null,"weightType":"samples""#, with: #""weight":[1.5,2,0,0.25],"weightType":"tracing-ms""#)
            .replacingOccurrences(of: #""weight":[3],"weightType":"samples""#, with: #""weight":[3],"weightType":"tracing-ms""#)
        let p = try readText(json).profile
        #expect(p.sampleTypeNames == "time/nanoseconds, cpu/nanoseconds")
        #expect(try firefoxFolded(p, "time") == ["(root) 3000000", "(root);0x7f0010 2000000", "(root);0x7f0010;fib 1750000"])
    }

    @Test("unknown versions, mixed weight types and dangling indices are refused with the byte", arguments: [
        (#"{"meta":{"preprocessedProfileVersion":71},"threads":[]}"#, "a processed Firefox profile of version 71, newer than the newest profconv reads (41 to 70)"),
        (#"{"meta":{"preprocessedProfileVersion":30},"threads":[]}"#, "version 30, older than profconv reads"),
        (#"{"meta":{"preprocessedProfileVersion":70},"threads":[{"samples":{"stack":[0],"weightType":"samples"}},{"samples":{"stack":[],"weightType":"bytes"}}],"shared":{"stringArray":["a"],"stackTable":{"frame":[0],"prefixOffset":[0]},"frameTable":{"func":[0]},"funcTable":{"name":[0]}}}"#,
         "threads with sample weights of types samples and bytes"),
        (#"{"meta":{"preprocessedProfileVersion":70},"threads":[{"samples":{"stack":[0]}}],"shared":{"stringArray":["a"],"stackTable":{"frame":[0],"prefixOffset":[0]},"frameTable":{"func":[3]},"funcTable":{"name":[0]}}}"#,
         "frame 0 of the frameTable names function 3, but the funcTable has 1"),
        (#"{"meta":{"preprocessedProfileVersion":70},"threads":[{"samples":{"stack":[0]}}],"shared":{"stringArray":["a"],"stackTable":{"frame":[0],"prefixOffset":[-2]},"frameTable":{"func":[0]},"funcTable":{"name":[0]}}}"#,
         "stack 0 of the stackTable has the prefix 2, not an earlier stack"),
        (#"{"meta":{"preprocessedProfileVersion":70},"threads":[{"samples":{"stack":[0]}}],"shared":{"stringArray":[],"stackTable":{"frame":[0],"prefixOffset":[0]},"frameTable":{"func":[0]},"funcTable":{"name":[0]}}}"#,
         "function 0 of the funcTable names string 0, but the string table"),
        (#"{"meta":{"preprocessedProfileVersion":70},"threads":[{"samples":{"stack":[0]}}]}"#,
         "a processed profile thread without its stringArray, stackTable, frameTable and funcTable"),
        (#"{"meta":{"preprocessedProfileVersion":70},"threads":[{"samples":{"stack":[0],"weightType":"joules"}}],"shared":{"stringArray":["a"],"stackTable":{"frame":[0],"prefixOffset":[0]},"frameTable":{"func":[0]},"funcTable":{"name":[0]}}}"#,
         "the weight type \"joules\""),
    ])
    func damaged(_ json: String, _ message: String) {
        let error = firefoxError(json)
        #expect(error.contains(message), "\(error)")
    }
}
