import ProfileCore
import ProfileFormats
import Testing

/// Inputs that once trapped in the chunked folded reader (issue 29, item 3):
/// a last line of 8 MiB or more with no newline.
@Suite("folded input ending in a long unterminated line")
struct FoldedLongLineTests {
    static let nineMiB = 9 << 20

    @Test("a 9 MiB name on a last line without a newline is one stack")
    func longLastLine() throws {
        let text = "a;b 2\nmain;" + String(repeating: "x", count: Self.nineMiB) + " 1"
        var options = ReadOptions()
        options.maxStringLength = 16 << 20
        let p = try FormatRegistry.read(Array(text.utf8), format: FoldedFormat.self, options: options).profile
        #expect(p.totals() == [3])
        #expect(p.samples.count == 2)
    }

    @Test("9 MiB of spaces with no newline is no stack, said in words")
    func spaces() throws {
        let text = [UInt8](repeating: 0x20, count: Self.nineMiB)
        let error = #expect(throws: ProfileError.self) {
            try FormatRegistry.read(text, format: FoldedFormat.self)
        }
        #expect(error?.message == "the folded input holds no stacks")
    }
}
