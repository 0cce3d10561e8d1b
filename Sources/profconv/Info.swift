import ArgumentParser
import ProfileCore
import ProfileFormats

struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe a profile: format, sample types and totals, table sizes, time.")

    @Argument(help: "A profile file, an http(s):// URL of a /debug/pprof endpoint, or - for standard input.")
    var inputPath: String

    @Option(name: .long, help: "The input format, when sniffing is not enough.")
    var from: String?

    @Option(name: .long, help: "How many of the heaviest functions to list.")
    var functions = 10

    @OptionGroup var remote: RemoteOptions

    func run() throws {
        try Console.reportingErrors {
            let format = from.flatMap(FormatRegistry.format(named:))
            let decoded = try Loader.read(inputPath, format: format, options: ReadOptions(), remote: remote.settings)
            print(ProfileSummary(decoded, topFunctions: functions).text, terminator: "")
        }
    }
}
