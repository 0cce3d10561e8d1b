#if canImport(Glibc)
import Glibc
#endif
import ProfileCore
import ProfileFormats
import Testing

@Suite("batch planning")
struct BatchPlanTests {
    @Test("an output name drops .gz and one known profile ending, then takes the target's", arguments: [
        ("cpu.pb.gz", "cpu.folded"),
        ("leaky/goroutine.debug1.txt", "leaky/goroutine.debug1.folded"),
        ("stacks.folded.gz", "stacks.folded"),
        ("x.collapsed", "x.folded"),
        ("trace.out", "trace.out.folded"),
        ("heap", "heap.folded"),
        ("dir.v2/.txt", "dir.v2/.txt.folded"),
        ("g.debug2.txt.gz", "g.debug2.folded"),
        ("cpu.pprof", "cpu.folded"),
    ])
    func outputNames(input: String, output: String) {
        #expect(BatchPlan.outputName(for: input, extension: "folded") == output)
    }

    @Test("globs match the relative path, or the last component alone")
    func globs() {
        #expect(Glob.matches("*.pb.gz", "a/b/cpu.pb.gz"))
        #expect(Glob.matches("heap*", "leaky/heap.debug0.pb.gz"))
        #expect(Glob.matches("leaky/*", "leaky/heap.debug0.pb.gz"))
        #expect(!Glob.matches("busy/*", "leaky/heap.debug0.pb.gz"))
        #expect(!Glob.matches("*.txt", "notes.txt.bak"))
    }

    @Test("a recursive walk skips the output directory inside the input, symlinked directories and temp files")
    func walk() throws {
        var template = Array("/tmp/profconv-plan-XXXXXX".utf8CString)
        let root = String(cString: template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!)! })
        for dir in ["a", "a/b", "out"] { mkdir(root + "/" + dir, 0o755) }
        for file in ["z.folded", "a/y.folded", "a/b/x.folded", "out/old.folded", "a/.y.folded.profconv-Ab12Cd"] {
            let fd = open(root + "/" + file, O_CREAT | O_WRONLY, 0o644)
            close(fd)
        }
        symlink(root + "/a", root + "/loop")
        let plan = try BatchPlan(inputDirectory: root, outputDirectory: root + "/./out", outputExtension: "pb.gz",
                                 recursive: true)
        #expect(plan.items.map(\.relativeInput) == ["a/b/x.folded", "a/y.folded", "z.folded"])
        #expect(plan.items.map(\.output) == [root + "/./out/a/b/x.pb.gz", root + "/./out/a/y.pb.gz", root + "/./out/z.pb.gz"])
        let flat = try BatchPlan(inputDirectory: root, outputDirectory: root + "/out", outputExtension: "pb.gz",
                                 recursive: false)
        #expect(flat.items.map(\.relativeInput) == ["z.folded"])
    }
}
