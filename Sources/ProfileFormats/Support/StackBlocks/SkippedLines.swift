/// Lines a reader skipped, by what was wrong with them: how many, the
/// first few line numbers and the text of the first, for one warning per
/// kind (as inferno logs them, without a warning per line of a bad file).
struct SkippedLines {
    struct Kind {
        var what: String
        var count = 0
        var lines: [Int] = []
        var firstText = ""
    }
    private(set) var kinds: [Kind] = []
    /// The line numbers kept per kind.
    static let linesKept = 5

    /// Notes that line `line` (text `text`) was skipped as `what` (`weird stack line`).
    mutating func note(_ what: String, line: Int, text: UnsafeRawBufferPointer) {
        let t = FrameText.trimmed(text, 0, text.count)
        note(what, line: line, text: text.slice(t.lowerBound, t.upperBound).excerpt)
    }

    mutating func note(_ what: String, line: Int, text: @autoclosure () -> String) {
        let k = kinds.firstIndex { $0.what == what } ?? { kinds.append(Kind(what: what)); return kinds.count - 1 }()
        kinds[k].count += 1
        if kinds[k].lines.count < Self.linesKept { kinds[k].lines.append(line) }
        if kinds[k].count == 1 { kinds[k].firstText = text() }
    }

    /// Adds the lines another piece of the input skipped, which follows `firstLine` lines.
    mutating func add(_ other: SkippedLines, firstLine: Int) {
        for o in other.kinds {
            let k = kinds.firstIndex { $0.what == o.what } ?? { kinds.append(Kind(what: o.what, firstText: o.firstText)); return kinds.count - 1 }()
            kinds[k].count += o.count
            for line in o.lines where kinds[k].lines.count < Self.linesKept { kinds[k].lines.append(firstLine + line) }
        }
    }

    var isEmpty: Bool { kinds.isEmpty }

    /// The lines skipped, of every kind.
    var count: Int { kinds.reduce(0) { $0 + $1.count } }

    /// One warning per kind: `skipped 2 weird stack lines (lines 5, 9; first: "…")`.
    func report(into warnings: inout Warnings) {
        for k in kinds {
            let lines = k.lines.map(String.init).joined(separator: ", ") + (k.count > k.lines.count ? ", …" : "")
            warnings.add("line \(k.lines[0]): skipped \(k.count) \(k.what)\(k.count == 1 ? "" : "s") (line\(k.count == 1 ? "" : "s") \(lines); first: \"\(k.firstText)\")")
        }
    }
}

import ProfileCore
