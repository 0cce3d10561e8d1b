/// Whole-profile equality, for round trips (read → write → read) and tests.
///
/// Two profiles are equal when every table holds the same entries in the
/// same order, string ids included: what a lossless pprof round trip keeps.
/// Profiles that say the same with other string ids or table orders are
/// not equal here; compare their ``ProfileDump`` texts for that.
///
/// Written out, not synthesized, because synthesis needs the types' own
/// files; a field added to ``Profile`` must be added here too.
extension Profile: Equatable {
    public static func == (a: Profile, b: Profile) -> Bool {
        a.strings == b.strings && a.sampleTypes == b.sampleTypes && a.samples == b.samples
            && a.mappings == b.mappings && a.locations == b.locations && a.lines == b.lines
            && a.functions == b.functions && a.dropFrames == b.dropFrames && a.keepFrames == b.keepFrames
            && a.timeNanos == b.timeNanos && a.durationNanos == b.durationNanos
            && a.periodType == b.periodType && a.period == b.period && a.comments == b.comments
            && a.defaultSampleType == b.defaultSampleType && a.docURL == b.docURL
    }
}

extension StringTable: Equatable {
    /// The same strings under the same ids, and the same original bytes
    /// of those that were not valid UTF-8 (a pprof writer writes those back).
    public static func == (a: StringTable, b: StringTable) -> Bool {
        a.strings == b.strings && a.originalBytes == b.originalBytes
    }
}

extension SampleTable: Equatable {
    /// The same samples in the same order. `hasDistinctLocationLists` is a
    /// hint about how the table was made, not part of what it holds.
    public static func == (a: SampleTable, b: SampleTable) -> Bool {
        a.valuesPerSample == b.valuesPerSample && a.locations == b.locations && a.locationStart == b.locationStart
            && a.values == b.values && a.labels == b.labels && a.labelStart == b.labelStart
    }
}
