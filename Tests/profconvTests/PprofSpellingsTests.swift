import Foundation
import Testing

/// Habits from `go tool pprof` carry over: its spellings are hidden aliases.
@Suite("go tool pprof's option spellings")
struct PprofSpellingsTests {
    let heap = "Fixtures/go1.19/leaky/heap.debug0.pb.gz"

    @Test("top -sample_index=alloc_space -nodecount=5 prints what --sample-index alloc_space -n 5 prints")
    func sampleIndexAndNodecount() throws {
        let pprof = try CLI.run(["top", "-sample_index=alloc_space", "-nodecount=5", heap])
        let ours = try CLI.run(["top", "--sample-index", "alloc_space", "-n", "5", heap])
        #expect(pprof.status == 0, "\(pprof.stderr)")
        #expect(pprof.text == ours.text)
        #expect(pprof.text.contains("Type: alloc_space"))
    }

    @Test("single- and double-dash spellings, with = or a separate value", arguments: [
        (["-cum", "-focus=main\\."], ["--cum", "--focus", "main\\."]),
        (["--sample_index", "0", "-flat"], ["--sample-index", "0"]),
        (["-lines", "-hide", "runtime"], ["--granularity", "lines", "--hide", "runtime"]),
        (["-show_from=main", "-tagfocus=bytes=1kb:"], ["--show-from", "main", "--tagfocus", "bytes=1kb:"]),
    ])
    func spellings(pprof: [String], ours: [String]) throws {
        let a = try CLI.run(["top"] + pprof + [heap]), b = try CLI.run(["top"] + ours + [heap])
        #expect(a.status == 0 && a.text == b.text, "\(a.stderr)")
    }

    @Test("-diff_base and -base compare with a base profile, as --diff-base does")
    func diffBase() throws {
        let base = "Fixtures/go1.19/leakgrow/snap1.goroutine.debug0.pb.gz", new = "Fixtures/go1.19/leakgrow/snap3.goroutine.debug0.pb.gz"
        let ours = try CLI.run(["top", "--diff-base", base, new]).text
        #expect(try CLI.run(["top", "-diff_base", base, new]).text == ours)
        #expect(try CLI.run(["top", "-base=" + base, new]).text == ours)
        #expect(ours.contains("main.leakRecv"))
    }

    @Test("an option the command does not have is refused in profconv's error style")
    func refused() throws {
        let r = try CLI.run(["convert", heap, "--to", "folded", "-cum"])
        #expect(r.status != 0)
        #expect(r.stderr.hasPrefix("profconv: error: "))
        #expect(r.stderr.contains("--cum"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test("pprof's options and commands profconv lacks say what to use instead, in the one error line (issue 28, point 18)", arguments: [
        (["top", "-http=:8080", "Fixtures/go1.19/busy/cpu.pb.gz"], "(-http is go tool pprof's; here, profconv report FILE -o page.html"),
        (["top", "-list", "main", "Fixtures/go1.19/busy/cpu.pb.gz"], "(-list is go tool pprof's; here, profconv top --focus REGEX --granularity lines"),
        (["top", "-peek=main", "Fixtures/go1.19/busy/cpu.pb.gz"], "(-peek is go tool pprof's; here, profconv top --focus REGEX --cum"),
        (["web", "Fixtures/go1.19/busy/cpu.pb.gz"], "(web is go tool pprof's; here, profconv report FILE -o page.html"),
    ])
    func habits(_ args: [String], _ says: String) throws {
        let r = try CLI.run(args)
        #expect(r.status == 64)
        #expect(r.stderr.contains(says), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }
}
