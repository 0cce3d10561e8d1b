import ProfileCore

/// The output stage: one place where written bytes go. A file is written
/// to a temp file and renamed when complete; `-` is standard output, kept
/// free of binary output when it is a terminal; a device is written in
/// place. The format's options follow the path (`.pb` means raw protobuf).
public struct ProfileOutput {
    /// The output file, or `-` for standard output.
    public var path: String
    /// Write binary output even to a terminal.
    public var forceTerminal = false
    /// Whether a file output waits for the disk before its rename (a batch
    /// syncs once at the end instead).
    public var syncOnCommit = true

    /// An output to `path` (`-` for standard output); `forceTerminal` allows binary output to a terminal.
    public init(path: String = "-", forceTerminal: Bool = false) {
        self.path = path
        self.forceTerminal = forceTerminal
    }

    /// Writes `profile` in `format`; returns the writer's warnings, each naming the output.
    public func write(_ profile: Profile, as format: any ProfileWriter.Type, options: WriteOptions) throws -> [Warning] {
        let options = format.options(options, forOutputPath: path)
        return try write(format: format, binary: format.isBinary(options)) { sink in
            do {
                try format.write(profile, options: options, to: sink)
            } catch let error as ProfileError where !options.context.sources.isEmpty {
                // A writer refuses what the profile holds: name the input it came from
                // (the sink's own errors already name the output).
                throw error.inFile(options.context.sources.joined(separator: ", "))
            }
        }
    }

    /// Gives `body` the sink of this output and commits what it wrote (a
    /// report that is no profile goes out this way too). `format` names
    /// what is refused on a terminal; `binary` refuses it before a byte is
    /// written, else the first bytes decide. Returns the sink's warnings, each naming the output.
    public func write(format: (any ProfileFormat.Type)? = nil, binary: Bool = false,
                      _ body: (ByteSink) throws -> Void) throws -> [Warning] {
        let guarded = path == "-" && !forceTerminal && Files.isTerminal(StandardStreams.current.output)
        if guarded && binary { throw TerminalGuard.refusal(format?.name ?? "binary") }
        let out = try Files.Output(path: path)
        out.syncOnCommit = syncOnCommit
        let sink = guarded ? TerminalGuard.checking(out.sink, name: format?.name ?? "binary") : out.sink
        try body(sink)
        try sink.flush()
        try out.commit()
        return sink.warnings.all.map { $0.from(path == "-" ? "<stdout>" : path) }
    }

    /// Throws, before any work is done, the error that writing this output
    /// would give when its directory takes no new file: missing, not a
    /// directory, read-only, not permitted, or /proc.
    public func checkWritable() throws {
        try TempFile.checkCreatable(path)
    }

    /// Saves what the writes of one command share and keep in files of
    /// their own: the flame graphs' `--palette-file`, once after all of them.
    public static func finish(_ options: WriteOptions) throws {
        for writer in FormatRegistry.writers { try writer.finishWrites(options) }
    }
}
