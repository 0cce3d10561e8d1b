import ProfileCore

/// Safari's Web Inspector timeline recording, as its Timelines tab exports
/// it (`….html-recording.json`): `{"version": 1, "recording": {…}}` with the
/// JavaScript sampling profiler's stack traces and durations, in either of
/// the two layouts Safari has written:
/// - `recording.sampleStackTraces` with `recording.sampleDurations`
///   (the layout of WebKit's own export test and of Safari 13 to 26.3);
/// - `recording.samples`, a list of `{"stackTraces": […], "durations": […]}`
///   (Safari 26.4).
///
/// Each stack trace is one sample, `{"timestamp": s, "stackFrames": […]}`,
/// its frames leaf first, with the sample types `samples/count` and
/// `cpu/nanoseconds` (its duration). A frame is its `name`, or, as
/// speedscope names them, `(anonymous FILE:LINE)` with the last component
/// of its `url`, or `(anonymous)`; the `url` is its file. The other
/// timeline records (network, layout, rendering) are skipped.
public enum SafariFormat: ProfileReader {
    public static let name = "safari"
    public static let aliases = ["webkit", "web-inspector", "safari-timeline"]
    public static let extensions = ["html-recording.json"]
    public static let summary = "Safari's Web Inspector timeline recording (Timelines → Export): its JavaScript samples (read only)"

    /// An object with `version` and `recording`; or, where the prefix ends
    /// inside the recording's records, the record types Web Inspector names.
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence {
        let keys = JSONPrefixKeys(prefix)
        guard keys.isObject, keys.contains("recording") else { return .no }
        let text = TextEncoding.droppingUTF8BOM(prefix)
        if ByteSearch.find(text, "\"sampleStackTraces\"") != nil || ByteSearch.find(text, "\"stackTraces\"") != nil
            || ByteSearch.find(text, "\"timeline-record-type-") != nil { return .certainly }
        return keys.contains("version") ? .maybe : .no
    }

    public static var jsonShape: String? {
        "{\"version\": 1, \"recording\": {\"sampleStackTraces\": [{\"timestamp\": …, \"stackFrames\": […]}], \"sampleDurations\": […]}} or its \"samples\": [{\"stackTraces\", \"durations\"}] (Safari timeline recording)"
    }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        var s = JSONScanner(TextEncoding.droppingUTF8BOM(input), what: "the Safari timeline recording")
        var reader = SafariRecordingReader()
        try reader.readDocument(&s, maxDepth: options.maxStackDepth)
        try s.expectEnd()
        return try reader.build()
    }
}
