import Foundation
import ProfileCore
import ProfileTestSupport
import Testing
@testable import ProfileFormats

@Suite("DTrace and bpftrace stacks")
struct DTraceTests {
    static let stacks = """
        CPU     ID                    FUNCTION:NAME
          0  76446                       :tick-10ms

                      unix`tsc_gethrtimeunscaled+0x21
                      genunix`gethrtime_unscaled+0xa
                      libstdc++.so`std::vector<int>::push_back(int const&)+0x1c
                      test`foo->bar
                      test`main
                        3

                      unix`tsc_gethrtimeunscaled+0x44
                      test`main
                        2

        """

    @Test("frames leaf first, then the count; offsets and C++ arguments go, Java's a->b is a calling b_[i]")
    func aggregation() throws {
        let d = try readText(Self.stacks)
        #expect(d.format.name == DTraceFormat.name)
        #expect(d.profile.sampleTypeNames == "samples/count")
        #expect(try written(d.profile, as: FoldedFormat.self) == """
            test`main;test`foo;bar_[i];libstdc++.so`std::vector<int>::push_back;genunix`gethrtime_unscaled;unix`tsc_gethrtimeunscaled 3
            test`main;unix`tsc_gethrtimeunscaled 2

            """)
    }

    @Test("--includeoffset keeps every offset but the leaf's")
    func includeOffset() throws {
        var options = ReadOptions()
        try DTraceFormat.userOptions[0].set(in: &options, of: DTraceFormat.self)
        let d = try readText(Self.stacks, options: options)
        #expect(try written(d.profile, as: FoldedFormat.self).hasSuffix("test`main;unix`tsc_gethrtimeunscaled 2\n"))
        #expect(try written(d.profile, as: FoldedFormat.self).contains("genunix`gethrtime_unscaled+0xa;unix`tsc_gethrtimeunscaled 3"))
    }

    @Test("a real bpftrace @[kstack, ustack] map: user frames root-side, kernel frames leaf-side, the map's counts")
    func bpftrace() throws {
        let d = try Fixture.decode("dtrace/cspin.bpftrace")
        #expect(d.format.name == DTraceFormat.name)
        let text = try String(contentsOfFile: Fixture.path("dtrace/cspin.bpftrace"), encoding: .utf8)
        let counts = text.split(separator: "\n").filter { $0.hasPrefix("]: ") }.compactMap { Int64($0.dropFirst(3)) }
        #expect(d.profile.totals() == [counts.reduce(0, +)])
        let folded = try written(d.profile, as: FoldedFormat.self)
        for line in folded.split(separator: "\n") { #expect(line.hasPrefix("__libc_start_call_main;main;")) }
        #expect(folded.contains(";crunch;asm_sysvec_"))
    }

    @Test("input cut inside a stack is an error at the stack's first line")
    func truncated() throws {
        let text = "header\n\n  libc`f+0x1\n  2\n\n  libc`g+0x1\n  libc`h\n"
        #expect { try readText(text) } throws: { error in
            guard let e = error as? ProfileError else { return false }
            return e.place == .line(6) && e.message.contains("ends in the middle of the stack")
        }
    }

    @Test("cut into chunks after count lines, the input reads as in one piece", arguments: [2, 5])
    func chunks(_ n: Int) throws {
        var text = "CPU ID FUNCTION:NAME\n\n"
        for k in 0..<200 { text += "  m`f\(k % 7)+0x1\n  m`g\(k % 3)\n  \(k + 1)\n\n" }
        let bytes = Array(text.utf8)
        var w = Warnings()
        let one = try bytes.withUnsafeBytes { try DTraceFormat.read($0, options: ReadOptions(), chunks: 1, warnings: &w) }
        let many = try bytes.withUnsafeBytes { try DTraceFormat.read($0, options: ReadOptions(), chunks: n, warnings: &w) }
        #expect(try written(one, as: FoldedFormat.self) == written(many, as: FoldedFormat.self))
        #expect(one.totals() == [20100])
    }
}
