@testable import ProfileFormats
import Testing

/// The shared text scanner (Sources/ProfileFormats/Support/).
@Suite("line scanner")
struct LineCursorTests {
    private func lines(_ bytes: [UInt8]) -> (lines: [String], lastUnterminated: Bool) {
        bytes.withUnsafeBytes { raw in
            TextEncoding.withUTF8Text(raw) { text in
                var cursor = LineCursor(text)
                var out: [String] = []
                while let line = cursor.next() { out.append(line.string) }
                return (out, cursor.lastLineUnterminated)
            }
        }
    }

    @Test("CRLF reads as LF; a last line without a newline is a line, and says so")
    func crlf() {
        #expect(lines(Array("a;b 1\r\nc 2\r\n".utf8)) == (["a;b 1", "c 2"], false))
        #expect(lines(Array("a 1\n\nb 2".utf8)) == (["a 1", "", "b 2"], true))
        #expect(lines([]) == ([], false))
    }

    @Test("UTF-16 with a byte order mark, either byte order, and a UTF-8 BOM read as plain UTF-8")
    func encodings() {
        let text = "main;é 1\r\nf 2\n"
        let le: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        for bytes in [le, be, bom] {
            #expect(lines(bytes) == (["main;é 1", "f 2"], false))
        }
    }

    @Test("a block runs to its blank line (empty or only white space), newlines included; the blank line is read next")
    func blocks() {
        let text = "h\n\ta 1\n\tb 2\r\n \t\r\nh2\n\tc\n\nlast\n\tx"
        Array(text.utf8).withUnsafeBytes { t in
            var cursor = LineCursor(t)
            #expect(cursor.next()?.string == "h")
            let first = cursor.nextBlock()
            #expect(first.bytes.string == "\ta 1\n\tb 2\r\n" && first.lines == 2 && cursor.lineNumber == 3)
            #expect(cursor.blankLine(at: cursor.position) && !cursor.blankLine(at: 0))
            #expect(cursor.next()?.string == " \t")
            #expect(cursor.next()?.string == "h2")
            #expect(cursor.nextBlock().lines == 1)
            #expect(cursor.nextBlock().lines == 0, "at a blank line, a block has no lines")
            #expect(cursor.next()?.string == "")
            #expect(cursor.next()?.string == "last")
            let end = cursor.nextBlock()
            #expect(end.bytes.string == "\tx" && end.lines == 1 && cursor.atEnd && cursor.lastLineUnterminated)
            #expect(cursor.blankLine(at: t.count), "the end of input ends a block")
        }
        Array("a\n\tb\n\n".utf8).withUnsafeBytes { t in
            var cursor = LineCursor(t)
            _ = cursor.next()
            cursor.skip(bytes: 3, lines: 1)
            #expect(cursor.lineNumber == 2 && cursor.next()?.string == "")
        }
    }

    @Test("ByteSearch.first finds a byte from an offset, nil past the end")
    func firstByte() {
        Array("a;bc;d".utf8).withUnsafeBytes { t in
            #expect(ByteSearch.first(UInt8(ascii: ";"), in: t) == 1)
            #expect(ByteSearch.first(UInt8(ascii: ";"), in: t, from: 2) == 4)
            #expect(ByteSearch.first(UInt8(ascii: ";"), in: t, from: 5) == nil)
            #expect(ByteSearch.first(UInt8(ascii: ";"), in: t, from: 6) == nil)
        }
    }
}
