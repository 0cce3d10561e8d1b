import Foundation
import Testing

@Suite("profconv convert, info and formats")
struct ConvertCLITests {
    @Test("the output format follows from the output file's extension; pprof output reads back")
    func extensionAndRoundTrip() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLI.run(["convert", "Fixtures/go1.19/busy/cpu.pb.gz", "-o", dir + "/cpu.folded"])
        #expect(r.status == 0, "\(r.stderr)")
        let folded = try String(contentsOfFile: dir + "/cpu.folded", encoding: .utf8)
        #expect(folded.hasSuffix("\n") && folded.contains("main."))
        #expect(try CLI.run(["convert", dir + "/cpu.folded", "-o", dir + "/again.pb.gz"]).status == 0)
        let back = try CLI.run(["convert", dir + "/again.pb.gz", "--to", "folded"])
        #expect(back.text == folded)
        // No temp files are left beside the outputs.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["again.pb.gz", "cpu.folded"])
    }

    @Test("`.pb` writes raw protobuf, `.pb.gz` gzip")
    func rawOrGzip() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try CLI.run(["convert", "Fixtures/go1.19/leaky/goroutine.debug0.pb.gz", "-o", dir + "/g.pb"])
        _ = try CLI.run(["convert", "Fixtures/go1.19/leaky/goroutine.debug0.pb.gz", "-o", dir + "/g.pb.gz"])
        let raw = try Data(contentsOf: URL(fileURLWithPath: dir + "/g.pb"))
        let gz = try Data(contentsOf: URL(fileURLWithPath: dir + "/g.pb.gz"))
        #expect(raw.first == 0x0A)
        #expect(Array(gz.prefix(2)) == [0x1F, 0x8B])
    }

    @Test("an input's file name reaches sniffing: a .folded file whose first line passes the sniffed prefix reads as folded")
    func pathHint() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = String(repeating: "f;", count: 600_000) + "leaf 1\n"
        for name in ["deep.folded", "deep.bin"] {
            try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        }
        let r = try CLI.run(["convert", dir + "/deep.folded", "--to", "folded"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.text == text)
        #expect(try CLI.run(["convert", dir + "/deep.bin", "--to", "folded"]).status == 1)
    }

    @Test("standard input and output work with `-`")
    func stdio() throws {
        let input = try Data(contentsOf: URL(fileURLWithPath: CLI.fixture("go1.19/leaky/goroutine.debug0.pb.gz")))
        let r = try CLI.run(["convert", "-", "--to", "folded"], stdin: input)
        #expect(r.status == 0)
        let total = r.text.split(separator: "\n").reduce(0) { $0 + Int($1.split(separator: " ").last!)! }
        #expect(total == 2019)
    }

    @Test("several inputs are merged, as pprof merges them")
    func merge() throws {
        let snap = "Fixtures/go1.19/leakgrow/snap1.goroutine.debug0.pb.gz"
        let one = try CLI.run(["info", snap]).text
        #expect(one.contains("total 177"))
        let r = try CLI.run(["convert", snap, snap, "--to", "folded"])
        let total = r.text.split(separator: "\n").reduce(0) { $0 + Int($1.split(separator: " ").last!)! }
        #expect(total == 2 * 177)
    }

    @Test("a sample index that does not exist is refused with the names that do")
    func badSampleIndex() throws {
        let r = try CLI.run(["convert", "Fixtures/go1.19/busy/cpu.pb.gz", "--to", "folded", "--sample-index", "inuse_space"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no sample type named 'inuse_space'; this profile has: samples/count, cpu/nanoseconds"))
    }

    @Test("info describes the profile")
    func info() throws {
        let r = try CLI.run(["info", "Fixtures/go1.19/busy/cpu.pb.gz"])
        #expect(r.status == 0)
        #expect(r.text.contains("format:"))
        #expect(r.text.contains("pprof (gzipped)"))
        #expect(r.text.contains("1: cpu/nanoseconds  total 5.91s  (default)"))
        #expect(r.text.contains("samples:       436"))
    }

    @Test("formats lists every codec with what it can do")
    func formats() throws {
        let r = try CLI.run(["formats"])
        let rows = r.text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(rows.contains { $0.starts(with: ["pprof", "yes", "yes"]) })
        #expect(rows.contains { $0.starts(with: ["folded", "yes", "yes"]) })
    }
}
