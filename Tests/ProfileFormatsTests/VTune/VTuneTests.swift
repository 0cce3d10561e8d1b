import ProfileCore
import Testing
@testable import ProfileFormats

@Suite("VTune top-down CSV")
struct VTuneTests {
    @Test("each node with CPU time of its own is a stack, in milliseconds; CSV quoting is undone")
    func ownTime() throws {
        let d = try Fixture.decode("vtune/busy.vtune.csv")
        #expect(d.format.name == VTuneFormat.name)
        #expect(d.profile.sampleTypeNames == "cpu/milliseconds")
        #expect(try written(d.profile, as: FoldedFormat.self) == """
            [Unknown]`Total;ntdll.dll`RtlUserThreadStart;KERNEL32.DLL`BaseThreadInitThunk;busy.exe`main 12
            [Unknown]`Total;ntdll.dll`RtlUserThreadStart;KERNEL32.DLL`BaseThreadInitThunk;busy.exe`main;busy.exe`busy::hash(char const *, "quoted") 1500
            [Unknown]`Total;ntdll.dll`RtlUserThreadStart;KERNEL32.DLL`BaseThreadInitThunk;busy.exe`main;busy.exe`std::vector<int,std::allocator<int>>::push_back 251
            [Unknown]`Total;ntdll.dll`RtlUserThreadStart;KERNEL32.DLL`BaseThreadInitThunk;busy.exe`main;busy.exe`std::vector<int,std::allocator<int>>::push_back;VCRUNTIME140.dll`operator new(unsigned __int64) 31
            [Unknown]`Total;ntdll.dll`RtlUserThreadStart;KERNEL32.DLL`BaseThreadInitThunk;busy.exe`main;ucrtbase.dll`printf;KERNELBASE.dll`WriteFile 4

            """)
    }

    @Test("--no-modules, which sample input takes too")
    func noModules() throws {
        var options = ReadOptions()
        try ModuleNameOptions.flag.set(in: &options, of: SampleFormat.self)
        let folded = try written(Fixture.decode("vtune/busy.vtune.csv", options: options).profile, as: FoldedFormat.self)
        #expect(folded.hasPrefix("Total;RtlUserThreadStart;BaseThreadInitThunk;main 12\n"))
    }

    @Test("damaged lines give one error with the line", arguments: [
        ("Function Stack,CPU Time:Self,Module\nTotal,x,m\n", "'x' is not a CPU time in seconds (line 2)"),
        ("Function Stack,CPU Time:Self,Module\nTotal,0,m\n  f,1,m\n", "this line is at depth 2 and the line above at depth 0: a level of the call tree is missing (line 3)"),
        ("Function Stack,CPU Time:Self,Module\n BAD STACK LINE\n", "a line of VTune's CSV is a function, its CPU time and its module; this one is ' BAD STACK LINE' (line 2)"),
    ])
    func damaged(_ text: String, _ message: String) throws {
        let error = #expect(throws: ProfileError.self) { try readText(text) }
        #expect(error?.description == message)
    }
}
