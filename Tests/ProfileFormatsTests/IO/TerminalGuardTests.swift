import ProfileFormats
import Testing

@Suite("terminal guard")
struct TerminalGuardTests {
    @Test("output that turns out binary is caught by its first bytes, whatever its format claims")
    func binaryByContent() {
        func binary(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBytes { TerminalGuard.looksBinary($0) } }
        #expect(binary([0x1F, 0x8B, 0x08, 0x00]))  // gzip
        #expect(binary([0x0A, 0x0C, 0x08, 0x01]))  // raw protobuf
        #expect(binary(Array("text\0more".utf8)))
        #expect(binary([0x61, 0xFF, 0xFE, 0x61, 0x62, 0x63, 0x64]))  // not UTF-8
        #expect(!binary(Array("main;a 3\n\tindented\r\n\u{1B}[1mbold\u{1B}[0m".utf8)))
        #expect(!binary(Array("héllo ✓".utf8)))
        #expect(!binary(Array("cut mid-character: ✓".utf8).dropLast()))  // a chunk may end inside one
    }
}
