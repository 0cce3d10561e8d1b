import ProfileCore

/// The Firefox Profiler's formats: the Gecko profile that Firefox's own
/// profiler writes (`MOZ_PROFILER_SHUTDOWN`, about:profiling's raw export,
/// `Services.profiler.getProfileDataAsync()`), and the processed profile
/// that profiler.firefox.com saves and uploads. Both are JSON, gzipped or
/// not, told apart by `meta.preprocessedProfileVersion`, which only the
/// processed profile has.
///
/// Every thread of every process (a Gecko profile's subprocess profiles
/// in `processes` included) gives its samples, labelled `thread`, `pid`
/// and `tid`, with the sample types `samples/count` (the processed
/// profile's `weight`) and `cpu/nanoseconds` (`threadCPUDelta`, where
/// `meta.sampleUnits` says it is ns or µs). Frames are named as the
/// profiler's processing names them: JS functions with their file and
/// line, label frames as they are, native frames as their `0x…` address
/// until something symbolizes them.
///
/// Gecko versions 5 to 36 and processed versions 41 to 70 are read; others
/// are refused with the versions profconv reads.
public enum FirefoxFormat: ProfileReader {
    public static let name = "firefox"
    public static let aliases = ["gecko", "firefox-profiler", "gecko-profile"]
    public static let extensions: [String] = []
    public static let summary = "The Firefox Profiler's Gecko profile (MOZ_PROFILER_SHUTDOWN, about:profiling) and processed profile (profiler.firefox.com) (read only)"

    static let sampleTypes: [(type: String, unit: String)] = [("samples", "count"), ("cpu", "nanoseconds")]

    /// An object with `meta` and `threads` (or, in a prefix that ends in the
    /// `libs` Firefox writes first, a `meta` still to come and a library's
    /// `breakpadId`).
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence {
        let keys = JSONPrefixKeys(prefix)
        guard keys.isObject else { return .no }
        if keys.contains("meta"), keys.contains("threads") || keys.contains("processes") || keys.contains("libs") { return .certainly }
        guard keys.truncated, let first = keys.keys.first, first == "meta" || first == "libs" else { return .no }
        let text = TextEncoding.droppingUTF8BOM(prefix)
        if ByteSearch.find(text, "\"preprocessedProfileVersion\"") != nil { return .certainly }
        return ByteSearch.find(text, "\"breakpadId\"") != nil || ByteSearch.find(text, "\"stackwalk\"") != nil ? .maybe : .no
    }

    public static var jsonShape: String? {
        "{\"meta\": {\"version\": …}, \"threads\": [{\"samples\": {\"schema\": …, \"data\": …}, \"stackTable\": …, \"stringTable\": […]}], \"processes\": […]} (Gecko profile) or {\"meta\": {\"preprocessedProfileVersion\": …}, \"shared\": …, \"threads\": […]} (processed Firefox profile)"
    }

    public static var mergesSamplesByStack: Bool { true }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        var s = JSONScanner(TextEncoding.droppingUTF8BOM(input), what: "the Firefox profile")
        let profiles = try FirefoxParts.scan(&s)
        try s.expectEnd()
        let parts = profiles[0]
        guard let metaAt = parts.meta else { throw ProfileError.atByte(parts.start, "a Firefox profile without \"meta\"") }
        s.seek(to: metaAt)
        let meta = try FirefoxMeta.read(&s)
        if meta.processedVersion != nil {
            return try ProcessedProfileReader.read(&s, parts, meta, metaAt: metaAt, options: options)
        }
        try GeckoProfileReader.check(meta, at: metaAt)
        return try GeckoProfileReader.read(&s, profiles, meta, options: options)
    }
}
