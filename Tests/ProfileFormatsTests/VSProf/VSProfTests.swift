import ProfileCore
import Testing
@testable import ProfileFormats

@Suite("Visual Studio CallTreeSummary.csv")
struct VSProfTests {
    static let header = "Level,Function Name,Number of Calls,Elapsed Inclusive Time %,Elapsed Exclusive Time %,Avg Elapsed Inclusive Time,Avg Elapsed Exclusive Time,Module Name,\n"

    @Test("calls of each leaf, with thousands separators; level 0 is not a frame; BOM and CRLF are read")
    func calls() throws {
        let d = try Fixture.decode("vsprof/CallTreeSummary.csv")
        #expect(d.format.name == VSProfFormat.name)
        #expect(d.profile.sampleTypeNames == "calls/count")
        #expect(try written(d.profile, as: FoldedFormat.self) == """
            Busy.Program.Main(string[]);Busy.Worker.Run(int32) 10
            Busy.Program.Main(string[]);Busy.Worker.Run(int32);Busy.Worker.Hash(string) 1200
            Busy.Program.Main(string[]);Busy.Worker.Run(int32);System.String.Concat(string,string) 300
            Busy.Program.Main(string[]);System.Console.WriteLine(string) 2

            """)
    }

    @Test("damaged lines give one error with the line", arguments: [
        ("x,\"f\",1,\n", "the level 'x' is not a whole number (line 2)"),
        ("0\n", "this line has no function name (line 2)"),
        ("1,f,1,\n", "the function name is not in double quotes, as Visual Studio writes it: 'f' (line 2)"),
        ("1,\"f\n", "the function name opens a double quote that the line never closes (line 2)"),
        ("1,\"f\",\"4,718.25\",\n", "the number of calls '4,718.25' is not a whole number (line 2)"),
        ("1,\"f\",1234,\n", "the number of calls '1234' lacks a thousands separator (line 2)"),
        ("1,\"f\",1,\n3,\"g\",1,\n", "this line is at level 3 and the line above at level 1: a level of the call tree is missing (line 3)"),
    ])
    func damaged(_ lines: String, _ message: String) throws {
        let error = #expect(throws: ProfileError.self) { try readText(Self.header + lines) }
        #expect(error?.description == message)
    }

    @Test("a first line that is not the header is refused when the format is named")
    func header() throws {
        let error = #expect(throws: ProfileError.self) { try readText("This is not a correct header\n", format: VSProfFormat.self) }
        #expect(error?.description == "the first line is not the header of a CallTreeSummary.csv (`Level,Function Name,Number of Calls,…`) (line 1)")
    }
}
