import ArgumentParser
import ProfileFormats

/// Every output format's own options, shared by `convert` and `batch` so a
/// format's options work the same in both. A new format with options adds
/// its `@OptionGroup` here (one line) and one line to ``apply(to:)``.
struct ConversionOptionGroups: ParsableArguments {
    @OptionGroup var folded: FoldedOutputOptions
    @OptionGroup(title: "Flame graph options") var flame: FlameGraphOptions
    @OptionGroup(title: "Call graphs and reports (dot, graphml, callgraph, callgrind, top, traces)") var report: ReportFilterOptions

    func apply(to options: inout WriteOptions) throws {
        folded.apply(to: &options)
        try flame.apply(to: &options)
        try report.apply(to: &options)
    }
}
