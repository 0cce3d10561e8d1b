import Foundation
import ProfileCore
import ProfileFormats
import Testing

@Suite("speedscope JSON")
struct SpeedscopeTests {
    /// The document as Foundation parses it: an independent check that it is JSON.
    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func folded(_ p: Profile, index: Int) throws -> String {
        try written(p, as: FoldedFormat.self, options: WriteOptions(sampleIndex: String(index)))
    }

    @Test("pprof → speedscope → model gives the same folded stacks for every sample type",
          arguments: ["go1.19/busy/cpu.pb.gz", "go1.19/leaky/heap.debug0.pb.gz", "go1.19/leaky/block.debug0.pb.gz"])
    func roundTrip(fixture: String) throws {
        let original = try Fixture.decode(fixture).profile
        let back = try readText(try written(original, as: SpeedscopeFormat.self)).profile
        #expect(back.sampleTypes.count == original.sampleTypes.count)
        for i in original.sampleTypes.indices {
            #expect(back.string(back.sampleTypes[i].type) == original.string(original.sampleTypes[i].type))
            #expect(try folded(back, index: i) == folded(original, index: i))
        }
        #expect(back.defaultSampleIndex == original.defaultSampleIndex)
    }

    @Test("one sampled profile per sample type, with speedscope's units, endValue the total, the default active")
    func documentShape() throws {
        let p = try Fixture.decode("go1.19/leaky/heap.debug0.pb.gz").profile
        let doc = try json(try written(p, as: SpeedscopeFormat.self))
        #expect(doc["$schema"] as? String == "https://www.speedscope.app/file-format-schema.json")
        #expect(doc["exporter"] as? String == "profconv")
        #expect(doc["activeProfileIndex"] as? Int == p.defaultSampleIndex)
        let profiles = try #require(doc["profiles"] as? [[String: Any]])
        #expect(profiles.map { $0["name"] as? String } == ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"])
        #expect(profiles.map { $0["unit"] as? String } == ["none", "bytes", "none", "bytes"])
        let totals = p.totals()
        for (t, profile) in profiles.enumerated() {
            #expect(profile["type"] as? String == "sampled")
            #expect(profile["startValue"] as? Int == 0)
            #expect((profile["endValue"] as? NSNumber)?.int64Value == totals[t])
            let weights = try #require(profile["weights"] as? [Int64])
            #expect(weights.count == (profile["samples"] as? [[Int]])?.count)
            #expect(!weights.contains(0))
        }
    }

    @Test("samples without locations are empty samples, so the weights sum to pprof's total (threadcreate: 6)")
    func emptyStacksWeigh() throws {
        let p = try Fixture.decode("go1.19/leaky/threadcreate.debug0.pb.gz").profile
        let doc = try json(try written(p, as: SpeedscopeFormat.self))
        let profile = try #require((doc["profiles"] as? [[String: Any]])?.first)
        let weights = try #require(profile["weights"] as? [Int64])
        #expect(weights.reduce(0, +) == 6)
        #expect((profile["samples"] as? [[Int]])?.contains([]) == true)
    }

    @Test("inlined callees stay frames of their own, between their caller and their callees")
    func inlinedFrames() throws {
        let p = try Fixture.decode("go1.19/busy/cpu.pb.gz").profile
        let doc = try json(try written(p, as: SpeedscopeFormat.self))
        let frames = try #require((doc["shared"] as? [String: Any])?["frames"] as? [[String: Any]])
        let names = frames.map { $0["name"] as? String ?? "" }
        let rotl = try #require(names.firstIndex(of: "main.rotl"))  // inlined into main.mix in the fixture
        let samples = try #require((doc["profiles"] as? [[String: Any]])?[1]["samples"] as? [[Int]])
        #expect(samples.contains { $0.contains(rotl) })
        #expect(frames[rotl]["file"] as? String != nil)
    }

    @Test("writing is deterministic")
    func deterministic() throws {
        let p = try Fixture.decode("go1.19/leaky/goroutine.debug0.pb.gz").profile
        #expect(try written(p, as: SpeedscopeFormat.self) == written(p, as: SpeedscopeFormat.self))
    }

    @Test("any name makes valid JSON and reads back: quotes, backslashes, control characters, U+2028, invalid UTF-8")
    func hostileNames() throws {
        var b = ProfileBuilder(sampleTypes: [("samples", "count")])
        let hostile: [[UInt8]] = [
            Array("quote\" back\\slash".utf8), Array("nul\u{0}bell\u{7}esc\u{1B}\ttab\nline\r".utf8),
            Array("sep\u{2028}para\u{2029}".utf8), [0x62, 0x61, 0x64, 0xFF, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0x21],
            Array("</script><!--".utf8), Array("ünïcødé 🔥".utf8),
        ]
        let locations = hostile.map { bytes in
            bytes.withUnsafeBytes { b.location(function: b.function(name: b.intern(bytes: $0))) }
        }
        b.addSample(locations: locations, values: [7])
        let p = b.build()
        let text = try written(p, as: SpeedscopeFormat.self)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let frames = try #require((try json(text)["shared"] as? [String: Any])?["frames"] as? [[String: Any]])
        let expected = p.functions.map { p.string($0.name) }
        #expect(Set(frames.compactMap { $0["name"] as? String }) == Set(expected))
        #expect(expected.contains("bad\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}!"))
        let back = try readText(text).profile
        #expect(Set(back.functions.map { back.string($0.name) }) == Set(expected))
    }

    @Test("an evented profile becomes samples of the open frames, its times in nanoseconds")
    func evented() throws {
        let text = """
            {"$schema":"https://www.speedscope.app/file-format-schema.json","shared":{"frames":[{"name":"main"},{"name":"work","file":"w.go","line":3}]},
             "profiles":[{"type":"evented","name":"t","unit":"microseconds","startValue":0,"endValue":10,
               "events":[{"type":"O","frame":0,"at":0},{"type":"O","frame":1,"at":2},{"type":"C","frame":1,"at":5.5},{"type":"C","frame":0,"at":10}]}]}
            """
        let decoded = try readText(text)
        #expect(decoded.format.name == SpeedscopeFormat.name)
        let p = decoded.profile
        #expect(p.string(p.sampleTypes[0].unit) == "nanoseconds")
        #expect(try written(p, as: FoldedFormat.self) == "main 6500\nmain;work 3500\n")
        let work = try #require(p.functions.first { p.string($0.name) == "work" })
        #expect(p.string(work.filename) == "w.go" && work.startLine == 3)
    }

    @Test("other tools' per-thread profiles of one unit become one sample type, labelled by profile")
    func foreignThreads() throws {
        let text = """
            {"$schema":"https://www.speedscope.app/file-format-schema.json","exporter":"py-spy@0.3","shared":{"frames":[{"name":"a"},{"name":"b"}]},
             "profiles":[{"type":"sampled","name":"MainThread","unit":"none","startValue":0,"endValue":3,"samples":[[0,1],[0]],"weights":[2,1]},
                         {"type":"sampled","name":"Worker","unit":"none","startValue":0,"endValue":4,"samples":[[0,1]],"weights":[4]}]}
            """
        let p = try readText(text).profile
        #expect(p.sampleTypes.count == 1)
        var options = WriteOptions()
        options[FoldedFormat.Options.self].labelsAsRootFrames = true
        #expect(try written(p, as: FoldedFormat.self, options: options) == "profile=MainThread;a 1\nprofile=MainThread;a;b 2\nprofile=Worker;a;b 4\n")
    }

    @Test("hostile input gives one error with its byte offset", arguments: [
        (#"{"$schema":"https://www.speedscope.app/file-format-schema.json","shared":{"frames":[{"name":"a"}]},"profiles":[{"type":"sampled","name":"x","unit":"none","samples":[[0,5]],"weights":[1]}]}"#, 168, "frame index 5 is out of range"),
        (#"{"$schema":"https://www.speedscope.app/file-format-schema.json","shared":{"frames":[]},"profiles":[{"type":"sampled","unit":"none","samples":[[]],"weights":[1,2]}]}"#, 156, "2 weights for 1 samples"),
        (#"{"$schema":"https://www.speedscope.app/file-format-schema.json","shared":{"frames":[{"name":"a\q"}]}}"#, 94, "unknown escape"),
        (#"{"$schema":"https://www.speedscope.app/file-format-schema.json","shared":{"frames":[{"name":"a"}"#, 96, "the input ends"),
        (#"{"$schema":"https://www.speedscope.app/file-format-schema.json","profiles":[{"type":"sampled","unit":"parsecs","samples":[],"weights":[]}],"shared":{"frames":[]}}"#, 76, "unknown unit"),
    ])
    func hostileInput(text: String, offset: Int, message: String) throws {
        let error = try #require(throws: ProfileError.self) { try readText(text) }
        #expect(error.message.contains(message), "\(error)")
        #expect(error.place == .byte(offset), "\(error)")
    }

    @Test("members it does not know are skipped without recursion, however deep")
    func deepNesting() throws {
        let depth = 200_000
        let text = #"{"$schema":"https://www.speedscope.app/file-format-schema.json","junk":"#
            + String(repeating: "[{\"k\":", count: depth) + "1" + String(repeating: "}]", count: depth)
            + #","shared":{"frames":[{"name":"a"}]},"profiles":[{"type":"sampled","unit":"none","samples":[[0]],"weights":[3]}]}"#
        #expect(try written(readText(text).profile, as: FoldedFormat.self) == "a 3\n")
        let cut = String(text.prefix(100_000))
        #expect(throws: ProfileError.self) { try readText(cut, format: SpeedscopeFormat.self) }
    }

    @Test("sniffing wants speedscope's schema URL, not just any JSON")
    func sniffing() throws {
        let other = #"{"traceEvents":[]}"#
        #expect(other.utf8.withContiguousStorageIfAvailable { SpeedscopeFormat.sniff(UnsafeRawBufferPointer($0)) }! == .no)
        let ours = try written(try Fixture.decode("go1.19/leaky/goroutine.debug0.pb.gz").profile, as: SpeedscopeFormat.self)
        #expect(try readText(ours).format.name == SpeedscopeFormat.name)
        #expect(FormatRegistry.format(forOutputPath: "out.speedscope.json")?.name == SpeedscopeFormat.name)
    }
}
