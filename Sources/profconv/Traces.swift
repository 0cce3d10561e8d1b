import ArgumentParser
import ProfileCore
import ProfileFormats

struct Traces: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print every sample's stack with its labels, like `go tool pprof -traces`.")

    @OptionGroup var input: InputOptions
    @OptionGroup var sample: SampleOptions
    @OptionGroup var filters: ReportFilterOptions

    func run() throws {
        try Console.reportingErrors {
            var options = WriteOptions(sampleIndex: sample.sampleIndex)
            try filters.apply(to: &options)
            let profile = try input.load()
            let out = try Files.Output(path: "-")
            try TracesFormat.write(profile, options: options, to: out.sink)
            try out.commit()
        }
    }
}
