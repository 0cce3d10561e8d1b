import ArgumentParser
import ProfileCore
import ProfileFormats

/// Makes deterministic synthetic profiles for benchmarks (hidden: a tool for
/// developers, not users).
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a deterministic synthetic CPU profile (for benchmarks).",
        shouldDisplay: false)

    enum Size: String, ExpressibleByArgument, CaseIterable { case small, medium, large }

    @Option(help: "small, medium (5k functions, 50k stacks, 200k samples) or large (20k, 400k, 2M).")
    var size: Size = .small

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @OptionGroup var output: OutputOptions

    func run() throws {
        try Console.reportingErrors {
            var p: SyntheticProfile.Parameters
            switch size {
            case .small: p = .small
            case .medium: p = .medium
            case .large: p = .large
            }
            p.seed = seed
            try output.write(SyntheticProfile.make(p), options: WriteOptions())
        }
    }
}
