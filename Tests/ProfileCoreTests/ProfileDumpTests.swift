import ProfileCore
import ProfileTestSupport
import Testing

@Suite("the whole-profile text dump")
struct ProfileDumpTests {
    /// Two samples of one inlined call, a mapping, string and numeric labels,
    /// and a name that would break a line.
    static func sample() -> Profile {
        var b = ProfileBuilder(sampleTypes: [("samples", "count"), ("cpu", "nanoseconds")], defaultSampleType: "cpu")
        var m = Mapping(id: 1)
        m.memoryStart = 0x400000
        m.memoryLimit = 0x4b0000
        m.filename = b.intern("/bin/app")
        m.buildID = b.intern("abc")
        m.hasFunctions = true
        m.hasLineNumbers = true
        let mapping = b.addMapping(m)
        let file = b.intern("main.go")
        let f = b.function(name: b.intern("main.f"), file: file, startLine: 10)
        let g = b.function(name: b.intern("main.g\n\"x\""), file: file)
        let inlined = b.location(lines: [Line(functionIndex: f, line: 12, column: 3), Line(functionIndex: g, line: 40)],
                                 address: 0x4a5b6c, mapping: mapping)
        let root = b.location(function: g, line: 41)
        b.addSample(locations: [inlined, root], values: [2, 20_000_000], labels: [b.label("thread", "main"), b.label("bytes", number: 1024, unit: "bytes")])
        b.addSample(locations: [root], values: [1, 10_000_000])
        return b.withProfile { p in
            p.period = 10_000_000
            p.periodType = ValueType(type: p.strings.intern("cpu"), unit: p.strings.intern("nanoseconds"))
            p.timeNanos = 1_700_000_000_000_000_000
            p.comments = [p.strings.intern("a comment")]
            return p
        }
    }

    @Test("shows every part of a profile, strings resolved and quoted, references by pprof id")
    func everyPart() {
        #expect(ProfileDump.text(Self.sample()) == #"""
            sample_types: samples/count cpu/nanoseconds (default "cpu")
            period: 10000000 cpu/nanoseconds
            time_nanos: 1700000000000000000 duration_nanos: 0
            drop_frames: "" keep_frames: "" doc_url: ""
            comments: "a comment"
            sample 2 20000000 @ 1 2 {"thread"="main" "bytes"=1024 (bytes)}
            sample 1 10000000 @ 2
            location 1 0x4a5b6c mapping 1: "main.f" "main.go":12:3, "main.g\n\"x\"" "main.go":40
            location 2 0x0: "main.g\n\"x\"" "main.go":41
            mapping 1 0x400000-0x4b0000 +0x0 "/bin/app" build "abc" functions lines
            function 1 "main.f" system "main.f" "main.go":10
            function 2 "main.g\n\"x\"" system "main.g\n\"x\"" "main.go":0

            """#)
    }

    @Test("does not see string ids: the same profile with its string table reordered dumps the same, but is not ==")
    func stringIDs() {
        let a = profile([(["main", "f"], 3), (["main", "g"], 1)])
        var shuffled = StringTable()
        let order = (1..<Int32(a.strings.count)).reversed()
        var newID: [Int32: Int32] = [0: 0]
        for id in order { newID[id] = shuffled.intern(a.string(id)) }
        var b = a
        b.strings = shuffled
        for i in b.sampleTypes.indices { b.sampleTypes[i] = ValueType(type: newID[a.sampleTypes[i].type]!, unit: newID[a.sampleTypes[i].unit]!) }
        for i in b.functions.indices {
            b.functions[i].name = newID[a.functions[i].name]!
            b.functions[i].systemName = newID[a.functions[i].systemName]!
            b.functions[i].filename = newID[a.functions[i].filename]!
        }
        #expect(ProfileDump.text(a) == ProfileDump.text(b))
        #expect(a != b)
    }

    @Test("== sees every field")
    func equality() {
        let a = Self.sample()
        #expect(a == Self.sample())
        var b = a
        b.docURL = b.strings.intern("https://example.com")
        #expect(a != b, "a changed doc_url")
        var c = a
        c.samples.mapValues { _, v in v + 1 }
        #expect(a != c, "changed values")
        #expect(ProfileDump.text(a) != ProfileDump.text(b) && ProfileDump.text(a) != ProfileDump.text(c))
    }
}
