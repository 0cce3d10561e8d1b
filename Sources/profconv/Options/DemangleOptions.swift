import ArgumentParser
import ProfileCore
import ProfileFormats

extension DemangleMode: ExpressibleByArgument {}

/// How reports show function names, as pprof's `-symbolize=demangle=MODE`.
/// Folded, pprof and flame graph output keep names as stored.
struct DemangleOptions: ParsableArguments {
    @Option(name: .long, help: "Names as pprof's -symbolize=demangle=MODE shows them: default (C++-like names lose (…) and <…>), templates (lose (…) only), full or none (as stored).")
    var demangle: DemangleMode?

    /// The names of the formats that simplify names.
    static let formats = [TopFormat.name, TracesFormat.name, DotFormat.name, GraphMLFormat.name,
                          CallGraphSVGFormat.name, CallgrindFormat.name, ReportFormat.name]

    var given: [String] { demangle == nil ? [] : ["--demangle"] }

    func apply(to options: inout WriteOptions) {
        if let demangle { options[ReportOptions.self].demangle = demangle }
    }
}
