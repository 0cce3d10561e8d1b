import ProfileCore
import ProfileFormats
import Testing

@Suite("folded stacks")
struct FoldedTests {
    func fold(_ text: String, _ options: WriteOptions = WriteOptions()) throws -> String {
        try written(readText(text).profile, as: FoldedFormat.self, options: options)
    }

    @Test("sorted folded text reads and writes back unchanged")
    func identity() throws {
        let text = "a;b 5\na;b;c 5\na;b;d 4\nx 1\n"
        #expect(try fold(text) == text)
    }

    @Test("identical stacks merge, zero stacks vanish, lines sort bytewise")
    func mergeAndSort() throws {
        #expect(try fold("b;c 1\na 0\nb;c 2\nB 1\na b 3\na;z 1\n") == "B 1\na b 3\na;z 1\nb;c 3\n")
    }

    @Test("the line of a caller sorts before its callees' lines, as a bytewise sort puts them")
    func prefixOrder() throws {
        #expect(try fold("a;b 1\na 2\na+b 3\na;a 4\n") == "a 2\na+b 3\na;a 4\na;b 1\n")
    }

    @Test("CRLF, a UTF-8 BOM, blank and comment lines are accepted")
    func lineEndings() throws {
        #expect(try fold("\u{FEFF}# comment\r\n\r\na;b 5\r\n  a;c 2  \r\n") == "a;b 5\na;c 2\n")
    }

    @Test("UTF-16 with a byte order mark reads like UTF-8", arguments: [true, false])
    func utf16(littleEndian: Bool) throws {
        var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for unit in "a;é 3\n".utf16 {
            let lo = UInt8(unit & 0xFF), hi = UInt8(unit >> 8)
            bytes += littleEndian ? [lo, hi] : [hi, lo]
        }
        let p = try FormatRegistry.read(bytes).profile
        #expect(try written(p, as: FoldedFormat.self) == "a;é 3\n")
    }

    @Test("names keep their spaces and annotations")
    func names() throws {
        let text = "java;Foo.bar_[j];do_sys_open_[k] 2\nmain;core::array::<impl Default for [T; _]>::default 1\n"
        let p = try readText(text).profile
        let names = Set(p.functions.map { p.string($0.name) })
        #expect(names.contains("Foo.bar_[j]"))
        #expect(names.contains("do_sys_open_[k]"))
        #expect(names.contains("core::array::<impl Default for [T"))  // ';' splits: the format's one ambiguity
    }

    @Test("a sample without locations is the line `[no stack] N`, which reads back as no locations")
    func noStack() throws {
        let threads = profile([([], 6), (["main.main"], 1)], sampleType: ("threadcreate", "count"))
        let text = try written(threads, as: FoldedFormat.self)
        #expect(text == "[no stack] 6\nmain.main 1\n")
        let back = try readText(text).profile
        #expect(back.totals() == [7])
        #expect(back.samples.locations(of: 0).isEmpty)
        #expect(!back.functions.contains { back.string($0.name) == "[no stack]" })
    }

    @Test("`[no stack]` inside a longer stack is an ordinary frame")
    func noStackAsFrame() throws {
        #expect(try fold("a;[no stack] 2\n") == "a;[no stack] 2\n")
    }

    @Test("the folded total of a real threadcreate capture equals go tool pprof -top's total (6)",
          arguments: ["go1.19/leaky/threadcreate.debug0.pb.gz", "go1.19/leaky/threadcreate.debug1.txt"])
    func threadcreateTotal(fixture: String) throws {
        let text = try written(Fixture.decode(fixture).profile, as: FoldedFormat.self)
        let total = text.split(separator: "\n").reduce(0) { $0 + Int($1.split(separator: " ").last!)! }
        #expect(total == 6)
        #expect(text.hasPrefix("[no stack] 5\n"))
    }

    @Test("counts whose sum passes 64 bits give one warning naming the first line where it does")
    func saturationWarning() throws {
        let d = try readText("main;a 9223372036854775807\n\nmain;a 9223372036854775807\nmain;b 1\n")
        #expect(d.warnings.messages.count == 1)
        #expect(d.warnings.messages.first?.hasPrefix("line 3: the counts sum past 9223372036854775807") == true)
        #expect(try written(d.profile, as: FoldedFormat.self) == "main;a 9223372036854775807\nmain;b 1\n")
        #expect(try readText("main;a 9223372036854775806\nmain;a 1\n").warnings.messages.isEmpty)
    }

    @Test("a two-column line makes a differential profile with base and samples types")
    func differential() throws {
        let p = try readText("a;b 3 5\na;c 4 0\n").profile
        #expect(p.sampleTypeNames == "base/count, samples/count")
        #expect(p.totals() == [7, 5])
        #expect(p.string(p.sampleTypes[p.defaultSampleIndex].type) == "samples")
        #expect(try written(p, as: FoldedFormat.self) == "a;b 5\n")
        var base = WriteOptions()
        base.sampleIndex = "base"
        #expect(try written(p, as: FoldedFormat.self, options: base) == "a;b 3\na;c 4\n")
    }

    @Test("fractional counts are rounded half up, with a warning")
    func fractional() throws {
        let d = try readText("a 1.5\nb 2.4\nc 3.\n")
        #expect(d.profile.totals() == [2 + 2 + 3])
        #expect(d.warnings.messages == ["rounded fractional counts to whole numbers on 2 lines"])
    }

    @Test("lines without a count are skipped and reported together")
    func badLines() throws {
        let d = try readText("a;b 1\nTHIS IS A BAD LINE\na;c 2\nbad 12V.43\n")
        #expect(d.profile.totals() == [3])
        #expect(d.warnings.messages.count == 1)
        #expect(d.warnings.messages[0].hasPrefix("skipped 2 lines without a valid count (lines 2, 4;"))
    }

    @Test("a file in which no line has a count is an error, not an empty profile")
    func noCounts() {
        #expect(throws: ProfileError.atLine(1, "no line has a count, so this is not folded stacks (2 lines like \"just words\")")) {
            try readText("just words\nmore words\n", format: FoldedFormat.self)
        }
    }

    @Test("a negative count is a bad line; a count past 64 bits is an error with its line")
    func hostileCounts() throws {
        let d = try readText("a 1\nb -5\n")
        #expect(d.profile.totals() == [1])
        #expect(d.warnings.messages.count == 1)
        let error = #expect(throws: ProfileError.self) { try readText("a 1\nb 1000000000000000000000000000000\n") }
        #expect(error?.place == .line(2))
    }

    @Test("--lines names frames as `func file:line`; labels can become root frames")
    func lineAndLabelFrames() throws {
        var b = ProfileBuilder(sampleTypes: [("goroutine", "count")])
        let f = b.function(name: b.intern("main.leak"), file: b.intern("/src/main.go"))
        let loc = b.location(function: f, line: 42)
        b.addSample(locations: [loc], values: [3], labels: [b.label("tenant", "t0")])
        var options = WriteOptions()
        options[FoldedFormat.Options.self].withLines = true
        #expect(try written(b.build(), as: FoldedFormat.self, options: options) == "main.leak /src/main.go:42 3\n")
        options[FoldedFormat.Options.self].withLines = false
        options[FoldedFormat.Options.self].labelsAsRootFrames = true
        #expect(try written(b.build(), as: FoldedFormat.self, options: options) == "tenant=t0;main.leak 3\n")
    }

    @Test("sniffing tells folded text from other text")
    func sniffing() throws {
        #expect(try readText("a;b 1\n").format == FoldedFormat.self)
        #expect(throws: ProfileError.self) { try readText("hello world\n") }
    }

    @Test("sniffing decides on the first complete line even when it is a 100,000-frame stack (about 590 KB)")
    func sniffLongFirstLine() throws {
        let line = (0..<100_000).map { "f\($0)" }.joined(separator: ";") + " 1\n"
        #expect(line.utf8.count > 64 << 10 && line.utf8.count < FormatRegistry.sniffPrefixBytes)
        let d = try readText(line + "main 2\n")
        #expect(ObjectIdentifier(d.format) == ObjectIdentifier(FoldedFormat.self))
        #expect(d.profile.totals() == [3])
    }

    @Test("a control character inside a name does not stop folded from being sniffed")
    func sniffControlCharacters() throws {
        let d = try FormatRegistry.read(Array("main;a\u{01}b 3\nmain;c\u{1B}[0m 1\n".utf8))
        #expect(ObjectIdentifier(d.format) == ObjectIdentifier(FoldedFormat.self))
        #expect(d.profile.totals() == [4])
        // A control character in a line without a count is binary, not folded.
        let binary = Array("\u{01}\u{02}binary\nmain 3\n".utf8)
        #expect(binary.withUnsafeBytes { FoldedFormat.sniff($0) } == .no)
    }

    @Test("the file name breaks ties between matching signatures and decides when none matches")
    func sniffPathHint() throws {
        let tie = Array("goroutine 1 [running]: 5\n".utf8)
        #expect(try FormatRegistry.read(tie).format == GoDebug2Format.self)
        #expect(try FormatRegistry.read(tie, pathHint: "stacks.folded").format == FoldedFormat.self)
        #expect(try FormatRegistry.read(tie, pathHint: "dump.debug2.txt").format == GoDebug2Format.self)
        // A first line past the sniffed prefix leaves the content undecided.
        let long = Array((String(repeating: "f;", count: FormatRegistry.sniffPrefixBytes / 2) + "leaf 1\n").utf8)
        #expect(throws: ProfileError.self) { try FormatRegistry.read(long) }
        for name in ["deep.folded", "deep.collapsed", "deep.txt", "deep.folded.gz"] {
            let d = try FormatRegistry.read(long, pathHint: name)
            #expect(ObjectIdentifier(d.format) == ObjectIdentifier(FoldedFormat.self))
            #expect(d.profile.totals() == [1])
        }
        #expect(FormatRegistry.format(forUndecidedInputPath: "x.svg") == FlameGraphFormat.self)
        #expect(FormatRegistry.format(forUndecidedInputPath: "x.speedscope.json") == SpeedscopeFormat.self)
        // Other JSON is told apart by its keys, not its name (issue 25).
        #expect(FormatRegistry.format(forUndecidedInputPath: "x.json") == nil)
        #expect(FormatRegistry.format(forUndecidedInputPath: "x.pb.gz") == nil)
    }
}
