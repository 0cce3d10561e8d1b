import ArgumentParser
import ProfileFormats

@main
struct Profconv: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profconv",
        abstract: "Convert, inspect and draw Go performance profiles.",
        discussion: """
            Inputs are files, `-` for standard input; their format is found from \
            their content (gzip is undone first). `profconv formats` lists the formats.
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
        Signals.installCleanupHandlers()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
