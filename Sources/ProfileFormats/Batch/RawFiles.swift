#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ProfileCore

/// A batch item's input, by a path the loader can take: its own when it is
/// UTF-8, else `/proc/self/fd/N` of the file opened by its bytes.
struct RawInput {
    /// Where descriptors' names start.
    static let procPrefix = "/proc/self/fd/"

    /// The path to read.
    let path: String
    private let fd: Int32

    init(_ item: BatchItem) throws {
        if let path = item.inputPath.string {
            self.path = path
            fd = -1
            return
        }
        fd = item.inputPath.withCString { open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { throw ProfileError(Files.errnoMessage("cannot open"), file: item.input) }
        path = Self.procPrefix + String(fd)
    }

    /// Closes the descriptor, if one was opened.
    func close() {
        if fd >= 0 { closeDescriptor(fd) }
    }
}

/// Writing an output whose name is not UTF-8: `write` gets a UTF-8 path to
/// write atomically (a temp name in the output's directory, reached through
/// the directory's descriptor), which is then renamed to the real name, so
/// the output still appears whole or not at all.
enum RawOutput {
    static func write<T>(to path: RawPath, _ body: (String) throws -> T) throws -> T {
        if let string = path.string { return try body(string) }
        let slash = path.bytes.lastIndex(of: UInt8(ascii: "/"))
        let dir = slash.map { RawPath(Array(path.bytes[..<max($0, 1)])) } ?? RawPath(".")
        let leaf = RawPath(Array(path.bytes[(slash.map { $0 + 1 } ?? 0)...]))
        let dfd = dir.withCString { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard dfd >= 0 else { throw ProfileError(Files.errnoMessage("cannot open the directory"), file: dir.display) }
        defer { closeDescriptor(dfd) }
        let through = RawInput.procPrefix + String(dfd) + "/"
        let placeholder = TempFile.name()
        let result: T
        do {
            result = try body(through + placeholder)
        } catch var error as ProfileError {
            if error.file?.hasPrefix(through) == true { error.file = path.display }
            throw error
        }
        guard leaf.withCString({ renameat(dfd, placeholder, dfd, $0) }) == 0 else {
            let error = ProfileError(Files.errnoMessage("cannot move the finished output into place"), file: path.display)
            unlinkat(dfd, placeholder, 0)
            throw error
        }
        return result
    }
}

/// `close(2)`, for types with a `close()` method of their own (``RawInput``, ``BatchJournal``).
func closeDescriptor(_ fd: Int32) { _ = close(fd) }
