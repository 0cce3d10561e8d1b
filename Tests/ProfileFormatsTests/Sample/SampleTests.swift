import ProfileCore
import Testing
@testable import ProfileFormats

@Suite("macOS sample output")
struct SampleTests {
    @Test("each leaf of a thread's tree is a stack with its count; idle leaves are dropped; Rust names are demangled")
    func leaves() throws {
        let d = try Fixture.decode("sample/busy.sample.txt")
        #expect(d.format.name == SampleFormat.name)
        #expect(d.profile.sampleTypeNames == "samples/count")
        #expect(try written(d.profile, as: FoldedFormat.self) == """
            Thread_1001   DispatchQueue_1: com.apple.main-thread;dyld`start;busy`main;busy`<busy::Tree as core::ops::Drop>::drop;libsystem_malloc`free 3
            Thread_1001   DispatchQueue_1: com.apple.main-thread;dyld`start;busy`main;busy`busy::work;busy`busy::hash 4
            Thread_1001   DispatchQueue_1: com.apple.main-thread;dyld`start;busy`main;busy`busy::work;libsystem_platform`_platform_memmove 2
            Thread_1001   DispatchQueue_1: com.apple.main-thread;dyld`start;busy`main;libsystem_kernel`write 1

            """)
    }

    @Test("--no-modules names frames by function alone")
    func noModules() throws {
        var options = ReadOptions()
        try ModuleNameOptions.flag.set(in: &options, of: SampleFormat.self)
        let folded = try written(Fixture.decode("sample/busy.sample.txt", options: options).profile, as: FoldedFormat.self)
        #expect(folded.contains("com.apple.main-thread;start;main;busy::work;busy::hash 4\n"))
    }

    @Test("a stack met in several subtrees sums its counts")
    func sums() throws {
        let text = "Call graph:\n    3 T\n    + 2 a  (in m)\n    + 1 a  (in m)\nTotal number in stack\n"
        #expect(try written(readText(text).profile, as: FoldedFormat.self) == "T;m`a 3\n")
    }

    @Test("a damaged call graph gives one error with the line", arguments: [
        ("Call graph:\n    1 T\n   1 a\n", "a line of the call graph starts with 4 spaces, and this one does not: '   1 a' (line 3)"),
        ("Call graph:\n    1 T\n    +  1 a\n", "this line is indented by 3 characters; `sample` indents by 2 per level (line 3)"),
        ("Call graph:\n    1 T\n    +   1 a\n", "this line is at depth 2 and the line above at depth 0: a level of the call tree is missing (line 3)"),
        ("Call graph:\n    x T\n", "'x' is not a number of samples (line 2)"),
        ("Call graph:\n    12\n", "a frame line is a count and a function; this one is '12' (line 2)"),
        ("Call graph:\n    + ! :\n", "this line of the call graph holds only indentation (line 2)"),
        ("Call graph:\n    1 T\n", "the input ended inside the call graph, before its end (a line `Total number in stack`): it is cut short (line 2)"),
    ])
    func damaged(_ text: String, _ message: String) throws {
        let error = #expect(throws: ProfileError.self) { try readText(text, format: SampleFormat.self) }
        #expect(error?.description == message)
    }

    @Test("no call graph: one warning, no samples")
    func noCallGraph() throws {
        let d = try readText("Analysis of sampling x (pid 1) every 1 millisecond\n")
        #expect(d.profile.samples.count == 0)
        #expect(d.warnings.messages == ["the input ended before its call graph (a line `Call graph:`): no samples"])
    }
}
