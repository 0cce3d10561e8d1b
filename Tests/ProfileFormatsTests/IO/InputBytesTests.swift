#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ProfileCore
import ProfileFormats
import Testing

/// A large regular file is mapped; everything else is read, and both give
/// the file's bytes.
@Suite("input bytes: mapped files, read streams")
struct InputBytesTests {
    func tempFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("input-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// 3 MiB of folded lines, not a multiple of the page size.
    static let large: [UInt8] = {
        var text = ""
        var i = 0
        while text.utf8.count < 3 << 20 { text += "main;worker;f\(i % 1000) \(i)\n"; i += 1 }
        return Array(text.utf8)
    }()

    @Test("a regular file of at least the threshold is mapped, and its bytes are the file's")
    func mapsLargeFiles() throws {
        let path = try tempFile(Self.large)
        defer { unlink(path) }
        let input = try InputBytes(path: path)
        #expect(input.isMapped)
        #expect(input.count == Self.large.count)
        #expect(input.withUnsafeBytes { $0.elementsEqual(Self.large) })
    }

    @Test("a small file is read, unless the threshold says otherwise")
    func readsSmallFiles() throws {
        let path = try tempFile(Array("main;a 1\n".utf8))
        defer { unlink(path) }
        #expect(try !InputBytes(path: path).isMapped)
        let mapped = try InputBytes(path: path, mapAtLeast: 1)
        #expect(mapped.isMapped)
        #expect(mapped.withUnsafeBytes { Array($0) } == Array("main;a 1\n".utf8))
    }

    @Test("an empty file is read: a mapping cannot be empty")
    func emptyFile() throws {
        let path = try tempFile([])
        defer { unlink(path) }
        let input = try InputBytes(path: path, mapAtLeast: 0)
        #expect(!input.isMapped)
        #expect(input.count == 0)
    }

    @Test("a FIFO, which cannot be mapped, is read to its end")
    func fifo() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fifo-\(UUID().uuidString)").path
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        let writer = Thread {
            let fd = open(path, O_WRONLY)
            Self.large.withUnsafeBytes { b in
                var off = 0
                while off < b.count {
                    let n = write(fd, b.baseAddress! + off, b.count - off)
                    if n <= 0 { break }
                    off += n
                }
            }
            close(fd)
        }
        writer.start()
        let input = try InputBytes(path: path, mapAtLeast: 0)
        #expect(!input.isMapped)
        #expect(input.withUnsafeBytes { $0.elementsEqual(Self.large) })
    }

    @Test("a directory and a missing file give the errors reading gave")
    func errors() throws {
        let dir = FileManager.default.temporaryDirectory.path
        #expect(throws: ProfileError("is a directory", file: dir)
            .hinting(.directory, remedy: "a BatchPlan and BatchRunner convert the profiles in a directory")) {
            try InputBytes(path: dir)
        }
        #expect(throws: ProfileError("cannot open: No such file or directory", file: "/nonexistent/x.folded")) {
            try InputBytes(path: "/nonexistent/x.folded")
        }
    }

    @Test("pages given back are read again from the file, unchanged")
    func droppedPagesReadBack() throws {
        let path = try tempFile(Self.large)
        defer { unlink(path) }
        let input = try InputBytes(path: path)
        input.withUnsafeBytes { raw in
            #expect(raw.elementsEqual(Self.large))
            InputBytes.dropPages(raw)
            InputBytes.dropPages(UnsafeRawBufferPointer(rebasing: raw[100..<(1 << 20)]))
            #expect(raw.elementsEqual(Self.large))
        }
    }

    @Test("memory that is no mapping is never dropped (it would read back as zeros)")
    func buffersAreKept() {
        let bytes = Self.large
        let input = InputBytes(bytes)
        #expect(!input.isMapped)
        input.withUnsafeBytes { InputBytes.dropPages($0) }
        bytes.withUnsafeBytes { InputBytes.dropPages($0) }
        #expect(input.withUnsafeBytes { $0.elementsEqual(Self.large) })
        #expect(bytes == Self.large)
    }

    @Test("a mapped folded file reads as the same bytes in a buffer do")
    func mappedFoldedReadsTheSame() throws {
        let path = try tempFile(Self.large)
        defer { unlink(path) }
        let fromBuffer = try FormatRegistry.read(Self.large).profile
        let fromMapping = try InputBytes(path: path).withUnsafeBytes { try FormatRegistry.read($0).profile }
        let a = ByteSink(), b = ByteSink()
        try PprofFormat.write(fromBuffer, options: WriteOptions(), to: a)
        try PprofFormat.write(fromMapping, options: WriteOptions(), to: b)
        #expect(a.bytes == b.bytes)
    }
}
