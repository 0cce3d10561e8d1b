#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import ProfileFormats

@main
struct Profconv: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profconv",
        abstract: "Convert, inspect and draw Go performance profiles.",
        discussion: """
            Inputs are files, `-` for standard input, or http(s):// URLs of a live \
            /debug/pprof endpoint; their format is found from their content (gzip is \
            undone first). Every command reads, transforms (--sample-index, --focus, \
            --hide, --hide-runtime, …) and writes the same way. go tool pprof's spellings \
            (-sample_index=…, -nodecount=…, -focus=…, -diff_base, -lines, …) are accepted too. \
            `profconv formats` lists the formats.

              profconv top http://127.0.0.1:6060/debug/pprof/goroutine
              profconv flamegraph cpu.pb.gz -o cpu.svg
            """,
        version: "0.1.0",
        subcommands: [
            Convert.self,
            Batch.self,
            FlameGraphCommand.self,
            Top.self,
            Traces.self,
            Diff.self,
            Leaks.self,
            Report.self,
            Info.self,
            Formats.self,
            Generate.self,
        ])

    static func main() {
        Interruption.installCleanupHandlers()
        do {
            var command = try parseAsRoot(PprofSpellings.translate(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            exit(reporting: error)
        }
    }

    /// Exits for `error`: help and version as ArgumentParser prints them,
    /// an exit code thrown after an error was printed as that code alone,
    /// and a usage error as one `profconv: error:` line, the style of every
    /// other error, that says where to read more.
    static func exit(reporting error: Error) -> Never {
        let code = exitCode(for: error)
        let text = message(for: error)
        if code == .success || text.isEmpty { exit(withError: error) }
        var help = "profconv --help"
        let first = CommandLine.arguments.dropFirst().first
        if let sub = configuration.subcommands.first(where: { $0._commandName == first }) {
            help = "profconv \(sub._commandName) --help"
        }
        Console.printError("profconv: error: \(text) (see '\(help)')")
        Glibc.exit(code.rawValue)
    }
}
