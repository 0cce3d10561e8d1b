import Foundation
import Testing

/// Every command reads, transforms and writes through one pipeline: an
/// option acts on every output, or the parser refuses it.
@Suite("one pipeline for every command")
struct PipelineCLITests {
    let cpu = "Fixtures/go1.19/busy/cpu.pb.gz"

    private func total(_ folded: String) -> Int {
        folded.split(separator: "\n").reduce(0) { $0 + Int($1.split(separator: " ").last!)! }
    }

    @Test("--focus filters folded output as it filters top")
    func focusActsOnFolded() throws {
        let all = try CLI.run(["convert", cpu, "--to", "folded"]).text
        let r = try CLI.run(["convert", cpu, "--to", "folded", "--focus", "main\\.fib"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.text.split(separator: "\n")
        #expect(!lines.isEmpty && lines.allSatisfy { $0.contains("main.fib") })
        #expect(total(r.text) < total(all))
    }

    @Test("flamegraph --hide '^runtime\\.' draws no runtime frame")
    func hideActsOnFlameGraph() throws {
        let plain = try CLI.run(["flamegraph", cpu]).text
        #expect(plain.contains("<title>runtime."))
        let hidden = try CLI.run(["flamegraph", cpu, "--hide", "^runtime\\."])
        #expect(hidden.status == 0, "\(hidden.stderr)")
        #expect(!hidden.text.contains("<title>runtime."))
    }

    @Test("a filter that matches nothing is a warning, whatever the output")
    func noMatchWarns() throws {
        let r = try CLI.run(["convert", cpu, "--to", "folded", "--focus", "no-such-function"])
        #expect(r.stderr.contains("profconv: warning: Focus expression matched no samples"))
    }

    @Test("every command that reads lists --from and the read limits in its help", arguments: [
        "convert", "flamegraph", "top", "traces", "info", "diff", "leaks", "batch",
    ])
    func helpListsReadingOptions(command: String) throws {
        let help = try CLI.run([command, "--help"]).text
        for option in ["--from", "--max-inflated-size", "--max-stack-depth", "--max-string-length"] {
            #expect(help.contains(option), "\(command) --help lacks \(option)")
        }
    }

    @Test("an unknown --from is one error line, before anything is read")
    func unknownFrom() throws {
        let r = try CLI.run(["info", "--from", "bogus", cpu])
        #expect(r.status != 0)
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.hasPrefix("profconv: error: unknown input format 'bogus'"))
    }

    @Test("an option of another output format is refused, not ignored", arguments: [
        ["convert", "Fixtures/go1.19/busy/cpu.pb.gz", "--to", "folded", "--title", "x"],
        ["convert", "Fixtures/go1.19/busy/cpu.pb.gz", "--to", "flamegraph", "--nodecount", "3"],
        ["convert", "Fixtures/go1.19/busy/cpu.pb.gz", "--to", "pprof", "--lines"],
        ["diff", "Fixtures/go1.19/busy/cpu.pb.gz", "Fixtures/go1.19/busy/cpu.pb.gz", "--to", "folded", "-n", "3"],
        ["batch", "Fixtures/go1.19/busy", "-o", "never-written", "--to", "top", "--colors", "go"],
    ])
    func refusedOptions(args: [String]) throws {
        let r = try CLI.run(args)
        #expect(r.status != 0)
        #expect(r.stderr.hasPrefix("profconv: error: "), "\(r.stderr)")
        #expect(r.stderr.contains("applies to"))
    }

    @Test("--sample-index on pprof output makes the chosen type the default")
    func sampleIndexOnPprof() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let heap = "Fixtures/go1.19/leaky/heap.debug0.pb.gz"
        #expect(try CLI.run(["convert", heap, "--sample-index", "alloc_space", "-o", dir + "/h.pb.gz"]).status == 0)
        let info = try CLI.run(["info", dir + "/h.pb.gz"]).text
        #expect(info.split(separator: "\n").contains { $0.contains("alloc_space/bytes") && $0.contains("(default)") })
    }

    @Test("batch refuses, and counts as failed, what convert refuses: a 2 MiB frame name")
    func batchHasConvertsLimits() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        let long = "main;" + String(repeating: "x", count: 2 << 20) + " 1\n"
        try long.write(toFile: dir + "/in/long.folded", atomically: true, encoding: .utf8)
        try "main;a 1\n".write(toFile: dir + "/in/ok.folded", atomically: true, encoding: .utf8)
        // (--from: sniffing decides on a prefix shorter than the first line.)
        let convert = try CLI.run(["convert", dir + "/in/long.folded", "--from", "folded", "--to", "folded"])
        #expect(convert.status == 1)
        #expect(convert.stderr.contains("--max-string-length"))
        let batch = try CLI.run(["batch", dir + "/in", "-o", dir + "/out", "--to", "pprof", "--from", "folded"])
        #expect(batch.status == 1)
        #expect(batch.stderr.contains("long.folded"))
        #expect(FileManager.default.fileExists(atPath: dir + "/out/ok.pb.gz"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/long.pb.gz"))
        // The same option raises the limit for both.
        let raised = try CLI.run(["batch", dir + "/in", "-o", dir + "/out2", "--to", "pprof", "--from", "folded",
                                  "--max-string-length", "4000000"])
        #expect(raised.status == 0, "\(raised.stderr)")
    }

    @Test("filters act in batch as in convert")
    func batchFilters() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLI.run(["batch", "Fixtures/go1.19/busy", "-o", dir, "--to", "folded", "--include", "cpu.pb.gz",
                             "--focus", "main\\.fib"])
        #expect(r.status == 0, "\(r.stderr)")
        let folded = try String(contentsOfFile: dir + "/cpu.folded", encoding: .utf8)
        let direct = try CLI.run(["convert", cpu, "--to", "folded", "--focus", "main\\.fib"]).text
        #expect(folded == direct)
    }

    @Test("a palette file is read once and written once, even by parallel batch jobs")
    func paletteFileOnce() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLI.run(["batch", "Fixtures/go1.19/busy", "-o", dir + "/svg", "--to", "flamegraph", "--jobs", "2",
                             "--include", "*.pb.gz", "--palette-file", dir + "/palette.map"])
        #expect(r.status == 0, "\(r.stderr)")
        let map = try String(contentsOfFile: dir + "/palette.map", encoding: .utf8)
        #expect(map.contains("main.fib->rgb("))  // from the CPU profile
        #expect(map.contains("main.main->rgb("))
        let names = map.split(separator: "\n").map { $0.split(separator: ">").first! }
        #expect(names == names.sorted() && Set(names).count == names.count)
    }
}

@Suite("--hide-runtime in every command")
struct HideRuntimeCLITests {
    /// Goroutines that differ between two back-to-back captures: the HTTP
    /// server's own, and one caught while exiting.
    static func stable(_ folded: String) -> [Substring] {
        folded.split(separator: "\n").filter { !$0.contains("net/http") && !$0.hasPrefix("[no stack]") }.sorted()
    }

    @Test("convert X.debug0 --hide-runtime --to folded shows what Go's debug=1 page shows", arguments: [
        "go1.19/leaky/goroutine", "go1.19/leakgrow/snap1.goroutine",
    ])
    func debug0LikeDebug1(capture: String) throws {
        let hidden = try CLI.run(["convert", "Fixtures/\(capture).debug0.pb.gz", "--hide-runtime", "--to", "folded"])
        let debug1 = try CLI.run(["convert", "Fixtures/\(capture).debug1.txt", "--to", "folded"])
        #expect(hidden.status == 0, "\(hidden.stderr)")
        let a = Self.stable(hidden.text), b = Self.stable(debug1.text)
        #expect(!a.isEmpty && a.filter { !$0.contains("main.worker") && !$0.contains("main.handleRequest") && !$0.contains("main.spawnWorkers") }
                == b.filter { !$0.contains("main.worker") && !$0.contains("main.handleRequest") && !$0.contains("main.spawnWorkers") })
        #expect(!hidden.text.contains("runtime.gopark"))
    }
}
