import ProfileCore
@testable import ProfileFormats
import Testing

/// Library errors say what happened and which library setting governs it;
/// command-line flags are the CLI's to name (Sources/profconv/FlagHints.swift).
@Suite("library errors name settings, not flags")
struct ErrorHintTests {
    @Test("a gzip bomb names ReadOptions.maxInflatedBytes and no flag")
    func inflatedSize() throws {
        let text = Array(String(repeating: "main;f 1\n", count: 500_000).utf8)
        let bomb = try text.withUnsafeBytes { try Gzip.compress($0) }
        var options = ReadOptions()
        options.maxInflatedBytes = 1 << 20
        let error = try #require(throws: ProfileError.self) { try FormatRegistry.read(bomb, options: options) }
        #expect(error.hint == .maxInflatedBytes)
        #expect(error.description.contains("raise ReadOptions.maxInflatedBytes if this file is genuine"))
        #expect(!error.description.contains("--"), "\(error)")
    }

    @Test("a stack past the depth limit names ReadOptions.maxStackDepth and no flag")
    func stackDepth() throws {
        var options = ReadOptions()
        options.maxStackDepth = 2
        let error = try #require(throws: ProfileError.self) { try FormatRegistry.read(Array("a;b;c 1\n".utf8), options: options) }
        #expect(error.hint == .maxStackDepth)
        #expect(error.description == "sample 1 has 3 frames, more than the limit of 2; raise ReadOptions.maxStackDepth if this file is genuine")
    }

    @Test("a name past the length limit names ReadOptions.maxStringLength and no flag")
    func stringLength() throws {
        var options = ReadOptions()
        options.maxStringLength = 3
        let error = try #require(throws: ProfileError.self) { try FormatRegistry.read(Array("main;abcd 1\n".utf8), options: options) }
        #expect(error.hint == .maxStringLength)
        #expect(!error.description.contains("--"), "\(error)")
    }

    @Test("binary output to a terminal: the library names ProfileOutput.forceTerminal")
    func terminal() {
        let error = TerminalGuard.refusal("pprof")
        #expect(error.hint == .forceTerminal)
        #expect(error.description == "refusing to write binary pprof output to a terminal; write to a file or a pipe (or set ProfileOutput.forceTerminal)")
    }

    @Test("a caller's own remedy replaces the library's, before the place")
    func callerRemedy() {
        let error = ProfileError.atByte(7, "too big").hinting(.maxInflatedBytes, remedy: "raise ReadOptions.maxInflatedBytes")
        #expect(error.description == "too big; raise ReadOptions.maxInflatedBytes (byte 7)")
        #expect(error.description(remedy: "use --bigger") == "too big; use --bigger (byte 7)")
        #expect(error.description(remedy: nil) == "too big (byte 7)")
    }
}
