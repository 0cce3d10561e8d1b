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

    // Each command names itself (`commandName:`): a name derived from the
    // type (`String(describing:)`) costs a scan of every protocol
    // conformance the process loaded, at every start.

    /// The commands that read profiles, and so take the readers' options.
    static let readingCommands: [any ParsableCommand.Type] = [
        Convert.self, Batch.self, FlameGraphCommand.self, Top.self, Traces.self, Diff.self, Leaks.self,
        Report.self, Info.self,
    ]

    static func main() {
        Interruption.installCleanupHandlers()
        Glibc.exit(run(Array(CommandLine.arguments.dropFirst())))
    }

    /// Runs the command `arguments` name (the command line without the
    /// program's name) and returns the exit status; help, version and errors
    /// are shown on ``StandardStreams/current``. Everything the binary does
    /// but install signal handlers and exit, so tests can run it in process.
    static func run(_ arguments: [String]) -> Int32 {
        do {
            var command = try parseAsRoot(parserArguments(arguments))
            try command.run()
            return ExitCode.success.rawValue
        } catch {
            return report(error, arguments: arguments)
        }
    }

    /// The arguments as the parser takes them: pprof's spellings and the
    /// readers' options rewritten (``PprofSpellings``, ``ReaderArguments``).
    static func parserArguments(_ given: [String]) -> [String] {
        ReaderArguments.translate(PprofSpellings.translate(given), readsInputs: { name in
            readingCommands.contains { $0._commandName == name }
        }, ownOptions: ownLongOptions)
    }

    /// The `--NAME` options command `name` declares, read from its help.
    static func ownLongOptions(_ name: String) -> Set<String> {
        guard let command = readingCommands.first(where: { $0._commandName == name }) else { return [] }
        var names: Set<String> = []
        for word in command.helpMessage(columns: 400).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," || $0 == "=" }) {
            guard word.hasPrefix("--"), word.count > 2 else { continue }
            names.insert(String(word.dropFirst(2).prefix { $0.isLetter || $0.isNumber || $0 == "-" }))
        }
        return names
    }

    /// The help of a command that reads ends with the readers' option groups.
    static func helpAddition(for arguments: [String]) -> String? {
        guard let first = arguments.first,
              readingCommands.contains(where: { $0._commandName == first }) || (first == "help" && arguments.count > 1
                  && readingCommands.contains { $0._commandName == arguments[1] }) else { return nil }
        let asksHelp = first == "help" || arguments.contains { $0 == "--help" || $0 == "-h" }
        return asksHelp ? ReaderArguments.help : nil
    }

    /// Shows `error` and returns its exit status: help and version as
    /// ArgumentParser prints them (on standard output), an exit code thrown
    /// after an error was printed as that code alone, and a usage error as
    /// one `profconv: error:` line, the style of every other error, that
    /// says where to read more.
    static func report(_ error: Error, arguments: [String]) -> Int32 {
        let code = exitCode(for: error)
        let text = message(for: error)
        if code == .success || text.isEmpty {
            // Streams bound by a caller have no terminal to take the width
            // from: 80 columns, ArgumentParser's width for a pipe.
            let columns = StandardStreams.current == .process ? nil : 80
            var full = fullMessage(for: error, columns: columns)
            if code == .success, let more = helpAddition(for: arguments) {
                while full.hasSuffix("\n") { full.removeLast() }
                full += "\n" + more
                while full.hasSuffix("\n") { full.removeLast() }
            }
            if !full.isEmpty {
                let streams = StandardStreams.current
                Console.write(full + "\n", to: code == .success ? streams.output : streams.error)
            }
            return code.rawValue
        }
        var help = "profconv --help"
        if let sub = configuration.subcommands.first(where: { $0._commandName == arguments.first }) {
            help = "profconv \(sub._commandName) --help"
        }
        if let habit = PprofHabits.hint(for: arguments) {
            Console.printError("profconv: error: \(text) (\(habit))")
            return code.rawValue
        }
        Console.printError("profconv: error: \(text) (see '\(help)')")
        return code.rawValue
    }
}
