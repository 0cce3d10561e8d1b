import ProfileCore
import Testing
@testable import ProfileFormats

@Suite("Instruments deep copy")
struct InstrumentsTests {
    func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init).sorted() }

    @Test("each node is a stack with its self time in ms, rounded half to even, as stackcollapse-instruments.pl (zero times aside)")
    func asStackcollapseInstruments() throws {
        let d = try Fixture.decode("instruments/busy.deepcopy.txt")
        #expect(d.format.name == InstrumentsFormat.name)
        #expect(d.profile.sampleTypeNames == "cpu/milliseconds")
        let expected = try String(decoding: Fixture.bytes("instruments/busy.stackcollapse-instruments.folded"), as: UTF8.self)
        #expect(try lines(written(d.profile, as: FoldedFormat.self)) == lines(expected).filter { !$0.hasSuffix(" 0") })
    }

    @Test("seconds and minutes are milliseconds")
    func units() throws {
        let text = "Weight\tSelf Weight\t\tSymbol Name\n2.0 min  100.0%\t1.5 s\t \tmain\n2.0 min  100.0%\t0.5 min\t \t work\n"
        #expect(try written(readText(text).profile, as: FoldedFormat.self) == "main 1500\nmain;work 30000\n")
    }

    @Test("a line that is not a node is an error with the line")
    func damaged() throws {
        let error = #expect(throws: ProfileError.self) {
            try readText("Weight\tSelf Weight\t\tSymbol Name\n1.0 ms  100.0%\t1.0 ms\t \tmain\n1.0 ms  100.0%\t1.0 ms  main\n")
        }
        #expect(error?.description == "not a line of an Instruments deep copy (`12.0 ms  100.0%\\t3.0 ms\\t \\tSYMBOL`): '1.0 ms  100.0%\\t1.0 ms  main' (line 3)")
    }
}
