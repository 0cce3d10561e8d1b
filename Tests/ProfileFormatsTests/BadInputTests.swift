import ProfileCore
import ProfileFormats
import Testing

/// What reading `Fixtures/bad/<file>` throws, as the CLI prints it after the file name.
private func readError(_ file: String, format: (any ProfileFormat.Type)? = nil) throws -> String {
    let bytes = try Fixture.bytes("bad/" + file)
    do {
        _ = try FormatRegistry.read(bytes, format: format)
    } catch let error as ProfileError {
        return error.description
    }
    Issue.record("\(file) was read without an error")
    return ""
}

/// Every file of Fixtures/bad/ (regenerate with Scripts/make-bad-fixtures.py; see its README).
@Suite("Hostile inputs: one error with a place, or a documented warning")
struct BadInputTests {
    @Test("each broken file is refused with one message naming the place", arguments: [
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
        #expect(try readError(fixture.0) == fixture.1)
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
        (Array(" {\"traceEvents\": []}".utf8), "a JSON document of a shape profconv does not know"),
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

    @Test("folded text in which no line has a count is an error, not an empty profile")
    func foldedWithoutCounts() throws {
        #expect(try readError("no-counts.folded", format: FoldedFormat.self)
            == "no line has a count, so this is not folded stacks (2 lines like \"main;work;leaf\") (line 1)")
        // Sniffing does not take it for folded stacks at all.
        #expect(try readError("no-counts.folded").hasPrefix("not a profile profconv can read"))
    }

    @Test("a negative count skips its line with a warning; the rest is read")
    func negativeCount() throws {
        let d = try Fixture.decode("bad/negative-count.folded")
        #expect(d.warnings.messages == ["skipped 1 line without a valid count (line 2; first: \"main;idle -5\")"])
        #expect(try written(d.profile, as: FoldedFormat.self) == "main;work 3\n")
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
        for f in FormatRegistry.all where f.canWrite {
            _ = try written(d.profile, as: f)
        }
    }

    @Test("a pprof profile without sample types reads, and every writer refuses it in words (found by fuzzing)")
    func noSampleTypes() throws {
        let d = try Fixture.decode("bad/fuzz-no-sample-types.pb")
        #expect(d.profile.sampleTypes.isEmpty)
        for f in FormatRegistry.all where f.canWrite && f != PprofFormat.self {
            #expect(throws: ProfileError("the profile has no sample types, so there are no values to show")) {
                _ = try written(d.profile, as: f)
            }
        }
    }
}
