#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// A directory's files with their bytes and modification times.
struct TreeSnapshot: Equatable {
    var files: [String: Data] = [:]
    var modified: [String: Date] = [:]

    init(_ root: String) throws {
        let fm = FileManager.default
        for case let relative as String in fm.enumerator(atPath: root)! {
            let path = root + "/" + relative
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else { continue }
            files[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
            modified[relative] = try fm.attributesOfItem(atPath: path)[.modificationDate] as? Date
        }
    }
}

/// Files under `root` (relative paths, sorted), optionally only those whose name contains `marker`.
func listFiles(_ root: String, containing marker: String? = nil) -> [String] {
    let all = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String]) ?? []
    return all.filter { rel in
        var isDir: ObjCBool = false
        FileManager.default.fileExists(atPath: root + "/" + rel, isDirectory: &isDir)
        return !isDir.boolValue && (marker == nil || rel.contains(marker!))
    }.sorted()
}

func copyFixture(_ relative: String, to path: String) throws {
    try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: CLI.fixture(relative), toPath: path)
}

@Suite("profconv batch")
struct BatchTests {
    /// A directory mixing every kind of input: pprof, Go text (debug=1 and
    /// debug=2), folded plain and gzipped, a corrupt pprof, a PNG and a text note.
    static func mixedInputs() throws -> String {
        let dir = try CLI.tempDir() + "/in"
        try copyFixture("go1.19/leaky/goroutine.debug0.pb.gz", to: dir + "/goroutine.pb.gz")
        try copyFixture("go1.19/leaky/heap.debug0.pb.gz", to: dir + "/heap.debug0.pb.gz")
        try copyFixture("go1.19/busy/cpu.pb.gz", to: dir + "/nested/deeper/cpu.pb.gz")
        try copyFixture("go1.19/leaky/goroutine.debug1.txt", to: dir + "/goroutine.debug1.txt")
        try copyFixture("go1.19/leaky/goroutine.debug2.txt", to: dir + "/nested/goroutine.debug2.txt")
        let folded = "main;work;compute 30\nmain;idle 5\n"
        try Data(folded.utf8).write(to: URL(fileURLWithPath: dir + "/stacks.folded"))
        let gz = Process()
        gz.executableURL = URL(fileURLWithPath: "/bin/sh")
        gz.arguments = ["-c", "printf 'a;b 2\\na;c 1\\n' | gzip -n > '\(dir)/nested/zipped.folded.gz'"]
        try gz.run()
        gz.waitUntilExit()
        try Data("heap profile notes: these are plain words about a capture, not a profile at all.\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/notes.txt"))
        let cpu = try Data(contentsOf: URL(fileURLWithPath: CLI.fixture("go1.19/busy/cpu.pb.gz")))
        try cpu.prefix(cpu.count / 2).write(to: URL(fileURLWithPath: dir + "/corrupt.pb.gz"))
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array(repeating: 7, count: 40))
            .write(to: URL(fileURLWithPath: dir + "/nested/picture.png"))
        return dir
    }

    /// Whether profconv reads `path` on its own (Go text readers may not exist yet).
    static func readable(_ path: String) throws -> Bool {
        try CLI.run(["info", path]).status == 0
    }

    @Test("a file name holding a newline and a terminal escape cannot forge a summary line or reach the terminal")
    func controlCharactersInNames() throws {
        let dir = try CLI.tempDir()
        let evil = "evil\u{1B}]0;OWNED\u{07}\nfailed  forged.txt"
        try "garbage\u{1B}[2J\n".write(toFile: dir + "/" + evil, atomically: true, encoding: .utf8)
        try "main;a 1\n".write(toFile: dir + "/ok.folded", atomically: true, encoding: .utf8)

        let r = try CLI.run(["batch", dir, "-o", dir + "/out", "--to", "pprof"])

        #expect(r.status == 0)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.contains("  skipped \"evil\\x1b]0;OWNED\\x07\\nfailed  forged.txt\": not a profile"))
        #expect(!lines.contains { $0.hasPrefix("failed") })
        #expect(!r.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    @Test("a mixed directory: good inputs converted, the corrupt one failed by name, the PNG skipped, exit 1, inputs untouched")
    func mixedDirectory() throws {
        let input = try Self.mixedInputs()
        let output = input + "/../out"
        let before = try TreeSnapshot(input)
        let report = input + "/../report.json"

        let r = try CLI.run(["batch", input, "-o", output, "--to", "folded", "--recursive", "--report", report])

        #expect(r.status == 1)
        var expected = ["goroutine.folded", "heap.debug0.folded", "nested/deeper/cpu.folded", "nested/zipped.folded", "stacks.folded"]
        var notProfiles = ["nested/picture.png", "notes.txt"]
        for (text, out) in [("goroutine.debug1.txt", "goroutine.debug1.folded"), ("nested/goroutine.debug2.txt", "nested/goroutine.debug2.folded")] {
            if try Self.readable(input + "/" + text) { expected.append(out) } else { notProfiles.append(text) }
        }
        #expect(listFiles(output) == expected.sorted())
        #expect(r.stderr.contains("failed  corrupt.pb.gz: "))
        for name in notProfiles { #expect(r.stderr.contains("skipped \(name): not a profile")) }
        #expect(try TreeSnapshot(input) == before)

        let lines = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n").map { line in
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        }
        let items = lines.dropLast(), summary = try #require(lines.last?["summary"] as? [String: Any])
        let failed = items.filter { $0["outcome"] as? String == "failed" }
        #expect(failed.map { $0["input"] as? String } == [input + "/corrupt.pb.gz"])
        #expect((failed.first?["reason"] as? String)?.contains("byte") == true)
        #expect(items.filter { $0["outcome"] as? String == "skipped" }.count == notProfiles.count)
        #expect(items.filter { $0["outcome"] as? String == "converted" }.count == expected.count)
        #expect(items.map { $0["input"] as! String } == items.map { $0["input"] as! String }.sorted(), "in plan order")
        #expect(summary["failed"] as? Int == 1)
        #expect(summary["ok"] as? Bool == false)
    }

    @Test("each output matches what convert writes for the same input")
    func outputsMatchConvert() throws {
        let input = try Self.mixedInputs()
        let output = input + "/../out"
        _ = try CLI.run(["batch", input, "-o", output, "--to", "folded", "-r", "--sample-index", "0"])
        let batch = try Data(contentsOf: URL(fileURLWithPath: output + "/heap.debug0.folded"))
        let single = try CLI.run(["convert", input + "/heap.debug0.pb.gz", "--to", "folded", "--sample-index", "0"])
        #expect(batch == single.stdout)
        #expect(!batch.isEmpty)
    }

    @Test("a directory of only good profiles exits 0, and a second run skips the up-to-date outputs unless --force")
    func upToDate() throws {
        let input = try CLI.tempDir()
        try copyFixture("go1.19/leaky/goroutine.debug0.pb.gz", to: input + "/a.pb.gz")
        try copyFixture("go1.19/leaky/heap.debug0.pb.gz", to: input + "/b.pb.gz")
        let output = input + "/converted"

        let first = try CLI.run(["batch", input, "-o", output, "--to", "pprof"])
        #expect(first.status == 0)
        #expect(first.stderr.hasPrefix("converted 2, skipped 0, failed 0"))
        let second = try CLI.run(["batch", input, "-o", output, "--to", "pprof", "--recursive"])
        #expect(second.status == 0)
        #expect(second.stderr.hasPrefix("converted 0, skipped 2 (2 up to date), failed 0"),
                "the output directory inside the input is not read as input")
        let forced = try CLI.run(["batch", input, "-o", output, "--to", "pprof", "-r", "--force"])
        #expect(forced.stderr.hasPrefix("converted 2, skipped 0, failed 0"))
        #expect(listFiles(output) == ["a.pb.gz", "b.pb.gz"])
    }

    @Test("--include and --exclude pick inputs by relative path or name")
    func globs() throws {
        let input = try CLI.tempDir()
        try copyFixture("go1.19/leaky/goroutine.debug0.pb.gz", to: input + "/x/goroutine.pb.gz")
        try copyFixture("go1.19/leaky/heap.debug0.pb.gz", to: input + "/x/heap.pb.gz")
        try copyFixture("go1.19/busy/cpu.pb.gz", to: input + "/cpu.pb.gz")
        let output = try CLI.tempDir()
        let r = try CLI.run(["batch", input, "-o", output, "--to", "folded", "-r",
                             "--include", "*.pb.gz", "--exclude", "heap*", "--quiet"])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        #expect(listFiles(output) == ["cpu.folded", "x/goroutine.folded"])
    }

    @Test("--merge writes one profile whose totals are the sum of the inputs'")
    func merge() throws {
        let input = try CLI.tempDir()
        try Data("a;b 2\nc 1\n".utf8).write(to: URL(fileURLWithPath: input + "/one.folded"))
        try Data("a;b 5\n".utf8).write(to: URL(fileURLWithPath: input + "/two.folded"))
        let merged = try CLI.tempDir() + "/all.folded"
        let r = try CLI.run(["batch", input, "-o", merged, "--to", "folded", "--merge"])
        #expect(r.status == 0)
        #expect(try String(contentsOfFile: merged, encoding: .utf8) == "a;b 7\nc 1\n")
        let again = try CLI.run(["batch", input, "-o", merged, "--to", "folded", "--merge"])
        #expect(again.stderr == "converted 0, skipped 2 (2 up to date), failed 0\n", "an up-to-date merge is not redone")
    }

    @Test("--merge takes inputs whose mirrored outputs would clash (cpu.folded, cpu.txt): it writes one file")
    func mergeClashingNames() throws {
        let input = try CLI.tempDir()
        try Data("a 2\n".utf8).write(to: URL(fileURLWithPath: input + "/cpu.folded"))
        try Data("a 5\n".utf8).write(to: URL(fileURLWithPath: input + "/cpu.txt"))
        let merged = try CLI.tempDir() + "/all.folded"
        let r = try CLI.run(["batch", input, "-o", merged, "--to", "folded", "--merge"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: merged, encoding: .utf8) == "a 7\n")
    }

    @Test("--to report of an input named index.*: its page is index.profile.html, and index.html links to it")
    func reportOfIndexInput() throws {
        let input = try CLI.tempDir()
        try Data("a;b 2\n".utf8).write(to: URL(fileURLWithPath: input + "/index.folded"))
        let output = try CLI.tempDir()
        let r = try CLI.run(["batch", input, "-o", output, "--to", "report"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(listFiles(output) == ["index.html", "index.profile.html"])
        let index = try String(contentsOfFile: output + "/index.html", encoding: .utf8)
        #expect(index.contains("\"page\":\"index.profile.html\""))
    }

    @Test("names that are not UTF-8 are converted to outputs of the same bytes, and shown with \\xNN in the summary and report")
    func nonUTF8Names() throws {
        let input = try CLI.tempDir()
        func create(_ bytes: [UInt8], _ text: String) {
            let path = Array(input.utf8) + [UInt8(ascii: "/")] + bytes + [0]
            let fd = path.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
            _ = text.withCString { write(fd, $0, strlen($0)) }
            close(fd)
        }
        create(Array("caf".utf8) + [0xE9] + Array(".folded".utf8), "a;b 3\n")
        create(Array("bad".utf8) + [0xFF] + Array(".pb.gz".utf8), "\u{1f}not gzip")
        let output = try CLI.tempDir(), report = output + "/../report.jsonl"
        let r = try CLI.run(["batch", input, "-o", output, "--to", "folded", "--report", report])
        #expect(r.status == 0)
        #expect(r.stderr.hasPrefix("converted 1, skipped 1, failed 0\n  skipped bad\\xff.pb.gz: not a profile\n"), "\(r.stderr)")
        let made = Array(output.utf8) + [UInt8(ascii: "/")] + Array("caf".utf8) + [0xE9] + Array(".folded".utf8) + [0]
        var st = stat()
        #expect(made.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { stat($0.baseAddress!, &st) } } == 0)
        #expect(st.st_size == 6)
        let lines = try String(contentsOfFile: report, encoding: .utf8)
        #expect(lines.contains("\"input\":\"\(input)/caf\\\\xe9.folded\",\"outcome\":\"converted\",\"output\":\"\(output)/caf\\\\xe9.folded\""), "\(lines)")
    }

    @Test("a batch over every file of Fixtures/bad/, a name that is not UTF-8 and an index.* completes, every file accounted for")
    func everyBadFixture() throws {
        let input = try CLI.tempDir()
        let bad = CLI.root + "/Fixtures/bad"
        let names = try FileManager.default.contentsOfDirectory(atPath: bad)
        for name in names { try FileManager.default.copyItem(atPath: bad + "/" + name, toPath: input + "/" + name) }
        try Data("a;b 1\n".utf8).write(to: URL(fileURLWithPath: input + "/index.folded"))
        let odd = Array(input.utf8) + Array("/x".utf8) + [0xFF, 0]
        let fd = odd.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
        _ = "c 2\n".withCString { write(fd, $0, 4) }
        close(fd)
        let count = names.count + 2
        let output = try CLI.tempDir(), report = output + "/../bad.jsonl"
        let r = try CLI.launch(["batch", input, "-o", output, "--to", "report", "--report", report])
        #expect(r.status == 1, "some inputs fail")
        // Warnings come first; the summary's line is `converted N, skipped M, failed F`.
        let summary = try #require(r.stderr.split(separator: "\n").first { $0.hasPrefix("converted ") })
        let counts = summary.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .punctuationCharacters)) }
        #expect(counts.count == 3 && counts.reduce(0, +) == count, "\(summary)")
        let lines = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == count + 1)
        #expect(lines.contains { $0.contains("\"input\":\"\(input)/x\\\\xff\",\"outcome\":\"converted\"") })
        #expect(FileManager.default.fileExists(atPath: output + "/index.profile.html"))
        #expect(listFiles(output, containing: ".profconv-").isEmpty)
    }

    @Test("--shard K/N runs, one per slice, fill the output tree once; --merge of it sums them")
    func shards() throws {
        let input = try CLI.tempDir()
        for i in 0..<12 { try Data("a;b\(i) \(i + 1)\n".utf8).write(to: URL(fileURLWithPath: input + "/p\(i).folded")) }
        let output = try CLI.tempDir()
        var converted = 0
        for k in 0..<3 {
            let r = try CLI.run(["batch", input, "-o", output, "--to", "folded", "--shard", "\(k)/3"])
            #expect(r.status == 0)
            converted += Int(r.stderr.split(separator: " ")[1].dropLast())!
        }
        #expect(converted == 12, "each input converted by exactly one slice")
        #expect(listFiles(output) == (0..<12).map { "p\($0).folded" }.sorted())
        let merged = try CLI.tempDir() + "/all.folded"
        #expect(try CLI.run(["batch", output, "-o", merged, "--to", "folded", "--merge"]).status == 0)
        #expect(try String(contentsOfFile: merged, encoding: .utf8).split(separator: "\n").count == 12)
        let bad = try CLI.run(["batch", input, "-o", output, "--to", "folded", "--shard", "3/3"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--shard: a shard K/N needs 0 ≤ K < N (K counts from 0), not 3/3"))
    }

    @Test("two inputs that would write the same output: the second fails, the first is converted")
    func collision() throws {
        let input = try CLI.tempDir()
        try Data("a 1\n".utf8).write(to: URL(fileURLWithPath: input + "/p.folded"))
        try Data("b 1\n".utf8).write(to: URL(fileURLWithPath: input + "/p.txt"))
        let output = try CLI.tempDir()
        let r = try CLI.run(["batch", input, "-o", output, "--to", "pprof"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("failed  p.txt: its output p.pb.gz is already the output of p.folded"))
        #expect(listFiles(output) == ["p.pb.gz"])
    }

    /// Starts a batch over many files, signals it once outputs appear, and
    /// checks that what is left is only whole outputs.
    func interrupt(with sig: Int32, exitStatus: Int32? = nil, message: String? = nil) throws {
        let input = try CLI.tempDir()
        let count = 600
        for i in 0..<count { try copyFixture("go1.19/busy/cpu.pb.gz", to: input + "/cpu\(i).pb.gz") }
        let output = try CLI.tempDir() + "/out"
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: false)
        let reference = try CLI.run(["convert", input + "/cpu0.pb.gz", "--to", "folded"]).stdout

        let arrivals = try FileArrivals(in: output)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["batch", input, "-o", output, "--to", "folded", "--jobs", "2"]
        let stderr = Pipe()
        p.standardError = stderr
        try p.run()
        // Its standard error closes when it ends, which then stops the wait too.
        arrivals.wait(for: 20, orEndOf: stderr.fileHandleForReading.fileDescriptor, seconds: 60)
        #expect(p.isRunning, "the batch finished before it could be interrupted; use more files")
        kill(p.processIdentifier, sig)
        p.waitUntilExit()

        if let exitStatus {
            #expect(p.terminationReason == .exit)
            #expect(p.terminationStatus == exitStatus)
        } else {
            #expect(p.terminationReason == .uncaughtSignal)
            #expect(p.terminationStatus == sig)
        }
        let said = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!said.contains("Program crashed"), "no crash report")
        if let message { #expect(said.hasSuffix(message)) }
        let left = listFiles(output)
        #expect(listFiles(output, containing: ".profconv-").isEmpty, "no temp file is left behind")
        #expect(left.count < count)
        for name in left {
            #expect(try Data(contentsOf: URL(fileURLWithPath: output + "/" + name)) == reference, "\(name) is whole")
        }
    }

    @Test("SIGINT mid-run leaves only whole outputs") func interruptedByINT() throws { try interrupt(with: SIGINT) }
    @Test("SIGTERM mid-run leaves only whole outputs") func interruptedByTERM() throws { try interrupt(with: SIGTERM) }
    @Test("SIGQUIT mid-run ends it as SIGTERM does, exit 131, with no crash report")
    func interruptedByQUIT() throws { try interrupt(with: SIGQUIT, exitStatus: 131) }
    @Test("SIGBUS (a mapped input truncated) mid-run is one error line and exit 1, leaving only whole outputs")
    func interruptedByBUS() throws {
        try interrupt(with: SIGBUS, exitStatus: 1,
                      message: "profconv: error: an input file changed while it was read (truncated, or its storage failed); outputs not yet complete were removed\n")
    }

    @Test("SIGKILL mid-run leaves a --report of whole JSON lines naming only whole outputs; the next run completes it and removes the temp files")
    func killedBatchLeavesItsJournal() throws {
        let input = try CLI.tempDir()
        let count = 600
        for i in 0..<count { try copyFixture("go1.19/busy/cpu.pb.gz", to: input + "/cpu\(i).pb.gz") }
        let output = try CLI.tempDir() + "/out"
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: false)
        let report = output + "/../report.jsonl"
        let reference = try CLI.run(["convert", input + "/cpu0.pb.gz", "--to", "folded"]).stdout

        let arrivals = try FileArrivals(in: output)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["batch", input, "-o", output, "--to", "folded", "--jobs", "2", "--report", report]
        let stderr = Pipe()
        p.standardError = stderr
        try p.run()
        arrivals.wait(for: 20, orEndOf: stderr.fileHandleForReading.fileDescriptor, seconds: 60)
        #expect(p.isRunning, "the batch finished before it could be killed; use more files")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()

        let lines = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "", "every line is whole")
        let items = try lines.dropLast().map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(!items.isEmpty && items.allSatisfy { $0["outcome"] as? String == "converted" })
        for item in items {
            let out = try #require(item["output"] as? String)
            #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == reference, "\(out) is whole")
        }

        let again = try CLI.run(["batch", input, "-o", output, "--to", "folded", "--report", report])
        #expect(again.status == 0)
        #expect(listFiles(output, containing: ".profconv-").isEmpty, "the killed run's temp files are gone")
        #expect(listFiles(output).count == count)
        #expect(try String(contentsOfFile: report, encoding: .utf8).hasSuffix("\"failed\":0,\"ok\":true}}\n"))
    }

    @Test("a missing input directory and a bad --jobs are one-line errors")
    func badArguments() throws {
        let output = try CLI.tempDir() + "/out"
        let missing = try CLI.run(["batch", "/nonexistent/dir", "-o", output, "--to", "folded"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "profconv: error: /nonexistent/dir: no such directory\n")
        let jobs = try CLI.run(["batch", ".", "-o", output, "--to", "folded", "--jobs", "0"])
        #expect(jobs.status != 0)
        #expect(jobs.stderr.contains("--jobs must be at least 1"))
    }
}
