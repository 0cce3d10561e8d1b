import Foundation
import Testing

@Suite("profconv --binary")
struct BinaryCLITests {
    static let debug1 = "Fixtures/symbolize/goroutine.debug1.txt"
    static let binary = "Fixtures/symbolize/blocked"

    @Test("--binary names the runtime frames: the debug=1 capture converts to its debug=0 twin's folded stacks")
    func names() throws {
        let symbolized = try CLI.run(["convert", Self.debug1, "--binary", Self.binary, "--to", "folded"])
        #expect(symbolized.status == 0 && symbolized.stderr.isEmpty, "\(symbolized.stderr)")
        let d0 = try CLI.run(["convert", "Fixtures/symbolize/goroutine.debug0.pb.gz", "--to", "folded"])
        #expect(symbolized.text == d0.text)
        #expect(!symbolized.text.contains("0x"))
        // Any command: top names the leaf where the goroutines wait.
        let top = try CLI.run(["top", Self.debug1, "--binary", Self.binary])
        #expect(top.text.contains("runtime.gopark"))
    }

    @Test("go tool pprof's positional form: `top BINARY PROFILE` when the first input is an ELF file")
    func positional() throws {
        let flag = try CLI.run(["top", Self.debug1, "--binary", Self.binary])
        let positional = try CLI.run(["top", Self.binary, Self.debug1])
        #expect(positional.status == 0, "\(positional.stderr)")
        #expect(positional.text == flag.text)
    }

    @Test("a binary that is not the profile's, or not ELF, is one error line and exit 1")
    func refused() throws {
        for wrong in ["/bin/ls", Self.debug1, "Fixtures/no-such-binary"] {
            let r = try CLI.run(["convert", Self.debug1, "--binary", wrong, "--to", "folded"])
            #expect(r.status == 1 && r.stdout.isEmpty)
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            #expect(r.stderr.hasPrefix("profconv: error: \(wrong)"), "\(r.stderr)")
        }
    }
}

@Suite("profconv batch --binary")
struct BatchBinaryCLITests {
    @Test("a symbolizer warning is printed whole after the input's name, not cut by the name's length")
    func warningWhole() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try copyFixture("symbolize/goroutine.debug1.txt", to: dir + "/in/g.txt")
        let tinyC = CLI.fixture("fuzz-seeds/elf/tiny-c")
        let r = try CLI.run(["batch", dir + "/in", "-o", dir + "/out", "--to", "folded",
                             "--binary", BinaryCLITests.binary, "--binary", tinyC])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("profconv: warning: \(dir)/in/g.txt: \(tinyC) matches no mapping of the profile (by build ID or file name), so it names nothing\n"),
                "\(r.stderr)")
    }
}
