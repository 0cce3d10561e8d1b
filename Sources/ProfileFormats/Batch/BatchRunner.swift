import ProfileSupport
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
    /// The item converted.
    public var item: BatchItem
    /// What became of it.
    public var outcome: BatchOutcome
    /// The warnings of its reader, transform and writer, each naming its
    /// source where one is known.
    public var warnings: [Warning]

    /// The warnings as lines about this item: the message alone where it
    /// concerns the item's input (a batch line names the input already),
    /// `source: message` where it concerns another file.
    public var warningLines: [String] { warnings.map { $0.described(relativeTo: item.input) } }
}

/// The reason an up-to-date output is skipped; see ``BatchRunner/force``.
public let upToDateReason = "output is newer than the input"

/// Converts the items of a ``BatchPlan`` on several threads. Each job runs
/// the ``Pipeline`` of `convert` on one file, so limits, filters and
/// warnings are the same; a failure is recorded and the rest go on.
/// Inputs are only ever opened for reading; outputs are written atomically
/// by ``ProfileOutput``.
public struct BatchRunner {
    /// What each item goes through; its loader must not name a format
    /// (`--from`) for directories of mixed files, and may.
    public var pipeline: Pipeline
    /// Convert even when the output is newer than its input.
    public var force = false
    /// How many items convert at once.
    public var jobs: Int
    /// Called after each item, serialised, with (items done, items in all).
    public var progress: ((Int, Int) -> Void)?
    /// Called with each item's result as it finishes (in the order they
    /// finish), serialised: where `--report` journals what is done.
    public var finished: ((BatchResult) -> Void)?
    /// How a failure is put into words for ``BatchOutcome/failed(_:)``: by
    /// default the library's `ProfileError.description`; the CLI names
    /// its flags instead.
    public var describe: @Sendable (ProfileError) -> String = { $0.description }

    /// A runner converting with `pipeline`, `jobs` items at once.
    public init(pipeline: Pipeline, jobs: Int = BatchRunner.processorCount) {
        self.pipeline = pipeline
        self.pipeline.loader.options.nameDecidesUndecidedInput = false
        self.jobs = jobs
    }

    /// The number of online processors: the default job count.
    public static var processorCount: Int { ThreadBudget.processorCount }

    /// Converts every item to its own output; results are in plan order.
    public func run(_ plan: BatchPlan) -> [BatchResult] {
        // Directories first, once each, on this thread: a mkdir per output
        // costs milliseconds on a busy file system, even when it exists. (A
        // directory that cannot be made fails its items when they are written.)
        var made = Set<RawPath>()
        for item in plan.items where item.conflict == nil {
            let dir = Self.parent(of: item.outputPath)
            if made.insert(dir).inserted { try? Self.makeDirectories(dir) }
        }
        let finished = self.finished
        let results = forEachItem(plan, finished: finished) { _, item in convert(item) }
        Files.syncAll()
        return results
    }

    /// Reads every item and merges the profiles into one output at `output`.
    /// Unreadable items are reported and left out; the merged output is
    /// written when at least one input was a profile. An output newer than
    /// every input is left alone unless ``force``.
    public func merge(_ plan: BatchPlan, into output: String) -> (results: [BatchResult], failure: String?) {
        // Newer than every input: nothing to redo (unless forced).
        if !force, !plan.items.isEmpty, let outTime = Self.modificationTime(RawPath(output)),
           plan.items.allSatisfy({ (Self.modificationTime($0.inputPath) ?? .max) < outTime }) {
            return (plan.items.map { BatchResult(item: $0, outcome: .skipped(upToDateReason), warnings: []) }, nil)
        }
        let finished = self.finished
        let outcomes = forEachItem(plan, finished: finished.map { f in { f($0.0) } }) { _, item in
            var kept: ProfileLoader.Loaded?
            // Merging writes one file: two inputs' mirrored names may clash harmlessly.
            var item = item
            item.conflict = nil
            let result = self.read(item) { loaded in kept = loaded; return [] }
            return (result, kept)
        }
        var results = outcomes.map(\.0)
        let good = outcomes.compactMap(\.1)
        guard var merged = good.first else { return (results, "no input is a profile; nothing to merge") }
        do {
            merged.profile = try Profile.merge(good.map(\.profile))
            merged.sources = good.flatMap(\.sources)
            merged.warnings = []  // reported per item already
            let warnings = try write(merged, to: RawPath(output))
            if !warnings.isEmpty, let last = results.indices.last { results[last].warnings += warnings }
            return (results, nil)
        } catch let error as ProfileError {
            return (results, describe(error.inFile(output)))
        } catch {
            return (results, "\(output): \(error)")
        }
    }

    /// Runs `body` for each item on `jobs` threads, all spent from the
    /// process's `ThreadBudget` (what a reader inside would start comes out
    /// of what is left); results in plan order.
    private func forEachItem<T>(_ plan: BatchPlan, finished: ((T) -> Void)?, _ body: (Int, BatchItem) -> T) -> [T] {
        let items = plan.items
        let total = items.count
        let done = Locked(0)
        let progress = self.progress
        return ThreadBudget.process.withThreads(exactly: min(jobs, total)) {
            ForkJoin.map(count: total, threads: jobs) { i in
                let result = body(i, items[i])
                // Under the lock, so progress callbacks never overlap.
                done.withLock { n in
                    n += 1
                    finished?(result)
                    progress?(n, total)
                }
                return result
            }
        }
    }

    /// Converts one item (the job of one worker).
    func convert(_ item: BatchItem) -> BatchResult {
        if let conflict = item.conflict { return BatchResult(item: item, outcome: .failed(conflict), warnings: []) }
        if !force, let outTime = Self.modificationTime(item.outputPath), let inTime = Self.modificationTime(item.inputPath),
           outTime > inTime {
            return BatchResult(item: item, outcome: .skipped(upToDateReason), warnings: [])
        }
        if let outID = FileIdentity(path: item.outputPath), outID == FileIdentity(path: item.inputPath) {
            return BatchResult(item: item, outcome: .failed("its output would replace the input"), warnings: [])
        }
        return read(item) { loaded in
            try write(loaded, to: item.outputPath)
        }
    }

    /// The skip reason for inputs no format recognises.
    public static let notAProfile = "not a profile"

    /// Reads one item through the pipeline's input stage, then hands it to
    /// `use`, which returns its warnings; errors of both become the item's
    /// failure, and an input that is no profile at all is skipped.
    private func read(_ item: BatchItem, _ use: (ProfileLoader.Loaded) throws -> [Warning]) -> BatchResult {
        if let conflict = item.conflict { return BatchResult(item: item, outcome: .failed(conflict), warnings: []) }
        do {
            // A name that is not UTF-8 is opened by its bytes, then read
            // through its descriptor's /proc name.
            let opened = try RawInput(item)
            defer { opened.close() }
            var loaded = try pipeline.loader.read(.file(opened.path))
            if opened.path != item.input {
                loaded.sources = [.file(item.input)]
                loaded.warnings = loaded.warnings.map { w in var w = w; if w.source == opened.path { w.source = item.input }; return w }
            }
            let written = try use(loaded)
            return BatchResult(item: item, outcome: .converted(from: loaded.format.name), warnings: loaded.warnings + written)
        } catch let error as ProfileError where error.isUnrecognizedInput {
            return BatchResult(item: item, outcome: .skipped(Self.notAProfile), warnings: [])
        } catch let error as ProfileError {
            var e = error
            if e.file == item.input || e.file?.hasPrefix(RawInput.procPrefix) == true { e.file = nil }
            return BatchResult(item: item, outcome: .failed(describe(e)), warnings: [])
        } catch {
            return BatchResult(item: item, outcome: .failed("\(error)"), warnings: [])
        }
    }

    /// The transform, write and output stages for one output; its warnings.
    private func write(_ loaded: ProfileLoader.Loaded, to path: RawPath) throws -> [Warning] {
        let prepared = try pipeline.prepare(loaded)
        let written = try RawOutput.write(to: path) { stringPath in
            var output = ProfileOutput(path: stringPath)
            output.syncOnCommit = false  // the batch syncs once at the end
            return try output.write(prepared.profile, as: pipeline.format, options: prepared.options)
        }
        return prepared.messages.map { m in
            switch m { case .warning(let w), .note(let w): return Warning(w) }
        } + written
    }

    static func parent(of path: RawPath) -> RawPath {
        guard let slash = path.bytes.lastIndex(of: UInt8(ascii: "/")) else { return RawPath(".") }
        return slash == 0 ? RawPath("/") : RawPath(Array(path.bytes[..<slash]))
    }

    /// `mkdir -p dir`; safe when several workers create the same directory.
    static func makeDirectories(_ dir: RawPath) throws {
        var prefix: [UInt8] = []
        for (i, part) in dir.bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).enumerated() {
            if i > 0 { prefix.append(UInt8(ascii: "/")) }
            prefix += part
            let path = RawPath(prefix)
            if part.isEmpty || part.elementsEqual([0x2E]) || part.elementsEqual([0x2E, 0x2E]) || path.fileStatus() != nil { continue }
            if path.withCString({ mkdir($0, 0o777) }) != 0 && errno != EEXIST {
                throw ProfileError(Files.errnoMessage("cannot create the directory"), file: path.display)
            }
        }
    }

    /// The modification time of `path` in nanoseconds, or nil when missing.
    static func modificationTime(_ path: RawPath) -> Int64? {
        guard let st = path.fileStatus() else { return nil }
        return Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
    }
}
