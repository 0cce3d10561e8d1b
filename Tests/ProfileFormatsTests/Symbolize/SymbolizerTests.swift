import ProfileCore
@testable import ProfileFormats
import Testing

@Suite("Symbolizer (--binary)")
struct SymbolizerTests {
    static func blocked() throws -> SymbolBinary {
        try SymbolBinary(path: "Fixtures/symbolize/blocked", bytes: Fixture.bytes("symbolize/blocked"))
    }
    static func tinyC() throws -> SymbolBinary {
        try SymbolBinary(path: "tiny-c", bytes: Fixture.bytes("fuzz-seeds/elf/tiny-c"))
    }
    /// debug=1 read as `--binary` reads it: the frames without `#` lines kept.
    static let keeping: ReadOptions = {
        var o = ReadOptions()
        o[GoDebug1Format.Options.self].keepUnnamedFrames = true
        return o
    }()

    @Test("the debug=1 goroutine profile, symbolized from the stripped binary, has the folded stacks of its debug=0 twin")
    func debug1BecomesDebug0() throws {
        let d1 = try Fixture.decode("symbolize/goroutine.debug1.txt", options: Self.keeping).profile
        let d0 = try Fixture.decode("symbolize/goroutine.debug0.pb.gz").profile
        #expect(try written(d1, as: FoldedFormat.self).contains("0x"), "the runtime frames are unnamed before")
        let (symbolized, warnings) = try Symbolizer.symbolize(d1, binaries: [Self.blocked()])
        #expect(warnings.isEmpty)
        #expect(try written(symbolized, as: FoldedFormat.self) == written(d0, as: FoldedFormat.self))
    }

    @Test("the symbolized pprof names its mapping after the binary, with functions, files, lines and inlining flagged")
    func pprofFlags() throws {
        let d1 = try Fixture.decode("symbolize/goroutine.debug1.txt", options: Self.keeping).profile
        let (symbolized, _) = try Symbolizer.symbolize(d1, binaries: [Self.blocked()])
        let sink = ByteSink()
        try PprofFormat.write(symbolized, options: WriteOptions(), to: sink)
        let back = try FormatRegistry.read(sink.bytes, format: PprofFormat.self).profile
        let m = try #require(back.mappings.first)
        #expect(back.mappings.count == 1)
        #expect(back.string(m.filename) == "Fixtures/symbolize/blocked")
        #expect(back.string(m.buildID) == "nZVUtBiYxAoOaAV46dyf/VZSNUah61BaNqp7TS1gI/5n4CytjPTG0oUkg_PGmn/HxwLOVuNUid1SrRJwkqK")
        #expect(m.hasFunctions && m.hasFilenames && m.hasLineNumbers && m.hasInlineFrames)
        #expect((m.memoryStart, m.memoryLimit) == (0x400000, 0x4BD7EC), "the text segment")
        #expect(back.locations.allSatisfy { $0.mappingIndex == 0 && $0.lineCount > 0 })
    }

    @Test("a root runtime.goexit is dropped, and the fake PC of an inlined call's caller folds into the call's location")
    func goexitAndInlinedCallers() throws {
        // gopark ← semacquire1 (inlined goparkunlock) ← its fake PC ← runtime_Semacquire ← goexit, as debug=1 lists them.
        let text = "goroutine profile: total 1\n1 @ 0x4379f6 0x447fbe 0x447f95 0x45f9e5 0x463241\n"
        let profile = try readText(text, options: Self.keeping).profile
        let (symbolized, _) = try Symbolizer.symbolize(profile, binaries: [Self.blocked()])
        #expect(try written(symbolized, as: FoldedFormat.self) ==
                "sync.runtime_Semacquire;runtime.semacquire1;runtime.goparkunlock;runtime.gopark 1\n")
    }

    @Test("a binary that is not the profile's is refused in one sentence")
    func wrongBinary() throws {
        let d1 = try Fixture.decode("symbolize/goroutine.debug1.txt", options: Self.keeping).profile
        let error = #expect(throws: ProfileError.self) { try Symbolizer.symbolize(d1, binaries: [Self.tinyC()]) }
        #expect(error?.message.hasPrefix("tiny-c is not the binary of this profile: only 0 of ") == true)
        #expect(error?.message.contains("is main.receive in the profile but in no function in the binary") == true)
        // Addresses alone: most must fall inside the binary's functions.
        let bare = try readText("goroutine profile: total 1\n1 @ 0x4379f6 0x4063db\n", options: Self.keeping).profile
        let bareError = #expect(throws: ProfileError.self) { try Symbolizer.symbolize(bare, binaries: [Self.tinyC()]) }
        #expect(bareError?.message == "tiny-c is not the binary of this profile: only 0 of 2 unnamed addresses fall inside its functions; pass the binary the profile was taken from")
    }

    @Test("mappings take the binary with their build ID; a different build ID is an error naming both")
    func buildIDs() throws {
        func profile(buildID: String, file: String) throws -> Profile {
            var b = ProfileBuilder(sampleTypes: [("goroutine", "count")])
            var m = Mapping(id: 1)
            (m.memoryStart, m.memoryLimit) = (0x400000, 0x4BD7EC)
            m.buildID = b.intern(buildID)
            m.filename = b.intern(file)
            let mapping = b.addMapping(m)
            b.addSample(locations: [b.location(lines: [], address: 0x4379F5, mapping: mapping)], value: 1)
            return b.build()
        }
        let goID = "nZVUtBiYxAoOaAV46dyf/VZSNUah61BaNqp7TS1gI/5n4CytjPTG0oUkg_PGmn/HxwLOVuNUid1SrRJwkqK"
        let (named, warnings) = try Symbolizer.symbolize(try profile(buildID: goID, file: "/srv/app"), binaries: [Self.tinyC(), Self.blocked()])
        #expect(try written(named, as: FoldedFormat.self) == "runtime.gopark 1\n")
        #expect(warnings.messages == ["tiny-c matches no mapping of the profile (by build ID or file name), so it names nothing"])
        let error = #expect(throws: ProfileError.self) {
            try Symbolizer.symbolize(try profile(buildID: "0123abcd", file: "/srv/blocked"), binaries: [Self.blocked()])
        }
        #expect(error?.message == "build ID mismatch: the profile's mapping /srv/blocked has build ID 0123abcd, but Fixtures/symbolize/blocked has \(goID); pass the binary the profile was taken from")
    }

    @Test("a position-independent binary is placed by its mapping: runtime address → file offset → link address")
    func positionIndependent() throws {
        let binary = try Self.tinyC()
        let compute = try #require(binary.symbols.symbols.first { $0.name == "compute" })
        let offset = try #require(binary.elf.segments.first { $0.isLoad && $0.isExecutable }).offset
        var m = Mapping(id: 1)
        (m.memoryStart, m.memoryLimit, m.fileOffset) = (0x7f00_0000_0000 + offset, 0x7f00_0000_2000, offset)
        let runtime = compute.start - binary.elf.address(ofFileOffset: offset)! + m.memoryStart
        #expect(binary.fileAddress(runtime, in: m) == compute.start)
        #expect(try binary.frames(at: binary.fileAddress(runtime + 2, in: m))?.first?.function == "compute")
    }
}
