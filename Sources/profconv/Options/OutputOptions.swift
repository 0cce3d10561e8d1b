import ArgumentParser
import ProfileFormats

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

    /// The format `--to` names, else the one the output's extension implies.
    func format() throws -> any ProfileWriter.Type {
        if let to { return try Self.writableFormat(named: to) }
        if output != "-", let f = FormatRegistry.format(forOutputPath: output) { return f }
        throw ValidationError(output == "-"
            ? "name the output format with --to (e.g. --to folded), or give an output file with a known extension"
            : "cannot tell the output format from '\(output)'; name it with --to")
    }

    static func writableFormat(named name: String) throws -> any ProfileWriter.Type {
        guard let f = FormatRegistry.format(named: name) else {
            throw ValidationError("unknown output format '\(name)'; `profconv formats` lists them")
        }
        guard let writer = f.asWriter else { throw ValidationError("profconv reads \(f.name) but cannot write it") }
        return writer
    }

    var target: ProfileOutput { ProfileOutput(path: output, forceTerminal: forceTerminal) }
}
