#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import ProfileCore
import ProfileFormats
import ProfileSynthetic

/// Makes deterministic synthetic inputs for benchmarks (hidden: a tool for
/// developers, not users).
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write deterministic synthetic inputs (for benchmarks).",
        discussion: """
            --kind cpu: a CPU profile in any format (by the output's extension or --to).
            --kind goroutines: a Go 1.19 debug=2 goroutine dump (text).
            --kind mixed-dir: a directory of --count small profiles in mixed formats.
            """,
        shouldDisplay: false)

    enum Kind: String, ExpressibleByArgument, CaseIterable { case cpu, goroutines, mixedDir = "mixed-dir" }
    enum Size: String, ExpressibleByArgument, CaseIterable {
        case small, medium, large, xlarge

        /// xlarge is 4 × large for cpu profiles; other kinds take large for it.
        func pick<T>(_ small: T, _ medium: T, _ large: T, _ xlarge: T? = nil) -> T {
            switch self {
            case .small: return small
            case .medium: return medium
            case .large: return large
            case .xlarge: return xlarge ?? large
            }
        }
    }

    @Option(help: "cpu, goroutines or mixed-dir.")
    var kind: Kind = .cpu

    @Option(help: """
        cpu: small, medium (5k functions, 50k stacks, 200k samples), large (20k, 400k, 2M) or xlarge (4 × large); \
        goroutines: small (300 goroutines), medium (20k over 100 stacks) or large (200k over 300; also for xlarge).
        """)
    var size: Size = .small

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(help: "mixed-dir: how many files.")
    var count: Int = 500

    @Option(name: .shortAndLong, help: ArgumentHelp("The output file (a directory for mixed-dir); - or none for standard output.", valueName: "file"))
    var output: String = "-"

    @Option(help: "cpu: the output format (see `profconv formats`); by default from the output file's extension.")
    var to: String?

    func validate() throws {
        if kind == .mixedDir && output == "-" { throw ValidationError("mixed-dir needs an output directory: -o DIR") }
        if kind != .cpu && to != nil { throw ValidationError("--to applies to --kind cpu only") }
        if count < 1 { throw ValidationError("--count must be at least 1") }
    }

    func run() throws {
        try Console.reportingErrors {
            switch kind {
            case .cpu:
                var p = size.pick(SyntheticProfile.Parameters.small, .medium, .large, .xlarge)
                p.seed = seed
                var args = ["-o", output]
                if let to { args += ["--to", to] }
                let target = try OutputOptions.parse(args)
                _ = try target.target.write(SyntheticProfile.make(p), as: try target.format(), options: WriteOptions())
            case .goroutines:
                var p = size.pick(SyntheticGoroutineDump.Parameters.small, .medium, .large)
                p.seed = seed
                _ = try ProfileOutput(path: output).write { sink in try SyntheticGoroutineDump.write(p) { try sink.write($0) } }
            case .mixedDir:
                try MixedDirectory.write(count: count, seed: seed, to: output)
            }
        }
    }
}

/// Writes a ``SyntheticCorpus`` plan as files.
enum MixedDirectory {
    static func write(count: Int, seed: UInt64, to directory: String) throws {
        if mkdir(directory, 0o755) != 0 && errno != EEXIST {
            throw ProfileError("cannot create the directory", file: directory)
        }
        for entry in SyntheticCorpus.plan(count: count, seed: seed) {
            let out = ProfileOutput(path: directory + "/" + entry.name)
            switch entry.content {
            case .pprof(let p):
                _ = try out.write(SyntheticProfile.make(p), as: PprofFormat.self, options: WriteOptions())
            case .folded(let p):
                _ = try out.write(SyntheticProfile.make(p), as: FoldedFormat.self, options: WriteOptions())
            case .debug1(let p):
                _ = try out.write(SyntheticProfile.make(p), as: GoDebug1Format.self, options: WriteOptions())
            case .debug2(let p):
                _ = try out.write { sink in try SyntheticGoroutineDump.write(p) { try sink.write($0) } }
            }
        }
    }
}
