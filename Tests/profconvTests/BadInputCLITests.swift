#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ProfileTestSupport
import Testing

/// Runs `bash -c script` and returns its exit status.
@discardableResult
private func shell(_ script: String) throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/bash")
    p.arguments = ["-c", script]
    try p.run()
    p.waitUntilExit()
    return p.terminationStatus
}

/// Files in `dir` whose names mark them as profconv's temp files.
private func tempFiles(in dir: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".profconv-") }
}

@Suite("Hostile inputs and failing outputs at the command line")
struct BadInputCLITests {
    @Test("profconv convert gives, for each file of Fixtures/bad/, one line and the exit status expected.tsv says", arguments: BadFixture.all)
    func table(_ row: BadFixture) throws {
        let r = try CLI.run(["convert", "Fixtures/bad/" + row.file] + (row.from.map { ["--from", $0] } ?? []) + ["--to", "folded"])
        let line = row.message.map { "profconv: \(row.outcome == .error ? "error" : "warning"): Fixtures/bad/\(row.file): \($0)\n" }
        #expect(r.stderr == line ?? "")
        #expect(r.status == (row.outcome == .error ? 1 : 0))
        if row.outcome == .error { #expect(r.stdout.isEmpty) }
        if let folded = row.folded { #expect(r.text == folded) }
    }

    @Test("a 4 MB gzip of 4 GiB of zeros is refused in under 2 s of CPU and 150 MB of memory")
    func gzipBombIsCheap() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let times = dir + "/time"
        let r = try CLI.launch(["convert", "Fixtures/bad/zeros-4gib.pb.gz", "--to", "folded"],
                            via: ["/usr/bin/time", "-f", "%U %S %M", "-o", times])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("profconv: error: Fixtures/bad/zeros-4gib.pb.gz: not a profile"))
        // GNU time writes "Command exited with non-zero status 1" first, the figures last.
        let fields = try String(contentsOfFile: times, encoding: .utf8)
            .split(separator: "\n").last!.split(separator: " ")
        // CPU time, not wall time: other builds on the machine stretch the latter.
        let cpuSeconds = Double(fields[0])! + Double(fields[1])!, peakKB = Int(fields[2])!
        #expect(cpuSeconds < 2, "\(cpuSeconds) s of CPU (25 s before the start check)")
        #expect(peakKB < 150_000, "peak RSS \(peakKB) KB (2.1 GB before the start check)")
    }

    @Test("stack depth and string length limits name the option that raises them")
    func limits() throws {
        let deep = try CLI.run(["convert", "-", "--to", "folded", "--max-stack-depth", "5"],
                               stdin: Data("a;b;c;d;e;f 1\n".utf8))
        #expect(deep.status == 1)
        #expect(deep.stderr == "profconv: error: <stdin>: sample 1 has 6 frames, more than the limit of 5; raise it with --max-stack-depth if this file is genuine\n")
        let long = try CLI.run(["convert", "Fixtures/bad/hostile-names.folded", "--to", "folded", "--max-string-length", "1000"])
        #expect(long.status == 1)
        #expect(long.stderr.hasPrefix("profconv: error: Fixtures/bad/hostile-names.folded: string "))
        #expect(long.stderr.hasSuffix(" is 65536 bytes long, more than the limit of 1000 bytes; raise it with --max-string-length if this file is genuine\n"))
        // The defaults accept the 64 KiB name.
        #expect(try CLI.run(["convert", "Fixtures/bad/hostile-names.folded", "--to", "folded"]).status == 0)
    }

    @Test("a 10 MB gzip bomb that starts like folded text stops at the inflate limit within a second, in under 100 MB")
    func gzipBomb() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A folded line, then 100 gzip members of 100 MiB of zeros each: ~10 MB
        // that inflate to ~10 GiB. With --from folded, the first inflated byte
        // ('m') passes the start check, so only the limit stops it.
        let member = dir + "/member.gz", bomb = dir + "/bomb.pb.gz"
        try shell("head -c 104857600 /dev/zero | gzip -9 > \(member) && { echo 'main;f 1' | gzip; for i in $(seq 100); do cat \(member); done; } > \(bomb)")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: bomb)[.size] as? Int)
        #expect(size > 9_000_000 && size < 12_000_000)

        let r = try CLI.launch(["convert", "--max-inflated-size", "33554432", "--from", "folded", bomb, "--to", "folded"],
                            via: ["/usr/bin/time", "-f", "%U %S %M", "-o", dir + "/rss"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("profconv: error: \(bomb): gzip data inflates to more than 33554432 bytes; raise the limit with --max-input-size if this file is genuine (byte "))
        // GNU time writes "Command exited with non-zero status 1" first, the figures last.
        let report = try String(contentsOfFile: dir + "/rss", encoding: .utf8)
        let fields = try #require(report.split(separator: "\n").last?.split(separator: " "), "\(report)")
        let kib = try #require(Int(fields[2]), "\(report)")
        #expect(kib < 100 * 1024, "peak RSS \(kib) KiB")
        // CPU time, not wall time: other builds on a shared machine stretch the latter.
        let cpuSeconds = (Double(fields[0]) ?? 99) + (Double(fields[1]) ?? 99)
        #expect(cpuSeconds < 1, "took \(cpuSeconds) s of CPU")
    }

    @Test("an endless stream of no profile (/dev/zero, a pipe of zeros) is refused after its first MiB, in one line")
    func endlessStreams() throws {
        let device = try CLI.launch(["convert", "/dev/zero", "--to", "folded"], via: ["/usr/bin/timeout", "20"])
        #expect(device.status == 1)
        #expect(device.stderr.hasPrefix("profconv: error: /dev/zero: not a profile"), "\(device.stderr)")
        #expect(device.stderr.split(separator: "\n").count == 1)
        let pipe = try CLI.launch(["top", "-"], via: ["/bin/sh", "-c", "head -c 1000000000 /dev/zero | timeout 20 \"$0\" \"$@\""])
        #expect(pipe.status == 1)
        #expect(pipe.stderr.hasPrefix("profconv: error: <stdin>: not a profile"), "\(pipe.stderr)")
    }

    @Test("--max-input-size caps files and streams as it caps gzip: one line naming the limit and the option")
    func inputSizeCap() throws {
        let folded = Data(String(repeating: "main;work 1\n", count: 200).utf8)
        let hint = "the input is larger than 1000 bytes, the most accepted; raise the limit with --max-input-size if this file is genuine\n"
        let fromStdin = try CLI.run(["top", "--max-input-size", "1000", "-"], stdin: folded)
        #expect(fromStdin.status == 1)
        #expect(fromStdin.stderr == "profconv: error: <stdin>: " + hint)
        let dir = try CLI.tempDir()
        try folded.write(to: URL(fileURLWithPath: dir + "/big.folded"))
        let fromFile = try CLI.run(["top", "--max-inflated-size", "1000", dir + "/big.folded"])
        #expect(fromFile.stderr == "profconv: error: \(dir)/big.folded: " + hint)
        #expect(try CLI.run(["top", "--max-input-size", "100000", dir + "/big.folded"]).status == 0)
    }

    @Test("writing to a full device fails in one line with exit status 1, leaving the device alone", arguments: [
        ["convert", "Fixtures/go1.19/busy/cpu.pb.gz", "--to", "folded", "-o", "/dev/full"],
        ["flamegraph", "Fixtures/go1.19/busy/cpu.pb.gz", "-o", "/dev/full"],
    ])
    func fullDevice(_ args: [String]) throws {
        let r = try CLI.run(args)
        #expect(r.status == 1)
        #expect(r.stderr == "profconv: error: /dev/full: cannot write: No space left on device\n")
        var st = stat()
        #expect(stat("/dev/full", &st) == 0 && (st.st_mode & S_IFMT) == S_IFCHR)
    }

    @Test("a write error half way leaves neither the output nor a temp file")
    func fileTooLarge() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A 4 KiB file size limit makes write(2) fail with EFBIG part way through.
        let status = try shell("""
            trap '' XFSZ; ulimit -f 4
            exec '\(CLI.binary)' convert '\(CLI.fixture("go1.19/busy/cpu.pb.gz"))' -o '\(dir)/cpu.svg' --to flamegraph 2>'\(dir)/err'
            """)
        #expect(status == 1)
        #expect(try String(contentsOfFile: dir + "/err", encoding: .utf8) == "profconv: error: \(dir)/cpu.svg: cannot write: File too large\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["err"])
    }

    @Test("an output in a missing directory is reported in one line")
    func missingDirectory() throws {
        let r = try CLI.run(["convert", "Fixtures/go1.19/busy/cpu.pb.gz", "-o", "/nonexistent-dir/cpu.folded"])
        #expect(r.status == 1)
        #expect(r.stderr == "profconv: error: /nonexistent-dir/cpu.folded: the directory /nonexistent-dir does not exist\n")
    }

    @Test("an output in a read-only directory is reported in one line, with no temp file",
          .disabled(if: geteuid() == 0, "root ignores directory permissions"))
    func readOnlyDirectory() throws {
        let dir = try CLI.tempDir()
        defer { chmod(dir, 0o755); try? FileManager.default.removeItem(atPath: dir) }
        chmod(dir, 0o555)
        let r = try CLI.run(["convert", "Fixtures/go1.19/busy/cpu.pb.gz", "-o", dir + "/cpu.folded"])
        #expect(r.status == 1)
        #expect(r.stderr == "profconv: error: \(dir)/cpu.folded: no permission to create files in \(dir)\n")
        #expect(try tempFiles(in: dir).isEmpty)
    }
}

