import ProfileSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ProfileCore

/// Reading inputs and writing outputs with plain POSIX calls: whole-file
/// reads into one buffer, and atomic writes (a temp file beside the target,
/// then `rename`), so no reader or crash ever sees half an output.
public enum Files {
    /// The bytes of `path`, or of standard input for `-`.
    public static func read(_ path: String) throws -> [UInt8] {
        if path == "-" { return try readAll(fd: StandardStreams.current.input, name: "<stdin>") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ProfileError(errnoMessage("cannot open"), file: path) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
            throw ProfileError.directoryInput(path)
        }
        return try readAll(fd: fd, name: path, sizeHint: Int(st.st_size))
    }

    /// The first `count` bytes of `path` (fewer when it is shorter).
    public static func readPrefix(_ path: String, count: Int) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ProfileError(errnoMessage("cannot open"), file: path) }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, count) }
        return n > 0 ? Array(bytes[..<n]) : []
    }

    private static func readAll(fd: Int32, name: String, sizeHint: Int = 0) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: max(sizeHint + 1, 64 << 10))
        var used = 0
        while true {
            if used == buffer.count {
                buffer.append(contentsOf: repeatElement(0, count: buffer.count))
            }
            let n = buffer.withUnsafeMutableBytes { b in
                Glibc.read(fd, b.baseAddress! + used, b.count - used)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw ProfileError(errnoMessage("cannot read"), file: name)
            }
            if n == 0 { break }
            used += n
        }
        buffer.removeSubrange(used...)
        return buffer
    }

    static func errnoMessage(_ what: String) -> String {
        "\(what): \(String(cString: strerror(errno)))"
    }

    /// Thrown when standard output is a pipe whose reader has gone
    /// (`profconv … | head`): not an error to report, a reason to stop.
    public struct BrokenPipe: Error {}

    /// Flushes every written file to the disk (`sync(2)`; Glibc's module
    /// does not offer the narrower `syncfs`): one call for all the outputs
    /// of a batch instead of one `fsync` each.
    public static func syncAll() {
        sync()
    }

    /// Whether `fd` is a terminal.
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) != 0 }

    /// Whether `path` exists.
    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// An output being written: to standard output (`-`), or to a temp file
    /// that becomes `path` only on ``commit()``, nameless until then where
    /// the kernel allows it. Dropping it uncommitted removes the temp file.
    public final class Output {
        /// The path the output becomes on commit.
        public let path: String
        /// The temp file's name: from the start where it could not be made
        /// nameless, else from the moment it is linked on commit.
        private var tempPath: String?
        /// For a nameless temp file, the directory it is to be linked into.
        private var anonymousDirectory: String?
        private var fd: Int32
        private var committed = false
        /// Whether `fd` is a device or FIFO opened here (closed on commit and deinit).
        private var ownsDevice = false
        /// Where the writer puts the bytes.
        public let sink: ByteSink
        /// Whether ``commit()`` waits for the data to reach the disk before
        /// the rename (`fsync`). A batch turns it off and syncs once at the
        /// end with ``Files/syncAll()``: one fsync per small file
        /// would make the disk, not the conversion, the bottleneck.
        public var syncOnCommit = true

        /// Temp files still open, removed by ``removeAbandonedTempFiles()`` on a signal.
        // why nonisolated(unsafe): this and `interrupted` are only touched under `lock`.
        nonisolated(unsafe) static var openTempPaths = Set<String>()
        /// Set once the process is being torn down: no new temp file may appear.
        nonisolated(unsafe) static var interrupted = false
        static let lock = Lock()

        /// What every temp file name starts with.
        public static var tempMarker: String { TempFile.prefix }

        /// An output for `path` (`-` for standard output); a regular file is written to a temp file beside it.
        public init(path: String) throws {
            self.path = path
            var st = stat()
            if path == "-" {
                fd = StandardStreams.current.output
                tempPath = nil
            } else if stat(path, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG {
                // A device, FIFO or /dev/stdout is written in place: a temp file
                // renamed over it would replace the device with a file.
                guard (st.st_mode & S_IFMT) != S_IFDIR else { throw ProfileError("is a directory", file: path) }
                let fd = open(path, O_WRONLY | O_CLOEXEC)
                guard fd >= 0 else { throw ProfileError(errnoMessage("cannot open"), file: path) }
                self.fd = fd
                ownsDevice = true
                tempPath = nil
            } else {
                let dir = path.contains("/") ? String(path[...path.lastIndex(of: "/")!]) : ""
                // Creating and registering happen under one lock, so a cleanup
                // after a signal sees every temp file, and none is made after it.
                let made = try Output.lock.withLock { () throws -> TempFile.Made in
                    if Output.interrupted { throw ProfileError("interrupted", file: path) }
                    let made = try TempFile.create(inDirectory: dir, for: path)
                    if let named = made.path { Output.openTempPaths.insert(named) }
                    return made
                }
                self.fd = made.fd
                tempPath = made.path
                if made.path == nil { anonymousDirectory = dir }
            }
            let fd = self.fd
            let name = path == "-" ? "<stdout>" : path
            sink = ByteSink { bytes in
                var off = 0
                while off < bytes.count {
                    let n = Glibc.write(fd, bytes.baseAddress! + off, bytes.count - off)
                    if n < 0 {
                        if errno == EINTR { continue }
                        if errno == EPIPE && path == "-" { throw BrokenPipe() }
                        throw ProfileError(Files.errnoMessage("cannot write"), file: name)
                    }
                    off += n
                }
            }
        }

        /// Flushes, and moves the temp file into place. Its mode is the one it
        /// was created with: 0666 less the umask, applied by the kernel.
        public func commit() throws {
            try sink.flush()
            guard tempPath != nil || anonymousDirectory != nil else {
                if ownsDevice { close(fd); fd = -1 }
                return
            }
            if syncOnCommit && fsync(fd) != 0 && errno != EINVAL {
                throw ProfileError(errnoMessage("cannot write"), file: path)
            }
            if let dir = anonymousDirectory {
                let fd = self.fd
                let target = path
                tempPath = try Output.lock.withLock { () throws -> String in
                    if Output.interrupted { throw ProfileError("interrupted", file: target) }
                    let named = try TempFile.link(fd, inDirectory: dir, for: target)
                    Output.openTempPaths.insert(named)
                    return named
                }
                anonymousDirectory = nil
            }
            guard let tempPath else { return }
            close(fd)
            fd = -1
            guard rename(tempPath, path) == 0 else {
                throw ProfileError(errnoMessage("cannot move the finished output into place"), file: path)
            }
            committed = true
            Output.lock.withLock { _ = Output.openTempPaths.remove(tempPath) }
        }

        deinit {
            if ownsDevice && fd >= 0 { close(fd) }
            if anonymousDirectory != nil && fd >= 0 { close(fd) }  // the kernel frees a nameless file
            if let tempPath, !committed {
                if fd >= 0 { close(fd) }
                unlink(tempPath)
                Output.lock.withLock { _ = Output.openTempPaths.remove(tempPath) }
            }
        }

        /// Removes every uncommitted temp file and refuses new ones from then
        /// on; for the moments before the process exits on a signal. Takes the
        /// lock, so call it from a normal thread, never from a signal handler
        /// (``Interruption`` arranges that).
        public static func removeAbandonedTempFiles() {
            lock.withLock {
                interrupted = true
                for p in openTempPaths { unlink(p) }
                openTempPaths.removeAll()
            }
        }
    }
}

extension ProfileError {
    /// The error for a directory given where a profile file was expected.
    static func directoryInput(_ path: String) -> ProfileError {
        ProfileError("is a directory", file: path)
            .hinting(.directory, remedy: "a BatchPlan and BatchRunner convert the profiles in a directory")
    }
}
