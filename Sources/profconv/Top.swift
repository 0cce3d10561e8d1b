import ArgumentParser
import ProfileCore
import ProfileFormats

struct Top: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the functions with the highest values, like `go tool pprof -top`.",
        discussion: """
              profconv top cpu.pb.gz -n 20
              profconv top heap.pb.gz --sample-index alloc_space --cum --format csv
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var sample: SampleOptions
    @OptionGroup var filters: ReportFilterOptions

    @Option(name: .short, help: "Show at most N rows (the same as --nodecount).")
    var n: Int?
    @Flag(name: .long, help: "Sort by cumulative value instead of flat.")
    var cum = false
    @Option(name: .long, help: "text (pprof's table), csv or json.")
    var format: TopFormat.Style = .text

    func run() throws {
        try Console.reportingErrors {
            var options = WriteOptions(sampleIndex: sample.sampleIndex)
            try filters.apply(to: &options, cumSort: cum)
            if let n { options[ReportOptions.self].nodeCount = n }
            options[TopFormat.Options.self].style = format
            let profile = try input.load()
            let out = try Files.Output(path: "-")
            try TopFormat.write(profile, options: options, to: out.sink)
            try out.commit()
        }
    }
}
