import Foundation
import Testing

@Suite("profconv diff")
struct DiffCLITests {
    let snaps = (base: CLI.fixture("go1.19/leakgrow/snap1.goroutine.debug0.pb.gz"),
                 new: CLI.fixture("go1.19/leakgrow/snap3.goroutine.debug0.pb.gz"))

    /// The function of the first row under "Functions" in `diff`'s top output.
    func firstFunction(_ text: String) throws -> String {
        let lines = text.split(separator: "\n")
        let header = try #require(lines.firstIndex { $0.hasPrefix("flat base") })
        return try #require(lines[header + 1].split(separator: " ").last.map(String.init))
    }

    @Test("two goroutine profiles are compared without Go's runtime frames: flat Δ names the function waited in")
    func goroutineRuntimeHidden() throws {
        let r = try CLI.run(["diff", snaps.base, snaps.new, "-n", "0"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try firstFunction(r.text) == "main.leakRecv")
        #expect(!r.text.contains("runtime.gopark"))
        #expect(r.stderr.contains("Go runtime frames hidden on both sides"))
    }

    @Test("--keep-runtime keeps them")
    func keepRuntime() throws {
        let r = try CLI.run(["diff", snaps.base, snaps.new, "--keep-runtime"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try firstFunction(r.text) == "runtime.gopark")
        #expect(!r.stderr.contains("hidden"))
    }

    @Test("CPU profiles keep their runtime frames")
    func cpuKeepsRuntime() throws {
        let cpu = CLI.fixture("go1.19/busy/cpu.pb.gz")
        let r = try CLI.run(["diff", cpu, cpu, "-n", "0"])
        #expect(r.status == 0 && !r.stderr.contains("hidden"), "\(r.stderr)")
    }

    @Test("the report's diff page of goroutine profiles hides them too, and says so")
    func reportDiffPage() throws {
        let r = try CLI.run(["report", snaps.new, "--diff-base", snaps.base])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.text.contains("runtime.gopark") && r.text.contains("main.leakRecv"))
        #expect(r.text.contains("Go runtime frames hidden on both sides, as debug=1 hides them (--keep-runtime keeps them)"))
        let kept = try CLI.run(["report", snaps.new, "--diff-base", snaps.base, "--keep-runtime"])
        #expect(kept.status == 0 && kept.text.contains("runtime.gopark"))
    }
}
