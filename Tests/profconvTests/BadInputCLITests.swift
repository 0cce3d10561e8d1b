#if canImport(Glibc)
import Glibc
#endif
import Foundation
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
    @Test("each file of Fixtures/bad/ gives one error line with file and place, and exit status 1", arguments: [
        ("empty.pb.gz", "the input is empty (byte 0)"),
        ("one-byte.bin", "not a profile profconv can read (it starts with bytes 1f); use --from to name the format, `profconv formats` lists them (byte 0)"),
        ("truncated-gzip.pb.gz", "gzip data is truncated (byte 4017)"),
        ("bad-crc.pb.gz", "gzip data is corrupt: incorrect data check (byte 68)"),
        ("gzip-of-garbage.pb.gz", "not a profile profconv can read (it starts with bytes ed bf 88 46 5f 03 ad ed 29 ab 14 c2 56 e7 d8 50); use --from to name the format, `profconv formats` lists them (after gunzip) (byte 0)"),
        ("zeros-4gib.pb.gz", "not a profile profconv can read (it starts with bytes 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00); use --from to name the format, `profconv formats` lists them (after gunzip) (byte 0)"),
        ("truncated-protobuf.pb", "protobuf length 17 runs past the end of the data (byte 9394)"),
        ("cut-mid-varint.pb", "protobuf varint is cut off by the end of the data (byte 58)"),
        ("varint-11-bytes.pb", "protobuf varint is longer than 10 bytes (byte 58)"),
        ("wrong-wire-type.pb", "protobuf field 1 of Profile should be a message but has wire type 0 (byte 58)"),
        ("string-index-out-of-range.pb", "function name refers to string 99, but the string table has 4 entries (byte 26)"),
        ("dangling-location.pb.gz", "sample 1 refers to location id 42, which does not exist (after gunzip) (byte 6)"),
        ("dangling-function.pb", "a line of location 1 refers to function id 7, which does not exist (byte 18)"),
        ("dangling-mapping.pb", "location 1 refers to mapping id 5, which does not exist (byte 14)"),
        ("duplicate-function-id.pb", "two functions have the same id 1 (byte 36)"),
        ("values-mismatch.pb", "sample 1 has 1 values but the profile has 2 sample types (byte 12)"),
        ("huge-count.folded", "the count 1000000000000000000000000000000 does not fit in a 64-bit integer (line 1)"),
        ("garbage.bin", "not a profile profconv can read (it starts with bytes 89 91 f0 95 68 ce 6d ff f9 4f 03 11 04 2f 54 24); use --from to name the format, `profconv formats` lists them (byte 0)"),
        ("image.png", "not a profile profconv can read (it looks like a PNG image); use --from to name the format, `profconv formats` lists them (byte 0)"),
    ])
    func refused(_ fixture: (String, String)) throws {
        let r = try CLI.run(["convert", "Fixtures/bad/" + fixture.0, "--to", "folded"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "profconv: error: Fixtures/bad/\(fixture.0): \(fixture.1)\n")
    }

    @Test("a 4 MB gzip of 4 GiB of zeros is refused in under 2 s of CPU and 150 MB of memory")
    func gzipBombIsCheap() throws {
        let times = FileManager.default.temporaryDirectory.appendingPathComponent("profconv-bomb-\(getpid()).time").path
        defer { try? FileManager.default.removeItem(atPath: times) }
        let r = try CLI.run(["convert", "Fixtures/bad/zeros-4gib.pb.gz", "--to", "folded"],
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

    @Test("Go debug=1 text without its header, or with a count that is not a number, is refused with the line")
    func debug1Errors() throws {
        let missing = try CLI.run(["convert", "Fixtures/bad/debug1-missing-header.txt", "--from", "debug1", "--to", "folded"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "profconv: error: Fixtures/bad/debug1-missing-header.txt: not a Go debug=1 profile: the first line should be `NAME profile: total N`, `heap profile: …`, `--- contention:` or `--- mutex:`, not \"1000 @ 0x43b256 0x44a88c 0x6708d7 0x46b161\" (line 1)\n")
        let badCount = try CLI.run(["convert", "Fixtures/bad/debug1-bad-count.txt", "--to", "folded"])
        #expect(badCount.status == 1)
        #expect(badCount.stderr == "profconv: error: Fixtures/bad/debug1-bad-count.txt: unexpected line in a Go debug=1 profile: \"three @ 0x43b256 0x44a88c\" (line 2)\n")
    }

    @Test("a goroutine dump cut inside a frame keeps the frames read so far, with a warning")
    func debug2Cut() throws {
        let r = try CLI.run(["convert", "Fixtures/bad/debug2-cut-mid-frame.txt", "--to", "folded"])
        #expect(r.status == 0)
        #expect(r.text == "main.main 1\nmain.worker 1\n")
        #expect(r.stderr == "profconv: warning: Fixtures/bad/debug2-cut-mid-frame.txt: the dump ends in the middle of goroutine record at line 5 (cut off); it is kept with the frames read so far\n")
    }

    @Test("malformed frames, saturating sums and control characters in names: read, with one warning line naming the place", arguments: [
        ("debug2-malformed-frame.txt", "main.root;main.leaf 1\n",
         "line 4: left out the malformed frame \"main.main)(\" (a frame line is `function(arguments)`)"),
        ("folded-saturating.folded", "main;a 9223372036854775807\n",
         "line 2: the counts sum past 9223372036854775807, the largest 64-bit count; totals and merged stacks stop there (saturate)"),
        ("folded-control-chars.folded", "main;\u{FFFD}[31mred\u{FFFD}[0m 1\nmain;nel\u{FFFD}del\u{FFFD} 4\nmain;tab\u{FFFD}here 2\n", nil),
    ] as [(String, String, String?)])
    func readWithWarning(_ fixture: (String, String, String?)) throws {
        let r = try CLI.run(["convert", "Fixtures/bad/" + fixture.0, "--to", "folded"])
        #expect(r.status == 0)
        #expect(r.text == fixture.1)
        #expect(r.stderr == (fixture.2.map { "profconv: warning: Fixtures/bad/\(fixture.0): \($0)\n" } ?? ""))
    }

    @Test("folded text without a single count is refused even when named with --from")
    func noCounts() throws {
        let r = try CLI.run(["convert", "Fixtures/bad/no-counts.folded", "--from", "folded", "--to", "folded"])
        #expect(r.status == 1)
        #expect(r.stderr == "profconv: error: Fixtures/bad/no-counts.folded: no line has a count, so this is not folded stacks (2 lines like \"main;work;leaf\") (line 1)\n")
        // Its `.folded` name alone makes it folded: the same error.
        #expect(try CLI.run(["convert", "Fixtures/bad/no-counts.folded", "--to", "folded"]).stderr == r.stderr)
    }

    @Test("a negative count is a warning; the other lines are converted")
    func negativeCount() throws {
        let r = try CLI.run(["convert", "Fixtures/bad/negative-count.folded", "--to", "folded"])
        #expect(r.status == 0)
        #expect(r.text == "main;work 3\n")
        #expect(r.stderr == "profconv: warning: Fixtures/bad/negative-count.folded: skipped 1 line without a valid count (line 2; first: \"main;idle -5\")\n")
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

        let r = try CLI.run(["convert", "--max-inflated-size", "33554432", "--from", "folded", bomb, "--to", "folded"],
                            via: ["/usr/bin/time", "-f", "%U %S %M", "-o", dir + "/rss"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("profconv: error: \(bomb): gzip data inflates to more than 33554432 bytes; raise the limit with --max-inflated-size if this file is genuine (byte "))
        // GNU time writes "Command exited with non-zero status 1" first, the figures last.
        let report = try String(contentsOfFile: dir + "/rss", encoding: .utf8)
        let fields = try #require(report.split(separator: "\n").last?.split(separator: " "), "\(report)")
        let kib = try #require(Int(fields[2]), "\(report)")
        #expect(kib < 100 * 1024, "peak RSS \(kib) KiB")
        // CPU time, not wall time: other builds on a shared machine stretch the latter.
        let cpuSeconds = (Double(fields[0]) ?? 99) + (Double(fields[1]) ?? 99)
        #expect(cpuSeconds < 1, "took \(cpuSeconds) s of CPU")
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
        #expect(r.stderr == "profconv: error: /nonexistent-dir/cpu.folded: cannot create a file beside the output: No such file or directory\n")
    }

    @Test("an output in a read-only directory is reported in one line, with no temp file",
          .disabled(if: geteuid() == 0, "root ignores directory permissions"))
    func readOnlyDirectory() throws {
        let dir = try CLI.tempDir()
        defer { chmod(dir, 0o755); try? FileManager.default.removeItem(atPath: dir) }
        chmod(dir, 0o555)
        let r = try CLI.run(["convert", "Fixtures/go1.19/busy/cpu.pb.gz", "-o", dir + "/cpu.folded"])
        #expect(r.status == 1)
        #expect(r.stderr == "profconv: error: \(dir)/cpu.folded: cannot create a file beside the output: Permission denied\n")
        #expect(try tempFiles(in: dir).isEmpty)
    }
}
