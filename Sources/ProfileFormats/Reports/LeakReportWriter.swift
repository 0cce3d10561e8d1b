import ProfileCore

/// Writes a `LeakReport` as a text table, CSV or JSON.
///
/// JSON schema (`"schema": "profconv.leaks/1"`), every key always present:
/// ```
/// { "schema": "profconv.leaks/1",
///   "grouping": "stack" | "creator" | "leaf",
///   "score": "<the formula>",
///   "snapshots": [ { "name": string, "time": "2026-11-26T16:37:49Z" | null,
///                    "goroutines": int, "dump": bool } ],      // analysis order
///   "notes": [ string ],
///   "groups": [ { "rank": int,                                 // 1 = most likely leak
///                 "score": number, "frames": [ string ],       // key; a stack is root first
///                 "site": string,                              // "func file:line"
///                 "counts": [ int ],                           // one per snapshot
///                 "growth": int, "growthPerMinute": number | null,
///                 "monotonic": bool, "steadiness": number,     // 0…1
///                 "share": number,                             // 0…1, of the last snapshot
///                 "states": [ { "state": string, "count": int } ],
///                 "longestWaitMinutes": int | null,            // null without debug=2
///                 "creatorFromOutermostFrame": bool } ] }
/// ```
public enum LeakReportWriter {
    /// The output form: an aligned text table, JSON, or CSV.
    public enum Style: String, CaseIterable, Sendable { case table, json, csv }

    public static func write(_ report: LeakReport, style: Style, to output: ByteSink) throws {
        switch style {
        case .table: try table(report, output)
        case .json: try json(report, output)
        case .csv: try csv(report, output)
        }
    }

    /// A number with at most three decimals, no exponent for the values reports hold.
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        var bytes: [UInt8] = []
        DecimalText.appendFixed(v, places: 3, to: &bytes, signedZero: false)
        while bytes.last == UInt8(ascii: "0") { bytes.removeLast() }
        if bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func percent(_ share: Double) -> String { ValueText.decimal(share * 100) + "%" }

    static func signed(_ v: Int64) -> String { v > 0 ? "+\(v)" : "\(v)" }

    private static func table(_ r: LeakReport, _ out: ByteSink) throws {
        try out.write("Snapshots:\n")
        for (i, s) in r.snapshots.enumerated() {
            let time = s.timeNanos != 0 ? ProfileSummary.utc(s.timeNanos) + ", " : ""
            try out.write("  \(i + 1). \(s.name) (\(time)\(s.total) goroutines\(s.hasStates ? ", dump" : ""))\n")
        }
        for n in r.notes { try out.write("Note: \(n)\n") }
        try out.write("Groups by \(r.grouping.rawValue), ranked by \(LeakScore.formula)\n")
        if r.groups.isEmpty {
            try out.write("No group grew.\n")
            return
        }
        let dumps = r.snapshots.contains { $0.hasStates }
        var header = ["rank", "score", "growth", "per min", "counts", "share", "monotonic"]
        if dumps { header += ["wait", "state"] }
        var rows: [[String]] = []
        for (i, g) in r.groups.enumerated() {
            var row = ["\(i + 1)", number(g.score), signed(g.growth),
                       g.growthPerMinute.map { ($0 > 0 ? "+" : "") + ValueText.decimal($0) } ?? "-",
                       g.counts.map(String.init).joined(separator: "→"), percent(g.share), g.isMonotonic ? "yes" : "no"]
            if dumps {
                row.append(g.longestWaitMinutes.map { $0 == 0 ? "<1 min" : "\($0) min" } ?? "-")
                row.append(g.states.map { "\($0.state) ×\($0.count)" }.joined(separator: ", "))
            }
            rows.append(row)
        }
        var widths = header.map(\.count)
        for row in rows { for (c, cell) in row.enumerated() { widths[c] = max(widths[c], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, cell in
                c == cells.count - 1 ? cell : (c < 4 || c == 5 ? String(repeating: " ", count: widths[c] - cell.count) + cell : cell.padded(widths[c]))
            }.joined(separator: "  ")
        }
        try out.write(line(header) + "\n")
        for (i, g) in r.groups.enumerated() {
            try out.write(line(rows[i]) + "\n")
            try out.write("      at \(g.site)\n")
            if r.grouping == .stack && g.frames.count > 1 {
                try out.write("      stack \(g.frames.reversed().joined(separator: " ← "))\n")
            }
            if g.creatorFromOutermostFrame { try out.write("      (outermost frame: no `created by` in this input)\n") }
        }
    }

    private static func json(_ r: LeakReport, _ out: ByteSink) throws {
        try out.write("{\"schema\":\"profconv.leaks/1\",\"grouping\":\(Escape.json(r.grouping.rawValue)),\"score\":\(Escape.json(LeakScore.formula)),\n\"snapshots\":[")
        for (i, s) in r.snapshots.enumerated() {
            let time = s.timeNanos != 0 ? Escape.json(ProfileSummary.utc(s.timeNanos)) : "null"
            try out.write((i > 0 ? ",\n" : "\n") + "{\"name\":\(Escape.json(s.name)),\"time\":\(time),\"goroutines\":\(s.total),\"dump\":\(s.hasStates)}")
        }
        try out.write("],\n\"notes\":[" + r.notes.map(Escape.json).joined(separator: ",") + "],\n\"groups\":[")
        for (i, g) in r.groups.enumerated() {
            let states = g.states.map { "{\"state\":\(Escape.json($0.state)),\"count\":\($0.count)}" }.joined(separator: ",")
            var fields: [String] = []
            fields.append("\"rank\":\(i + 1)")
            fields.append("\"score\":" + number(g.score))
            fields.append("\"frames\":[" + g.frames.map(Escape.json).joined(separator: ",") + "]")
            fields.append("\"site\":" + Escape.json(g.site))
            fields.append("\"counts\":[" + g.counts.map(String.init).joined(separator: ",") + "]")
            fields.append("\"growth\":\(g.growth)")
            fields.append("\"growthPerMinute\":" + (g.growthPerMinute.map(number) ?? "null"))
            fields.append("\"monotonic\":\(g.isMonotonic)")
            fields.append("\"steadiness\":" + number(g.steadiness))
            fields.append("\"share\":" + number(g.share))
            fields.append("\"states\":[" + states + "]")
            fields.append("\"longestWaitMinutes\":" + (g.longestWaitMinutes.map(String.init) ?? "null"))
            fields.append("\"creatorFromOutermostFrame\":\(g.creatorFromOutermostFrame)")
            try out.write((i > 0 ? ",\n{" : "\n{") + fields.joined(separator: ",") + "}")
        }
        try out.write("\n]}\n")
    }

    private static func csv(_ r: LeakReport, _ out: ByteSink) throws {
        let counts = r.snapshots.indices.map { "count_\($0 + 1)" }.joined(separator: ",")
        try out.write("rank,score,growth,growth_per_minute,\(counts),monotonic,share,longest_wait_minutes,states,site,frames\n")
        for (i, g) in r.groups.enumerated() {
            let fields = ["\(i + 1)", number(g.score), "\(g.growth)", g.growthPerMinute.map(number) ?? "",
                          g.counts.map(String.init).joined(separator: ","), g.isMonotonic ? "true" : "false", number(g.share),
                          g.longestWaitMinutes.map(String.init) ?? "",
                          Escape.csv(g.states.map { "\($0.state)=\($0.count)" }.joined(separator: ";")),
                          Escape.csv(g.site), Escape.csv(g.frames.joined(separator: ";"))]
            try out.write(fields.joined(separator: ",") + "\n")
        }
    }
}
