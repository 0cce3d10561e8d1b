import ArgumentParser
import ProfileCore
import ProfileFormats

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert profiles from one format to another.",
        discussion: """
            Several inputs are merged into one profile. The output format follows from \
            the output file's extension (.pb.gz, .pb, .folded, …) or --to.

              profconv convert goroutine.txt -o goroutine.pb.gz
              profconv convert cpu.pb.gz --to folded | grep main.
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var sample: SampleOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var formatOptions: ConversionOptionGroups

    func run() throws {
        try Console.reportingErrors {
            let profile = try input.load()
            var options = WriteOptions(sampleIndex: sample.sampleIndex)
            try formatOptions.apply(to: &options)
            options[ReportFormat.Options.self].files = input.inputs  // named in a report page's header
            try output.write(profile, options: options)
        }
    }
}

/// Where and in which format to write.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("The output file; - or none for standard output.", valueName: "file"))
    var output: String = "-"

    @Option(name: .long, help: "The output format (see `profconv formats`); by default from the output file's extension.")
    var to: String?

    @Flag(name: .long, help: "Write binary output even to a terminal.")
    var forceTerminal = false

    func validate() throws {
        _ = try format()
    }

    func format() throws -> any ProfileFormat.Type {
        if let to {
            guard let f = FormatRegistry.format(named: to) else {
                throw ValidationError("unknown output format '\(to)'; `profconv formats` lists them")
            }
            guard f.canWrite else { throw ValidationError("profconv reads \(f.name) but cannot write it") }
            return f
        }
        if output != "-", let f = FormatRegistry.format(forOutputPath: output) { return f }
        throw ValidationError(output == "-"
            ? "name the output format with --to (e.g. --to folded), or give an output file with a known extension"
            : "cannot tell the output format from '\(output)'; name it with --to")
    }

    /// Writes `profile` atomically (temp file + rename) or to standard output.
    func write(_ profile: Profile, options: WriteOptions) throws {
        let format = try format()
        var options = options
        if format == PprofFormat.self {
            options[PprofFormat.Options.self].compress = !output.lowercased().hasSuffix(".pb")
        }
        let guarded = output == "-" && Files.isTerminal(1) && !forceTerminal
        if guarded && format.isBinary(options) { throw TerminalGuard.refusal(format) }
        let out = try Files.Output(path: output)
        // A format not known to be binary is still checked by its first bytes.
        let sink = guarded ? TerminalGuard.checking(out.sink, format: format) : out.sink
        try format.write(profile, options: options, to: sink)
        try sink.flush()
        try out.commit()
    }
}

/// Options of the folded writer.
struct FoldedOutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Folded: write frames as `func file:line`.")
    var lines = false

    @Flag(name: .long, help: "Folded: add each sample's labels as root frames `key=value`.")
    var labelFrames = false

    func apply(to options: inout WriteOptions) {
        options[FoldedFormat.Options.self].withLines = lines
        options[FoldedFormat.Options.self].labelsAsRootFrames = labelFrames
    }
}

extension ProfileFormat {
    /// Whether output in this format is binary (unfit for a terminal).
    static func isBinary(_ options: WriteOptions) -> Bool {
        self == PprofFormat.self
    }
}
