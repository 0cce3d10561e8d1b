import ProfileCore
import ProfileTestSupport
import Testing

/// One row of Fixtures/regexp/go-regexp.tsv: what Go 1.19's regexp made of a
/// pattern and a name (Scripts/fixture-programs/goregexp).
private struct GoRow {
    var pattern: [UInt8]
    var name: [UInt8]
    var compiled: Bool
    var matched: Bool
    /// Go's message without its `error parsing regexp: ` prefix.
    var error: String

    /// Reads the table's percent-encoding: `%HH` is the byte HH.
    static func decoded(_ field: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var i = field.startIndex
        while i < field.endIndex {
            if field[i] == UInt8(ascii: "%"), let byte = UInt8(String(decoding: field[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                out.append(byte)
                i += 3
            } else {
                out.append(field[i])
                i += 1
            }
        }
        return out
    }

    static func all() throws -> [GoRow] {
        try Fixture.bytes("regexp/go-regexp.tsv").split(separator: UInt8(ascii: "\n")).map { line in
            let f = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
            try #require(f.count == 5, "\(String(decoding: line, as: UTF8.self))")
            return GoRow(pattern: decoded(f[0]), name: decoded(f[1]), compiled: f[2] == Array("ok".utf8)[...],
                         matched: f[3] == Array("1".utf8)[...],
                         error: String(decoding: decoded(f[4]), as: UTF8.self).replacing("error parsing regexp: ", with: "", maxReplacements: 1))
        }
    }
}

/// Whether `bytes` are valid UTF-8, so a `String` can hold them unchanged.
private func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes
}

/// What NamePattern says after `parsing pattern regexp '…': `.
private func refusal(_ error: ProfileError, _ pattern: String) -> String {
    error.message.replacing("parsing pattern regexp '\(pattern)': ", with: "", maxReplacements: 1)
}

@Suite("NamePattern: Go's regexp syntax and semantics, in linear time")
struct NamePatternGoTableTests {
    @Test("accepts and refuses, and matches, as Go 1.19's regexp does on every row of the table")
    func goTable() throws {
        let rows = try GoRow.all()
        #expect(rows.count > 9_000)
        var patterns: [[UInt8]: Result<NamePattern, ProfileError>] = [:]
        var differing: [String] = []
        var invalidPatterns = 0
        for row in rows {
            // A Swift String cannot hold invalid UTF-8 (command-line
            // arguments arrive repaired), so Go's "invalid UTF-8" has no
            // counterpart here.
            guard isValidUTF8(row.pattern) else {
                #expect(!row.compiled && row.error.hasPrefix("invalid UTF-8"))
                invalidPatterns += 1
                continue
            }
            let source = String(decoding: row.pattern, as: UTF8.self)
            let compiled = patterns[row.pattern] ?? {
                let r = Result { () throws(ProfileError) in try NamePattern(source) }
                patterns[row.pattern] = r
                return r
            }()
            let shown = "\(source.debugDescription.prefix(60)) on \(String(decoding: row.name, as: UTF8.self).debugDescription.prefix(40))"
            switch (compiled, row.compiled) {
            case (.success(let p), true):
                if p.matches(utf8: row.name) != row.matched { differing.append("\(shown): Go matched: \(row.matched)") }
                if isValidUTF8(row.name), p.matches(String(decoding: row.name, as: UTF8.self)) != row.matched {
                    differing.append("\(shown): Go matched: \(row.matched) (String)")
                }
            case (.failure(let e), false):
                // The kind of error in Go's words; the quoted part may differ.
                let kind = row.error.prefix { $0 != ":" }
                if !refusal(e, source).hasPrefix(kind) { differing.append("\(shown): \(refusal(e, source)) vs Go's \(row.error.prefix(80))") }
            case (.success, false):
                differing.append("\(shown): accepted; Go: \(row.error.prefix(80))")
            case (.failure(let e), true):
                differing.append("\(shown): refused (\(refusal(e, source).prefix(80))); Go accepts")
            }
        }
        #expect(invalidPatterns == 7)
        #expect(differing.isEmpty, "\(differing.count) rows differ: \(differing.prefix(8))")
    }

    @Test("error messages name the flag and read like Go's")
    func errorText() {
        #expect(throws: ProfileError("parsing focus regexp 'a(?=b)': invalid or unsupported Perl syntax: (?=")) {
            try NamePattern("a(?=b)", option: "focus")
        }
        #expect(throws: ProfileError("parsing ignore regexp 'x\\Cy': invalid escape sequence: \\C")) {
            try NamePattern("x\\Cy", option: "ignore")
        }
        #expect(throws: ProfileError("parsing hide regexp 'a{1001}': invalid repeat count: {1001}")) {
            try NamePattern("a{1001}", option: "hide")
        }
        #expect(throws: ProfileError("parsing show regexp '(?P<aé>x)': invalid named capture: (?P<aé>")) {
            try NamePattern("(?P<aé>x)", option: "show")
        }
    }

    @Test("Unicode classes are Go's: \\pL, \\p{Greek}, \\PN")
    func unicodeClasses() throws {
        #expect(try NamePattern("^\\pL+$").matches("größe"))
        #expect(try NamePattern("\\p{Greek}").matches("λ.Σφάλμα"))
        #expect(try !NamePattern("^\\PN+$").matches("a1"))
    }

    @Test("\\B is tried at character boundaries only, never inside a UTF-8 sequence")
    func nonBoundaryInsideCharacters() throws {
        #expect(try !NamePattern("\\B").matches("aλb"))
        #expect(try NamePattern("\\B").matches("λ"))
        #expect(try !NamePattern("x|\\B").matches("aλb"))
        #expect(try NamePattern("\\Qa\\B").matches("a\\B"))  // quoted: a literal \B, and an unclosed \Q
    }

    @Test("(a+)+$ on a 10,000-character name is decided, both ways (backtracking never returns)")
    func nestedQuantifierOnLongName() throws {
        let p = try NamePattern("(a+)+$")
        let a = String(repeating: "a", count: 10_000)
        #expect(p.matches(a))
        #expect(!p.matches(a + "b"))
        #expect(try !NamePattern("^(a|aa)+$").matches(a + "b"))
    }

    @Test("patterns are matched from many threads at once")
    func concurrentMatching() async throws {
        let p = try NamePattern("^main\\.(\\(\\*\\w+\\)\\.)?\\w+$")
        let results = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<64 { group.addTask { p.matches(i % 2 == 0 ? "main.(*T).Method" : "runtime.gopark") } }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 32)
    }
}

@Suite("Invalid UTF-8 in names, as Go reads it")
struct GoUTF8NameTests {
    @Test("each invalid byte is one U+FFFD: a cut-short sequence is two characters, not one")
    func perByte() throws {
        #expect(try NamePattern("^..$").matches(utf8: [0xE2, 0x82]))
        #expect(try NamePattern("^.$").matches(utf8: [0xFF]))
        #expect(try NamePattern("^\\x{FFFD}{3}$").matches(utf8: [0xED, 0xA0, 0x80]))  // a surrogate
        #expect(try NamePattern("^a.b$").matches(utf8: [0x61, 0xC0, 0x80, 0x62]) == false)  // overlong: two
        #expect(try NamePattern("^€$").matches(utf8: [0xE2, 0x82, 0xAC]))
    }
}
