import Foundation
import ProfileCore
import ProfileTestSupport
import Testing
@testable import ProfileFormats

@Suite("GHC .prof reports")
struct GHCProfTests {
    @Test("the cost-centre tree becomes one stack per line, MODULE.NAME frames, individual %time in per mille by default")
    func tree() throws {
        let d = try Fixture.decode("ghcprof/sieve.prof")
        #expect(d.format.name == GHCProfFormat.name)
        #expect(d.profile.sampleTypeNames == "time/permille, alloc/permille, ticks/count, bytes/bytes")
        #expect(try written(d.profile, as: FoldedFormat.self) == """
            MAIN.MAIN;Main.CAF;Main.main 100
            MAIN.MAIN;Main.CAF;Main.main;Main.sieve 600
            MAIN.MAIN;Main.CAF;Main.main;Main.sieve;Main.primes.go 300

            """)
    }

    @Test("-P's ticks and bytes are sample types of their own, and SRC gives file and line")
    func ticksAndBytes() throws {
        let p = try Fixture.decode("ghcprof/sieve.prof").profile
        var options = WriteOptions(sampleIndex: "bytes")
        options[FoldedFormat.Options.self].withLines = true
        let folded = try written(p, as: FoldedFormat.self, options: options)
        #expect(folded.contains("MAIN.MAIN :0;GHC.IO.Handle.FD.CAF :0 34\n"))
        #expect(folded.contains(";Main.sieve Sieve.hs:9;Main.primes.go Sieve.hs:5 200000\n"))
        #expect(p.totals() == [1000, 1000, 100, 1000050])
    }

    @Test("the ticks and bytes options make that column the default, as inferno's --ticks and --bytes", arguments: [
        ("ticks", 100 as Int64), ("bytes", 1000050),
    ])
    func defaultColumn(_ column: String, _ total: Int64) throws {
        var options = ReadOptions()
        options[GHCProfOptions.self].defaultSampleType = column
        let p = try Fixture.decode("ghcprof/sieve.prof", options: options).profile
        let index = p.defaultSampleIndex
        #expect(p.string(p.sampleTypes[index].type) == column)
        #expect(p.totals()[index] == total)
    }

    @Test("a report without -P has no ticks column to make the default")
    func ticksWithoutColumn() throws {
        var options = ReadOptions()
        options[GHCProfOptions.self].defaultSampleType = "ticks"
        let text = "\tTime and Allocation Profiling Report  (Final)\nCOST CENTRE MODULE SRC no. entries %time %alloc %time %alloc\nMAIN MAIN <built-in> 1 0 100.0 100.0 100.0 100.0\n"
        #expect(throws: ProfileError.self) { try readText(text, options: options) }
    }

    @Test("a report without -P has time and alloc only")
    func withoutTicks() throws {
        let text = """
            \tTime and Allocation Profiling Report  (Final)
            COST CENTRE MODULE SRC no. entries %time %alloc %time %alloc
            MAIN MAIN <built-in> 1 0 2.5 0.4 100.0 100.0
             f   Main  F.hs:3:1-9 2 1 97.5 99.6 97.5 99.6

            """
        let p = try readText(text).profile
        #expect(p.sampleTypeNames == "time/permille, alloc/permille")
        #expect(try written(p, as: FoldedFormat.self) == "MAIN.MAIN 25\nMAIN.MAIN;Main.f 975\n")
    }

    @Test("damaged reports give one error with the line", arguments: [
        ("COST CENTRE MODULE SRC no. entries %time %alloc %time %alloc\nMAIN MAIN <built-in> 1 0 0.0 0.0 100.0 100.0\n   deep Main F.hs:1:1 2 0 1.0 1.0 1.0 1.0\n",
         "this cost centre is indented 3 spaces, more than one deeper than the line above (1); the tree is damaged (line 4)"),
        ("COST CENTRE MODULE SRC no. entries %time %alloc %time %alloc\nMAIN MAIN <built-in> 1 0 x 0.0 100.0 100.0\n",
         "'x' is not a percentage (line 3)"),
        ("COST CENTRE MODULE SRC no. entries %time %alloc %time %alloc\nMAIN MAIN 1 0\n",
         "a cost-centre line needs a name, a module, a source and 6 numbers; this one has 4 fields (line 3)"),
        ("COST CENTRE MODULE SRC %time %alloc\n", "no cost-centre tree (a header line `COST CENTRE MODULE SRC no. entries …`): this GHC report is cut short or not a time and allocation report"),
    ])
    func damaged(_ tree: String, _ message: String) throws {
        let error = #expect(throws: ProfileError.self) {
            try readText("\tTime and Allocation Profiling Report  (Final)\n" + tree)
        }
        #expect(error?.description == message)
    }

    @Test("percentages are read to GHC's one decimal, exactly")
    func permille() throws {
        for (text, value) in [("0.0", 0), ("97.4", 974), ("100.0", 1000), ("3", 30), ("2.45", 25), ("2.44", 24)] as [(String, Int64)] {
            let v = try Array(text.utf8).withUnsafeBytes { try GHCProfReader.permille($0, at: 1) }
            #expect(v == value, "\(text)")
        }
    }
}
