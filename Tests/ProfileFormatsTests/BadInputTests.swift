import Foundation
import ProfileCore
import ProfileFormats
import ProfileTestSupport
import Testing

/// Every file of Fixtures/bad/ (regenerate with Scripts/make-bad-fixtures.py; see its README).
@Suite("Hostile inputs: one error with a place, or a documented warning")
struct BadInputTests {
    @Test("the library's pipeline gives, for each file, what Fixtures/bad/expected.tsv says", arguments: BadFixture.all)
    func table(_ row: BadFixture) throws {
        let input = Fixture.path("bad/" + row.file)
        let dir = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = dir + "/" + row.file + ".folded"
        let format = try row.from.map { try #require(FormatRegistry.reader(named: $0)) }
        let pipeline = Pipeline(loader: ProfileLoader(format: format), format: FoldedFormat.self)
        do {
            let messages = try pipeline.run([ProfileSource(input)], to: ProfileOutput(path: output))
            #expect(row.outcome != .error, "read, but the table says: \(row.message ?? "")")
            #expect(messages == (row.message.map { [.warning("\(input): \($0)")] } ?? []))
            if let folded = row.folded {
                #expect(try String(contentsOfFile: output, encoding: .utf8) == folded)
            }
        } catch let error as ProfileError {
            #expect(row.outcome == .error)
            #expect(Self.matches(error, "\(input): \(row.message ?? "")"))
            #expect(!FileManager.default.fileExists(atPath: output), "a refused input leaves no output")
        }
    }

    /// Whether `error` says what the table's `line` says. The table holds
    /// the CLI's line, whose remedy names a flag where the library's names
    /// a property (``ProfileError/hint``): with a hint, the message and
    /// place must be the table's, whatever remedy stands between them.
    static func matches(_ error: ProfileError, _ line: String) -> Bool {
        if error.description == line { return true }
        guard error.hint != nil else { return false }
        // What stands before and after a remedy, marked by a NUL.
        let marked = error.description(remedy: "\u{0}")
        guard let cut = marked.range(of: "; \u{0}") else { return false }
        let before = String(marked[..<cut.lowerBound]), after = String(marked[cut.upperBound...])
        return line.count > before.count + 2 + after.count && line.hasPrefix(before + "; ") && line.hasSuffix(after)
    }

    @Test("every file of Fixtures/bad/ has a row in expected.tsv, and every row a file")
    func tableCoversTheDirectory() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixture.path("bad"))
            .filter { $0 != "README.md" && $0 != "expected.tsv" }
        #expect(Set(BadFixture.all.map(\.file)) == Set(files))
    }

    @Test("content alone does not make folded stacks of text in which no line has a count")
    func noCountsIsNotSniffed() throws {
        let error = try #require(throws: ProfileError.self) { try FormatRegistry.read(Fixture.bytes("bad/no-counts.folded")) }
        #expect(error.message.hasPrefix("not a profile profconv can read"))
    }

    @Test("a saved /debug/pprof/ index page is called HTML, with the URL that serves the profile")
    func htmlPage() throws {
        let bytes = try Fixture.bytes("go1.19/leaky/pprof-index.html")
        #expect(throws: ProfileError.atByte(0, "this is an HTML page, not a profile (a saved /debug/pprof/ index?); fetch the profile itself, e.g. http://HOST:PORT/debug/pprof/goroutine?debug=1, …/heap or …/profile?seconds=30")) {
            try FormatRegistry.read(bytes)
        }
    }

    @Test("a program binary and JSON of an unknown shape are named as such", arguments: [
        ([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0, 0, 0], "this is an ELF program binary"),
        (Array(" {\"events\": []}".utf8), "a JSON document of a shape profconv does not know"),
        (Array("[1, 2]".utf8), "a JSON document of a shape profconv does not know"),
    ] as [([UInt8], String)])
    func namedMistakes(_ input: ([UInt8], String)) throws {
        do {
            _ = try FormatRegistry.read(input.0)
            Issue.record("read without an error")
        } catch let error as ProfileError {
            #expect(error.message.hasPrefix(input.1))
        }
    }

    @Test("hostile names in pprof survive a round trip byte for byte, invalid UTF-8 repaired")
    func hostileNamesPprof() throws {
        let d = try Fixture.decode("bad/hostile-names.pb.gz")
        let names = d.profile.functions.map { d.profile.strings[$0.name] }
        #expect(names.count == 9)
        #expect(names.contains("<script>alert(1)</script>"))
        #expect(names.contains("nul\u{0}byte"))
        #expect(names.contains("bad\u{FFFD}\u{FFFD}utf8\u{FFFD}"))
        #expect(names.contains(String(repeating: "x", count: 65536)))
        let back = try FormatRegistry.read(PprofFormat.encode(d.profile)).profile
        #expect(back.functions.map { back.strings[$0.name] } == names)
    }

    @Test("hostile names in folded text are kept; a 64 KiB frame is no problem")
    func hostileNamesFolded() throws {
        let d = try Fixture.decode("bad/hostile-names.folded")
        #expect(d.warnings.isEmpty)
        // The same lines, sorted bytewise, invalid UTF-8 repaired as String(decoding:) does.
        let input = String(decoding: try Fixture.bytes("bad/hostile-names.folded"), as: UTF8.self)
        let lines = input.split(separator: "\n").map(String.init)
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect(try written(d.profile, as: FoldedFormat.self) == lines.joined(separator: "\n") + "\n")
    }

    @Test("inputs found by fuzzing stay fixed: every writer accepts what was read", arguments: [
        "fuzz-callgraph-score-overflow.folded",
    ])
    func fuzzRegressions(_ file: String) throws {
        let d = try FormatRegistry.read(try Fixture.bytes("bad/" + file))
        for f in FormatRegistry.writers {
            _ = try written(d.profile, as: f)
        }
    }

    @Test("a pprof profile without sample types reads, and every writer refuses it in words (found by fuzzing)")
    func noSampleTypes() throws {
        let d = try Fixture.decode("bad/fuzz-no-sample-types.pb")
        #expect(d.profile.sampleTypes.isEmpty)
        for f in FormatRegistry.writers where f != PprofFormat.self {
            #expect(throws: ProfileError("the profile has no sample types, so there are no values to show")) {
                _ = try written(d.profile, as: f)
            }
        }
    }
}
