#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// The built binary, launched: what the in-process runs of every other
/// suite stand for, and what only a process shows.
@Suite("the binary, end to end")
struct EndToEndTests {
    @Test("in process or launched, a command prints the same and exits with the same status", arguments: [
        ["top", "Fixtures/go1.19/busy/cpu.pb.gz", "-n", "3"],
        ["convert", "Fixtures/bad/truncated-protobuf.pb", "--to", "folded"],
        ["convert", "Fixtures/go1.19/busy/cpu.pb.gz"],
        ["convert", "Fixtures/go1.19/leaky/heap.debug0.pb.gz", "--to", "folded", "-cum"],
        ["convert", "--help"],
        ["--version"],
        ["formats"],
    ])
    func inProcessIsTheBinary(_ args: [String]) throws {
        let launched = try CLI.launch(args), inProcess = try CLI.run(args)
        #expect(inProcess.status == launched.status)
        #expect(inProcess.stdout == launched.stdout)
        #expect(inProcess.stderr == launched.stderr)
    }

    @Test("exit status 0 for success and help, 1 for a failed input, 64 for a usage error")
    func exitStatuses() throws {
        #expect(try CLI.launch(["info", "Fixtures/go1.19/busy/cpu.pb.gz"]).status == 0)
        #expect(try CLI.launch(["--help"]).status == 0)
        #expect(try CLI.launch(["info", "Fixtures/bad/garbage.bin"]).status == 1)
        #expect(try CLI.launch(["info"]).status == 64)
    }

    @Test("the README's main job: a goroutine profile to a flame graph")
    func readmeMainJob() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLI.launch(["flamegraph", "Fixtures/go1.19/leaky/goroutine.debug1.txt", "-o", dir + "/goroutines.svg"])
        #expect(r.status == 0 && r.stdout.isEmpty && r.stderr.isEmpty, "\(r.stderr)")
        let svg = try String(contentsOfFile: dir + "/goroutines.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") && svg.contains("main.leakForever"))
    }

    @Test("a reader that goes away (`| head`) ends profconv as SIGPIPE would, without a message")
    func brokenPipe() throws {
        // 150 KB of output: more than a pipe holds, so a write meets the closed pipe.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", "'\(CLI.binary)' generate --kind goroutines --size small | head -c 10 >/dev/null; echo ${PIPESTATUS[0]}"]
        p.currentDirectoryURL = URL(fileURLWithPath: CLI.root)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let status = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let messages = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(status == "\(128 + SIGPIPE)\n")
        #expect(messages.isEmpty)
    }
}
