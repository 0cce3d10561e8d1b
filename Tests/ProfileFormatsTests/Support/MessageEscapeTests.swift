import ProfileFormats
import Testing

/// What a message may show of a name or an input line: printable text on
/// one line, whatever the name held.
@Suite("messages: one line, no terminal control")
struct MessageEscapeTests {
    @Test("control characters are written out, a final newline dropped", arguments: [
        ("plain text", "plain text"),
        ("title\u{1B}]0;OWNED\u{07}\u{1B}[2J", "title\\x1b]0;OWNED\\x07\\x1b[2J"),
        ("500 Internal\r\n<html>\r\n</html>\r\n", "500 Internal\\n<html>\\n</html>"),
        ("cut\u{0}here", "cut\\0here"),
        ("lone\rreturn\ttab", "lone\\rreturn\\ttab"),
        ("next\u{85}line\u{7F}", "next\\u{85}line\\x7f"),
        ("ends with newline\n", "ends with newline"),
    ])
    func oneLine(_ raw: String, _ shown: String) {
        #expect(Escape.oneLine(raw) == shown)
        #expect(!Escape.oneLine(raw).unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
    }

    @Test("a plain name is shown as it is; one with a newline, quote or edge space is quoted", arguments: [
        ("cpu.pb.gz", "cpu.pb.gz"),
        ("dir/with space.txt", "dir/with space.txt"),
        ("evil\nfailed  x.txt", "\"evil\\nfailed  x.txt\""),
        ("say \"hi\"", "\"say \\\"hi\\\"\""),
        (" lead", "\" lead\""),
        ("", "\"\""),
    ])
    func quotedName(_ raw: String, _ shown: String) {
        #expect(Escape.quotedName(raw) == shown)
    }
}
