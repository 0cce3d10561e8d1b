import ProfileSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ProfileCore

/// The bytes of one input: a read-only mapping of a regular file, or, for
/// standard input, pipes, devices and small or empty files, a buffer read
/// whole.
///
/// Mapping a 574 MB folded file saves the copy into a buffer, and the pages
/// a reader is done with can be given back (``dropPages(_:)``), so reading
/// a large text input no longer needs memory of its size.
///
/// A mapped file that another process truncates while it is read makes the
/// next access past the new end raise SIGBUS, which kills profconv. That is
/// the risk `rg` and `grep --mmap` take too; it is kept small by mapping
/// only regular files of at least ``mappingThreshold`` bytes (others are
/// read, and a file that changes while being read then yields what `read`
/// saw). Bytes appended after the mapping was made are not seen.
// why @unchecked: every stored property is a `let` set in `init`; the
// buffer pointers are not `Sendable`, but the bytes they point to are never
// written after `init` (pages dropped read back the same from the file).
public final class InputBytes: @unchecked Sendable {
    /// Files smaller than this are read: one `read` costs less than setting
    /// up and tearing down a mapping, and `batch` reads thousands of them.
    public static let mappingThreshold = 1 << 20

    private let mapped: UnsafeRawBufferPointer?
    /// A read file or stream, malloc'd (see ``readAll(fd:name:sizeHint:)``).
    private let read: UnsafeRawBufferPointer?
    private let buffer: [UInt8]

    /// How much of a stream is read before ``Limits/checkStart`` looks at it.
    public static let startCheckBytes = 1 << 20

    /// What an input may be: at most `maxBytes` long, and, for a stream
    /// (standard input, a pipe, a device), a start that `checkStart` accepts
    /// once ``startCheckBytes`` have come, so `/dev/zero` is refused after
    /// 1 MiB rather than when memory runs out.
    public struct Limits: Sendable {
        /// The most bytes accepted.
        public var maxBytes: Int
        /// Throws when a stream's first bytes cannot start a profile.
        public var checkStart: (@Sendable (UnsafeRawBufferPointer) throws -> Void)?

        /// No limit, and no check.
        public static let none = Limits(maxBytes: .max, checkStart: nil)

        /// A limit of `maxBytes`, with an optional check of a stream's start.
        public init(maxBytes: Int, checkStart: (@Sendable (UnsafeRawBufferPointer) throws -> Void)? = nil) {
            self.maxBytes = maxBytes
            self.checkStart = checkStart
        }
    }

    /// The bytes of `path`, or of standard input for `-`. Regular files of
    /// at least `mapAtLeast` bytes are mapped.
    public init(path: String, mapAtLeast: Int = InputBytes.mappingThreshold, limits: Limits = .none) throws {
        if path == "-" {
            read = try Self.readAll(fd: StandardStreams.current.input, name: "<stdin>", sizeHint: 0, limits: limits, isStream: true)
            mapped = nil
            buffer = []
            return
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ProfileError(Files.errnoMessage("cannot open"), file: path) }
        defer { close(fd) }
        var st = stat()
        let known = fstat(fd, &st) == 0
        if known && (st.st_mode & S_IFMT) == S_IFDIR {
            throw ProfileError.directoryInput(path)
        }
        let size = Int(st.st_size)
        let isRegular = known && (st.st_mode & S_IFMT) == S_IFREG
        if isRegular && size > limits.maxBytes { throw Self.tooLarge(limits.maxBytes, name: path) }
        if isRegular && size > 0 && size >= mapAtLeast,
           let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED {
            mapped = UnsafeRawBufferPointer(start: p, count: size)
            buffer = []
            read = nil
            InputBytes.register(mapped!)
            return
        }
        // Small, or not mappable (a FIFO, /proc, a file system without mmap): read it.
        read = try Self.readAll(fd: fd, name: path, sizeHint: known ? size : 0, limits: limits, isStream: !isRegular)
        mapped = nil
        buffer = []
    }

    /// Bytes already in memory (a fetched URL, a test's input).
    public init(_ bytes: [UInt8]) {
        buffer = bytes
        mapped = nil
        read = nil
    }

    deinit {
        if let mapped {
            InputBytes.unregister(mapped)
            munmap(UnsafeMutableRawPointer(mutating: mapped.baseAddress!), mapped.count)
        }
        if let read { free(UnsafeMutableRawPointer(mutating: read.baseAddress)) }
    }

    /// Whether the bytes are a file mapping rather than a buffer.
    public var isMapped: Bool { mapped != nil }

    /// The number of bytes.
    public var count: Int { mapped?.count ?? read?.count ?? buffer.count }

    /// Calls `body` with the bytes, without copying them. The pointer is
    /// valid only during the call.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if let mapped { return try body(mapped) }
        if let read { return try body(read) }
        return try buffer.withUnsafeBytes(body)
    }

    /// Everything `fd` has, in one malloc'd block grown with `realloc`,
    /// which glibc does with `mremap` for large blocks: reading 574 MB from
    /// a pipe peaks at 574 MB, not at the old and the doubled array together.
    private static func readAll(fd: Int32, name: String, sizeHint: Int, limits: Limits, isStream: Bool) throws -> UnsafeRawBufferPointer {
        var capacity = max(min(sizeHint, limits.maxBytes) + 1, 64 << 10)
        guard var base = malloc(capacity) else { throw ProfileError("out of memory while reading", file: name) }
        var used = 0
        var startChecked = !isStream || limits.checkStart == nil
        while true {
            if used > limits.maxBytes {
                free(base)
                throw tooLarge(limits.maxBytes, name: name)
            }
            if !startChecked && used >= startCheckBytes {
                startChecked = true
                do {
                    try limits.checkStart?(UnsafeRawBufferPointer(start: base, count: used))
                } catch {
                    free(base)
                    throw error
                }
            }
            if used == capacity {
                // Doubling, by at most 256 MiB a step past 256 MiB.
                let bigger = capacity + min(capacity, 256 << 20)
                guard let p = realloc(base, bigger) else {
                    free(base)
                    throw ProfileError("out of memory while reading", file: name)
                }
                base = p
                capacity = bigger
            }
            let n = Glibc.read(fd, base + used, capacity - used)
            if n < 0 {
                if errno == EINTR { continue }
                let error = ProfileError(Files.errnoMessage("cannot read"), file: name)
                free(base)
                throw error
            }
            if n == 0 { break }
            used += n
        }
        return UnsafeRawBufferPointer(start: base, count: used)
    }

    private static func tooLarge(_ limit: Int, name: String) -> ProfileError {
        ProfileError("the input is larger than \(limit) bytes, the most accepted", file: name)
            .hinting(.maxInflatedBytes, remedy: "raise ReadOptions.maxInflatedBytes if this file is genuine")
    }

    // MARK: Giving back pages already read

    /// The live mappings, so that ``dropPages(_:)`` acts on nothing else.
    private static let mappings = Locked<[(start: UInt, end: UInt)]>([])

    private static func register(_ m: UnsafeRawBufferPointer) {
        let start = UInt(bitPattern: m.baseAddress!)
        mappings.withLock { $0.append((start, start + UInt(m.count))) }
    }

    private static func unregister(_ m: UnsafeRawBufferPointer) {
        let start = UInt(bitPattern: m.baseAddress!)
        mappings.withLock { $0.removeAll { $0.start == start } }
    }

    private static let pageSize = UInt(max(4096, sysconf(Int32(_SC_PAGESIZE))))

    /// Tells the kernel that the whole pages inside `range` will not be
    /// read again soon, when `range` lies in a live ``InputBytes`` mapping;
    /// does nothing for any other memory. The pages leave the process's
    /// resident set (the file stays in the page cache), and reading them
    /// again reads the file again: the bytes do not change. A reader
    /// calls this behind itself as it goes, so a large input's pages are
    /// never all resident at once.
    ///
    /// Only a file mapping may be dropped: `MADV_DONTNEED` on a heap
    /// buffer would zero it.
    public static func dropPages(_ range: UnsafeRawBufferPointer) {
        guard let base = range.baseAddress, range.count > 0 else { return }
        let lo = UInt(bitPattern: base), hi = lo + UInt(range.count)
        let inside = mappings.withLock { $0.contains { $0.start <= lo && hi <= $0.end } }
        guard inside else { return }
        let first = (lo + pageSize - 1) & ~(pageSize - 1)
        let last = hi & ~(pageSize - 1)
        guard first < last, let p = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(p, Int(last - first), MADV_DONTNEED)
    }
}
