import Foundation
@testable import ProfileFormats
import ProfileCore
import Testing

@Suite("gzip: limits and damage")
struct GzipLimitTests {
    private func gzip(_ bytes: [UInt8]) throws -> [UInt8] { try bytes.withUnsafeBytes { try Gzip.compress($0) } }

    @Test("a stream that expands more than maxRatio times is refused once it passes 64 MiB, not at the size limit")
    func expansionRatio() throws {
        // 80 MiB of one folded line: deflate makes it ~1000 times smaller.
        let text = Array(String(repeating: "main;f 1\n", count: (80 << 20) / 9).utf8)
        let gz = try gzip(text)
        let error = #expect(throws: ProfileError.self) {
            try gz.withUnsafeBytes { _ = try Gzip.inflate($0, limit: 1 << 30, maxRatio: 200) }
        }
        #expect(error?.message.hasPrefix("gzip data expands more than 200 times") == true)
        #expect(error?.hint == .maxInflationRatio)
        #expect(try gz.withUnsafeBytes { try Gzip.inflate($0, limit: 1 << 30, maxRatio: 0).count } == text.count, "0 allows any ratio")
        var options = ReadOptions()
        options.maxInflationRatio = 200
        #expect(throws: ProfileError.self) { try FormatRegistry.read(gz, options: options) }
        options.inflateInParallelFrom = 0
        #expect(throws: ProfileError.self, "the parallel inflater checks it too") { try FormatRegistry.read(gz, options: options) }
    }

    @Test("a small stream may be as repetitive as it likes")
    func smallStreamsHaveNoRatio() throws {
        let text = [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20) + Array(" 1\n".utf8)
        #expect(try gzip(text).withUnsafeBytes { try Gzip.inflate($0, limit: 1 << 30, maxRatio: 2).count } == text.count)
    }

    @Test("bytes other than zeros after the last member are an error at their offset; zero padding is not")
    func trailingBytes() throws {
        let gz = try gzip(Array("main;f 1\n".utf8))
        let error = #expect(throws: ProfileError.self) {
            try (gz + Array("junk".utf8)).withUnsafeBytes { _ = try Gzip.inflate($0, limit: 1 << 20) }
        }
        #expect(error?.description == "4 bytes that are not gzip follow the gzip data; the file is damaged, or two files were joined (byte \(gz.count))")
        #expect(try (gz + [0, 0, 0, 0]).withUnsafeBytes { try Gzip.inflate($0, limit: 1 << 20).count } == 9)
        #expect(try (gz + gz).withUnsafeBytes { try Gzip.inflate($0, limit: 1 << 20).count } == 18, "members may follow each other")
    }
}
