#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ProfileCore

/// What happened to one input of a batch.
public enum BatchOutcome: Sendable, Equatable {
    /// Read as `from` and written to the item's output.
    case converted(from: String)
    /// Left alone, and why: not a profile, or its output is newer.
    case skipped(String)
    /// Could not be read or written, and why (one line, with a place).
    case failed(String)
}

/// The outcome of one item, with the reader's warnings.
public struct BatchResult: Sendable {
    public var item: BatchItem
    public var outcome: BatchOutcome
    public var warnings: [String]
}

/// The reason an up-to-date output is skipped; see ``BatchRunner/force``.
public let upToDateReason = "output is newer than the input"

/// Converts the items of a ``BatchPlan`` on several threads. Each job reads,
/// converts and writes one file; a failure is recorded and the rest go on.
/// Inputs are only ever opened for reading; outputs are written atomically
/// with ``Files/Output``.
public struct BatchRunner {
    public var format: any ProfileFormat.Type
    public var writeOptions: WriteOptions
    public var readOptions: ReadOptions
    /// Convert even when the output is newer than its input.
    public var force = false
    public var jobs: Int
    /// Called after each item, serialised, with (items done, items in all).
    public var progress: ((Int, Int) -> Void)?

    public init(format: any ProfileFormat.Type, writeOptions: WriteOptions = WriteOptions(),
                readOptions: ReadOptions = ReadOptions(), jobs: Int = BatchRunner.processorCount) {
        self.format = format
        self.writeOptions = writeOptions
        self.readOptions = readOptions
        self.jobs = jobs
    }

    /// The number of online processors: the default job count.
    public static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Converts every item to its own output; results are in plan order.
    public func run(_ plan: BatchPlan) -> [BatchResult] {
        // Directories first, once each, on this thread: a mkdir per output
        // costs milliseconds on a busy file system, even when it exists. (A
        // directory that cannot be made fails its items when they are written.)
        var made = Set<String>()
        for item in plan.items where item.conflict == nil {
            let dir = Self.parent(of: item.output)
            if made.insert(dir).inserted { try? Self.makeDirectories(dir) }
        }
        let results = forEachItem(plan) { _, item in convert(item) }
        Files.syncAll()
        return results
    }

    /// Reads every item and merges the profiles into one output at `output`.
    /// Unreadable items are reported and left out; the merged output is
    /// written when at least one input was a profile. An output newer than
    /// every input is left alone unless ``force``.
    public func merge(_ plan: BatchPlan, into output: String) -> (results: [BatchResult], failure: String?) {
        // Newer than every input: nothing to redo (unless forced).
        if !force, !plan.items.isEmpty, let outTime = Self.modificationTime(output),
           plan.items.allSatisfy({ (Self.modificationTime($0.input) ?? .max) < outTime }) {
            return (plan.items.map { BatchResult(item: $0, outcome: .skipped(upToDateReason), warnings: []) }, nil)
        }
        let slots = UnsafeMutableBufferPointer<Profile?>.allocate(capacity: plan.items.count)
        slots.initialize(repeating: nil)
        defer { slots.deinitialize().deallocate() }
        let results = forEachItem(plan) { index, item in
            read(item) { decoded in slots[index] = decoded.profile }
        }
        let good = slots.compactMap { $0 }
        if good.isEmpty { return (results, "no input is a profile; nothing to merge") }
        do {
            let merged = try Profile.merge(good)
            try write(merged, to: output)
            return (results, nil)
        } catch let error as ProfileError {
            return (results, error.inFile(output).description)
        } catch {
            return (results, "\(output): \(error)")
        }
    }

    /// Runs `body` for each item on `jobs` threads; results in plan order.
    private func forEachItem(_ plan: BatchPlan, _ body: @escaping (Int, BatchItem) -> BatchResult) -> [BatchResult] {
        let items = plan.items
        let total = items.count
        let slots = UnsafeMutableBufferPointer<BatchResult?>.allocate(capacity: total)
        slots.initialize(repeating: nil)
        defer { slots.deinitialize().deallocate() }
        let done = Counter()
        let progress = self.progress
        // Each slot is written by exactly one thread; joining the threads
        // orders those writes before the reads below.
        WorkerThreads.forEach(total, threads: jobs) { i in
            slots[i] = body(i, items[i])
            done.increment { n in progress?(n, total) }
        }
        return slots.map { $0! }
    }

    /// Converts one item (the job of one worker).
    func convert(_ item: BatchItem) -> BatchResult {
        if let conflict = item.conflict { return BatchResult(item: item, outcome: .failed(conflict), warnings: []) }
        if !force, let outTime = Self.modificationTime(item.output), let inTime = Self.modificationTime(item.input),
           outTime > inTime {
            return BatchResult(item: item, outcome: .skipped(upToDateReason), warnings: [])
        }
        if let outID = FileIdentity(path: item.output), outID == FileIdentity(path: item.input) {
            return BatchResult(item: item, outcome: .failed("its output would replace the input"), warnings: [])
        }
        return read(item) { decoded in
            try write(decoded.profile, to: item.output)
        }
    }

    /// Reads and sniffs one item, then hands the profile to `use`; errors of
    /// both become the item's failure.
    private func read(_ item: BatchItem, _ use: (FormatRegistry.Decoded) throws -> Void) -> BatchResult {
        if let conflict = item.conflict { return BatchResult(item: item, outcome: .failed(conflict), warnings: []) }
        do {
            let bytes = try Files.read(item.input)
            guard let decoded = try ProfileInput.decode(bytes, options: readOptions) else {
                return BatchResult(item: item, outcome: .skipped(ProfileInput.notAProfile), warnings: [])
            }
            try use(decoded)
            return BatchResult(item: item, outcome: .converted(from: decoded.format.name), warnings: decoded.warnings.messages)
        } catch let error as ProfileError {
            var e = error
            if e.file == item.input { e.file = nil }
            return BatchResult(item: item, outcome: .failed(e.description), warnings: [])
        } catch {
            return BatchResult(item: item, outcome: .failed("\(error)"), warnings: [])
        }
    }

    private func write(_ profile: Profile, to path: String) throws {
        var options = writeOptions
        if format == PprofFormat.self {
            options[PprofFormat.Options.self].compress = !path.lowercased().hasSuffix(".pb")
        }
        let out = try Files.Output(path: path)
        out.syncOnCommit = false  // the batch syncs once at the end
        try format.write(profile, options: options, to: out.sink)
        try out.commit()
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `mkdir -p dir`; safe when several workers create the same directory.
    static func makeDirectories(_ dir: String) throws {
        var prefix = ""
        for (i, part) in dir.split(separator: "/", omittingEmptySubsequences: false).enumerated() {
            prefix += (i == 0 ? "" : "/") + part
            if part.isEmpty || part == "." || part == ".." || Files.exists(prefix) { continue }
            if mkdir(prefix, 0o777) != 0 && errno != EEXIST {
                throw ProfileError(Files.errnoMessage("cannot create the directory"), file: prefix)
            }
        }
    }

    /// The modification time of `path` in nanoseconds, or nil when missing.
    static func modificationTime(_ path: String) -> Int64? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
    }
}

/// A counter shared by workers: one increment per finished item.
private final class Counter: @unchecked Sendable {
    private let lock = Lock()
    private var value = 0

    /// Adds one and calls `then` with the new value while still holding the
    /// lock, so progress callbacks never overlap.
    func increment(then: (Int) -> Void) {
        lock.withLock {
            value += 1
            then(value)
        }
    }
}

/// Reading bytes of unknown content: inflate gzip, sniff, decode.
public enum ProfileInput {
    /// The skip reason for inputs no format recognises.
    public static let notAProfile = "not a profile"

    /// The decoded profile, or nil when the bytes (after gzip) are empty or
    /// no registered format recognises them. A recognised but broken input
    /// throws, with a place.
    public static func decode(_ bytes: [UInt8], options: ReadOptions) throws -> FormatRegistry.Decoded? {
        try bytes.withUnsafeBytes { raw -> FormatRegistry.Decoded? in
            if Gzip.isGzip(raw) {
                // Bytes that start no profile are skipped before the rest is inflated.
                var recognised = true
                let inflated: InflatedBytes
                do {
                    inflated = try Gzip.inflate(raw, limit: options.maxInflatedBytes) { start in
                        if !start.isEmpty && FormatRegistry.detect(start) == nil {
                            recognised = false
                            throw InflatedStart.notAProfile(start)
                        }
                    }
                } catch where !recognised {
                    return nil
                }
                var d = try inflated.withUnsafeBytes { try decodeInflated($0, options: options) }
                d?.wasGzipped = true
                return d
            }
            return try decodeInflated(raw, options: options)
        }
    }

    private static func decodeInflated(_ raw: UnsafeRawBufferPointer, options: ReadOptions) throws -> FormatRegistry.Decoded? {
        guard !raw.isEmpty, let format = FormatRegistry.detect(raw) else { return nil }
        var warnings = Warnings()
        let profile = try format.read(raw, options: options, warnings: &warnings)
        return FormatRegistry.Decoded(profile: profile, format: format, warnings: warnings, wasGzipped: false)
    }
}
