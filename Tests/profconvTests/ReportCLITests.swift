import Foundation
import Testing

@Suite("profconv report")
struct ReportCLITests {
    /// The JSON of a page's data block.
    func data(_ html: String) throws -> [String: Any] {
        let open = "<script type=\"application/json\" id=\"profile-data\">"
        let start = try #require(html.range(of: open)).upperBound
        let end = try #require(html.range(of: "</script>", range: start..<html.endIndex)).lowerBound
        return try #require(try JSONSerialization.jsonObject(with: Data(html[start..<end].utf8)) as? [String: Any])
    }

    @Test("one input gives a profile page; several goroutine snapshots a leak page; --diff-base a diff page")
    func kinds() throws {
        let cpu = try CLI.run(["report", CLI.fixture("go1.19/busy/cpu.pb.gz")])
        #expect(cpu.status == 0, "\(cpu.stderr)")
        #expect(try data(cpu.text)["kind"] as? String == "profile")
        let snaps = (1...3).map { CLI.fixture("go1.19/leakgrow/snap\($0).goroutine.debug1.txt") }
        let leaks = try CLI.run(["report"] + snaps)
        #expect(leaks.status == 0, "\(leaks.stderr)")
        #expect(try data(leaks.text)["kind"] as? String == "leak")
        let diff = try CLI.run(["report", snaps[2], "--diff-base", snaps[0]])
        #expect(diff.status == 0, "\(diff.stderr)")
        let d = try data(diff.text)
        #expect(d["kind"] as? String == "diff" && (d["columns"] as? [Any])?.count == 2)
    }

    @Test("the same inputs give the same bytes")
    func deterministic() throws {
        let snaps = (1...3).map { CLI.fixture("go1.19/leakgrow/snap\($0).goroutine.debug2.txt") }
        let a = try CLI.run(["report"] + snaps), b = try CLI.run(["report"] + snaps)
        #expect(a.status == 0 && a.stdout == b.stdout)
    }

    @Test("an input that is not a profile is one error line naming it, exit 1")
    func badInput() throws {
        let r = try CLI.run(["report", CLI.root + "/Package.swift"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("profconv: error: ") && r.stderr.contains("Package.swift") && r.stderr.split(separator: "\n").count == 1)
    }

    @Test("batch --to report writes a page per input and an index linking them")
    func batch() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/pages"
        let r = try CLI.run(["batch", CLI.fixture("go1.19/busy"), "-o", out, "--to", "report", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files.contains("index.html") && files.contains("cpu.html") && files.count == 8)
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(index.contains("{\"input\":\"cpu.pb.gz\",\"page\":\"cpu.html\"}"))
    }

    @Test("report reads the snapshot times from the names leaks --save writes, as leaks does")
    func savedSnapshotTimes() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let saved = ["goroutine-20261201T191209.000Z.txt", "goroutine-20261201T191309.000Z.txt", "goroutine-20261201T191409.000Z.txt"]
        for (k, name) in saved.enumerated() {
            try FileManager.default.copyItem(atPath: CLI.fixture("go1.19/leakgrow/snap\(k + 1).goroutine.debug2.txt"), toPath: dir + "/" + name)
        }
        let r = try CLI.run(["report"] + saved.map { dir + "/" + $0 })
        #expect(r.status == 0, "\(r.stderr)")
        let page = try data(r.text)
        #expect(page["title"] as? String == "Goroutine leaks: 3 snapshots, \(saved[0]) → \(saved[2])", "the title names the span, not each file")
        let header = try #require(page["header"] as? [[String]])
        #expect(header.first == ["snapshots", dir + "/: " + saved.joined(separator: ", ")], "their directory said once")
        let notes = try #require(page["notes"] as? [String])
        #expect(!notes.contains { $0.contains("not every snapshot records a time") }, "\(notes)")
        let leaks = try CLI.run(["leaks"] + saved.map { dir + "/" + $0 })
        #expect(!leaks.text.contains("not every snapshot records a time"))
    }

    @Test("--granularity lines gives a frame per source line; a granularity the page cannot draw is refused, never ignored")
    func granularity() throws {
        let cpu = CLI.fixture("go1.19/busy/cpu.pb.gz")
        let functions = try data(try CLI.run(["report", cpu]).text), lines = try data(try CLI.run(["report", cpu, "--granularity", "lines"]).text)
        let byFunction = try #require(functions["names"] as? [String]), byLine = try #require(lines["names"] as? [String])
        #expect(byFunction.contains("main.fib") && !byLine.contains("main.fib"))
        #expect(byLine.contains { $0.hasPrefix("main.fib ") && $0.hasSuffix("/busy/main.go:55") })
        #expect((functions["sources"] as? [Any])?.isEmpty == false, "a function page names each function's file:line")
        for g in ["files", "filefunctions", "addresses"] {
            let r = try CLI.run(["report", cpu, "--granularity", g])
            #expect(r.status == 1 && r.stderr.contains("a report page shows functions or source lines, not \(g)"), "\(g): \(r.stderr)")
        }
        let snaps = (1...2).map { CLI.fixture("go1.19/leakgrow/snap\($0).goroutine.debug2.txt") }
        let leak = try CLI.run(["report"] + snaps + ["--granularity", "lines"])
        #expect(leak.status == 1 && leak.stderr.contains("not by --granularity lines"))
    }
}
