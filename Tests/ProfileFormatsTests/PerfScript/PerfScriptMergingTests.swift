import ProfileCore
import Testing
@testable import ProfileFormats

/// What the fast path of the perf reader must not change: stacks merged as
/// they are read (`StackChunk(mergingStacks:)`), callchains found again by
/// their bytes (`StackBlockCache`).
@Suite("perf script: merged while read, callchains found again")
struct PerfScriptMergingTests {
    static func read(_ bytes: [UInt8], option: String?, merging: Bool, chunks: Int) throws -> (folded: String, warnings: [String]) {
        var options = ReadOptions()
        options.mergeSamplesByStack = merging
        if let option, let o = PerfScriptFormat.userOptions.first(where: { $0.name == option }) {
            try o.set(in: &options, of: PerfScriptFormat.self)
        }
        var w = Warnings()
        let p = try bytes.withUnsafeBytes { try PerfScriptFormat.read($0, options: options, chunks: chunks, warnings: &w) }
        return (try written(p, as: FoldedFormat.self), w.messages)
    }

    @Test("merged while read, in one chunk or several, the stacks are those of every sample read, with each option set",
          arguments: [1, 3])
    func mergedEqualsEachSample(_ chunks: Int) throws {
        // Every capture three times over: each callchain is met again, in another chunk too.
        var bytes: [UInt8] = []
        for _ in 0..<3 {
            for c in PerfScriptTests.captures { bytes += try Fixture.bytes("perf/\(c).perf") }
        }
        for option in [nil, "pid", "tid", "all", "addrs"] {
            let each = try Self.read(bytes, option: option, merging: false, chunks: 1)
            let merged = try Self.read(bytes, option: option, merging: true, chunks: chunks)
            #expect(merged.folded == each.folded, "--\(option ?? "none")")
            #expect(merged.warnings == each.warnings)
        }
    }

    static let frame = "\t    7f0000001000 a_function_with_a_long_enough_name_to_fill_lines+0x10 (/opt/profconv-fixtures/perf/a-program)\n"
    static let caller = "\t    7f0000002000 its_caller+0x20 (/opt/profconv-fixtures/perf/a-program)\n"

    @Test("a callchain seen before is not taken for one that starts with it and goes on, nor for one cut by a blank line of spaces")
    func longerAndShorter() throws {
        let header = "prog 7 1.000001: 1 cpu-clock:\n"
        let text = header + Self.frame + Self.frame + "\n"           // seen first
            + header + Self.frame + Self.frame + Self.caller + "\n"  // starts like it, goes on
            + header + Self.frame + Self.frame + " \t\n"             // the first, ended by white space
            + header + Self.frame + Self.frame                       // the first, ended by the input
        let expected = """
            prog;a_function_with_a_long_enough_name_to_fill_lines;a_function_with_a_long_enough_name_to_fill_lines 3
            prog;its_caller;a_function_with_a_long_enough_name_to_fill_lines;a_function_with_a_long_enough_name_to_fill_lines 1

            """
        for merging in [false, true] {
            #expect(try Self.read(Array(text.utf8), option: nil, merging: merging, chunks: 1).folded == expected)
        }
    }

    @Test("callchains that never repeat (new addresses each time), then ones that do, read as line by line")
    func seldomRepeating() throws {
        var text = ""
        for i in 0..<3000 {
            let address = String(0x7f00_0000_0000 + i, radix: 16)
            text += "prog 7 1.000001: 1 cpu-clock:\n\t    \(address) f\(i % 3)+0x10 (/opt/a-program)\n" + Self.caller + "\n"
        }
        for _ in 0..<3000 { text += "prog 7 1.000001: 2 cpu-clock:\n" + Self.frame + Self.caller + "\n" }
        let bytes = Array(text.utf8)
        for option in [nil, "addrs"] {
            let each = try Self.read(bytes, option: option, merging: false, chunks: 1)
            #expect(try Self.read(bytes, option: option, merging: true, chunks: 1) == each)
            #expect(each.folded.hasSuffix("prog;its_caller;f2 1000\n"))
        }
    }

    @Test("the same callchain bytes under a java process and another keep their own names, and each process its root")
    func javaAndOther() throws {
        let chain = "\t    7f722d142778 Ljava/io/PrintStream;::print_with_a_name_long_enough_to_fill_the_start (/tmp/perf-24636.map)\n"
            + "\t    7f722d142000 Interpreter_with_a_name_long_enough_to_fill_the_start_of_a_block (/tmp/perf-24636.map)\n"
        var text = ""
        for comm in ["java", "other", "java", "other", "javac", "other"] { text += "\(comm) 24636/25607 1.000001: 3 cycles:\n" + chain + "\n" }
        let bytes = Array(text.utf8)
        for option in [nil, "pid"] {
            let each = try Self.read(bytes, option: option, merging: false, chunks: 1)
            #expect(try Self.read(bytes, option: option, merging: true, chunks: 1) == each)
        }
        #expect(try Self.read(bytes, option: nil, merging: true, chunks: 1).folded == """
            java;Interpreter_with_a_name_long_enough_to_fill_the_start_of_a_block;java/io/PrintStream:::print_with_a_name_long_enough_to_fill_the_start 6
            javac;Interpreter_with_a_name_long_enough_to_fill_the_start_of_a_block;java/io/PrintStream:::print_with_a_name_long_enough_to_fill_the_start 3
            other;Interpreter_with_a_name_long_enough_to_fill_the_start_of_a_block;Ljava/io/PrintStream:::print_with_a_name_long_enough_to_fill_the_start 9

            """)
    }

    @Test("a callchain with a bad line warns at each of its occurrences, as read line by line")
    func badLineEachTime() throws {
        let event = "prog 7 1.000001: 1 cpu-clock:\n" + Self.frame + "\t NOT A FRAME\n" + Self.caller + "\n"
        let d = try Self.read(Array((event + event + event).utf8), option: nil, merging: true, chunks: 1)
        #expect(d.folded == "prog;its_caller;a_function_with_a_long_enough_name_to_fill_lines 3\n")
        #expect(d.warnings.count == 1)
        #expect(d.warnings.first?.hasPrefix("line 3: skipped 3 callchain line") == true)
        #expect(d.warnings.first?.contains("(lines 3, 8, 13; first: \"NOT A FRAME\")") == true)
    }

    @Test("periods whose total passes Int64.max: the merge gives up, and every sample is read as without it")
    func saturatedTotals() throws {
        let event = "prog 7 1.000001: 9223372036854775807 cpu-clock:\n" + Self.frame + "\n"
        let text = event + event
        var merging = ReadOptions()
        merging.mergeSamplesByStack = true
        let merged = try readText(text, options: merging), each = try readText(text)
        #expect(try written(merged.profile, as: FoldedFormat.self) == written(each.profile, as: FoldedFormat.self))
        #expect(merged.warnings.messages == each.warnings.messages)
        #expect(merged.profile.samples.count == 2)
        #expect(each.warnings.messages.contains { $0.contains("sample 2:") })
    }
}
