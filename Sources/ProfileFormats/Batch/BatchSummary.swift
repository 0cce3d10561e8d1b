/// The end of a batch for people (``text``) and for scripts (``report``):
/// what was converted, skipped and failed, each skip and failure with its
/// reason. Items appear in plan order, so both are deterministic.
public struct BatchSummary: Sendable {
    /// One result per item, in plan order.
    public var results: [BatchResult]
    /// For `--merge`: the merged output, and why it could not be written.
    public var mergedOutput: String?
    /// nil unless the merged output could not be written.
    public var mergeFailure: String?

    /// A summary of `results` and of the merge, if any.
    public init(results: [BatchResult], mergedOutput: String? = nil, mergeFailure: String? = nil) {
        self.results = results
        self.mergedOutput = mergedOutput
        self.mergeFailure = mergeFailure
    }

    /// The items converted.
    public var converted: [BatchResult] { results.filter { if case .converted = $0.outcome { true } else { false } } }
    /// The items skipped (not profiles, or up to date).
    public var skipped: [BatchResult] { results.filter { if case .skipped = $0.outcome { true } else { false } } }
    /// The items that failed.
    public var failed: [BatchResult] { results.filter { if case .failed = $0.outcome { true } else { false } } }

    /// Whether everything that is a profile was converted (and merged).
    public var succeeded: Bool { failed.isEmpty && mergeFailure == nil }

    /// A few lines: the counts, then one line per skipped input (up-to-date
    /// ones only counted) and per failure. Names are quoted and reasons
    /// escaped where they hold control characters, so that no file name can
    /// add a line of its own.
    public var text: String {
        let upToDate = skipped.filter { $0.outcome == .skipped(upToDateReason) }.count
        var s = "converted \(converted.count), skipped \(skipped.count)"
        if upToDate > 0 { s += " (\(upToDate) up to date)" }
        s += ", failed \(failed.count)\n"
        for r in skipped where r.outcome != .skipped(upToDateReason) {
            if case .skipped(let why) = r.outcome { s += "  skipped \(Escape.quotedName(r.item.relativeInput)): \(Escape.oneLine(why))\n" }
        }
        for r in failed {
            if case .failed(let why) = r.outcome { s += "  failed  \(Escape.quotedName(r.item.relativeInput)): \(Escape.oneLine(why))\n" }
        }
        if let mergedOutput {
            if let mergeFailure {
                s += "  merge failed: \(Escape.oneLine(mergeFailure))\n"
            } else if !converted.isEmpty {
                s += "merged \(converted.count) profile\(converted.count == 1 ? "" : "s") into \(Escape.quotedName(mergedOutput))\n"
            }
        }
        return s
    }

    /// The `--report` file: one JSON line per item, in plan order (see
    /// ``reportLine(_:merging:)``), then the summary's line:
    /// `{"summary":{"converted":N,"skipped":N,"failed":N,"merged":{"output","failure"},"ok":bool}}`.
    public var report: String {
        var s = ""
        for r in results { s += Self.reportLine(r, merging: mergedOutput != nil) }
        s += "{\"summary\":{\"converted\":\(converted.count),\"skipped\":\(skipped.count),\"failed\":\(failed.count)"
        if let mergedOutput {
            s += ",\"merged\":{\"output\":\(Escape.json(mergedOutput)),\"failure\":\(mergeFailure.map(Escape.json) ?? "null")}"
        }
        s += ",\"ok\":\(succeeded)}}\n"
        return s
    }

    /// One item as a line of JSON: `{"input","outcome":"converted","output","from","warnings"}`,
    /// or `{"input","outcome":"skipped"|"failed","reason"}`. A batch appends
    /// these as items finish, so a killed batch leaves a report of what did.
    public static func reportLine(_ r: BatchResult, merging: Bool) -> String {
        var s = "{\"input\":\(Escape.json(r.item.input)),\"outcome\":"
        switch r.outcome {
        case .converted(let from):
            s += "\"converted\","
            if !merging { s += "\"output\":\(Escape.json(r.item.output))," }
            s += "\"from\":\(Escape.json(from))"
            if !r.warnings.isEmpty { s += ",\"warnings\":[" + r.warningLines.map(Escape.json).joined(separator: ",") + "]" }
        case .skipped(let why):
            s += "\"skipped\",\"reason\":\(Escape.json(why))"
        case .failed(let why):
            s += "\"failed\",\"reason\":\(Escape.json(why))"
        }
        return s + "}\n"
    }
}
