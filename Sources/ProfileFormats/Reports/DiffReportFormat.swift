import ProfileCore

/// `profconv diff`'s table of what changed most, as a writer the pipeline
/// can drive: it draws differences, so it gets the diff as two columns,
/// base then new. Not registered: it means nothing without a base.
public enum DiffReportFormat: ProfileWriter {
    public static let name = "diff-top"
    public static let summary = "the functions and stacks that changed most between two profiles"
    public static var drawsDifferences: Bool { true }

    /// What the diff report lists.
    public struct Options: FormatOptions {
        /// Rows per section; 0 for all.
        public var rows = 20
        public init() {}
    }

    public static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        let newIndex = try profile.sampleIndex(for: options.sampleIndex)
        guard let baseIndex = options.context.diffBaseIndex else {
            throw ProfileError("a diff table needs a base profile to compare with")
        }
        var o = DiffReportWriter.Options()
        o.rows = options[Options.self].rows
        o.unit = profile.strings[profile.sampleTypes[newIndex].unit]
        o.baseName = options.context.baseSources.joined(separator: ", ")
        o.newName = options.context.sources.joined(separator: ", ")
        let table = DiffTable(StackSet(profile, sampleIndices: [baseIndex, newIndex]))
        try DiffReportWriter.write(table, options: o, to: output)
    }
}
