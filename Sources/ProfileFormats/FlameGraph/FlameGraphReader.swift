import CLibXML2
import ProfileCore

/// Recovers stacks from a flame graph SVG drawn by flamegraph.pl, inferno or
/// profconv, read with libxml2's streaming reader under `XMLSafety` (no network,
/// no DTD loading, no entity declarations, no huge tokens).
///
/// Each `<g>` holding a `<title>NAME (COUNT UNIT, …)</title>` and a `<rect>` is
/// a frame. Depth comes from the rectangle's `y`, nesting from its horizontal
/// extent (`fg:x`/`fg:w` in samples when present, else `x`/`width`); a frame's
/// own value is its count minus its children's, so frames pruned by minwidth
/// stay accounted to their parent.
enum FlameGraphReader {
    struct RawFrame {
        var name: String
        var count: Int64
        var x: Double
        var width: Double
        var y: Double
        var depth = 0
        var parent = -1
    }

    static func read(_ input: UnsafeRawBufferPointer, warnings: inout Warnings) throws -> Profile {
        let (frames, countName) = try scan(input)
        guard let rootIndex = frames.indices.filter({ frames[$0].name == "all" }).max(by: { frames[$0].width < frames[$1].width })
                ?? frames.indices.max(by: { frames[$0].width < frames[$1].width }) else {
            throw ProfileError("this SVG has no flame graph frames (no <g> with a <title> and a <rect>)")
        }
        var f = frames
        assignDepths(&f, root: rootIndex)
        try assignParents(&f, root: rootIndex)
        return build(f, root: rootIndex, countName: countName)
    }

    /// Frames in document order, and the unit word of the titles.
    private static func scan(_ input: UnsafeRawBufferPointer) throws -> ([RawFrame], String) {
        try XMLSafety.refuseEntityDeclarations(input, document: "SVG")
        guard let base = input.baseAddress?.assumingMemoryBound(to: CChar.self),
              let reader = xmlReaderForMemory(base, Int32(clamping: input.count), nil, nil, XMLSafety.parseOptions) else {
            throw ProfileError("the SVG is empty")
        }
        defer { xmlFreeTextReader(reader) }
        let errors = XMLSafety.ErrorCapture()
        errors.install(on: reader)
        var frames: [RawFrame] = []
        var countName = "samples"
        var title: String?
        var inTitle = false
        var titleText = ""
        var rect: (x: Double, w: Double, y: Double, fx: Double?, fw: Double?, a: String)?
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { break }
            if status < 0 {
                throw errors.error(document: "SVG", fallbackLine: Int(xmlTextReaderGetParserLineNumber(reader)))
            }
            let type = xmlTextReaderNodeType(reader)
            let name = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
            switch type {
            case 1:  // element
                if name == "g" {
                    title = nil
                    rect = nil
                } else if name == "title" {
                    inTitle = xmlTextReaderIsEmptyElement(reader) == 0
                    titleText = ""
                } else if name == "rect", title != nil, rect == nil {
                    func attr(_ n: String) -> Double? {
                        guard let v = xmlTextReaderGetAttribute(reader, n) else { return nil }
                        defer { profconv_xmlFree(v) }
                        return number(String(cString: v))
                    }
                    var annotation = ""
                    if let v = xmlTextReaderGetAttribute(reader, "fg:a") {
                        // profconv keeps the annotation its label dropped: `_[k]` etc.
                        let a = String(cString: v)
                        profconv_xmlFree(v)
                        if a.count == 1, "kijw".contains(a) { annotation = "_[" + a + "]" }
                    }
                    rect = (attr("x") ?? 0, attr("width") ?? 0, attr("y") ?? 0, attr("fg:x"), attr("fg:w"), annotation)
                }
            case 3, 4:  // text, CDATA
                if inTitle, let v = xmlTextReaderConstValue(reader) { titleText += String(cString: v) }
            case 15:  // end element
                if name == "title" {
                    inTitle = false
                    title = titleText
                } else if name == "g", let t = title, let r = rect {
                    if let (n, c, unit) = parseTitle(t) {
                        // A count of one is written in the singular.
                        countName = c == 1 ? CountWords.plural(unit) : unit
                        frames.append(RawFrame(name: n + r.a, count: c, x: r.fx ?? r.x, width: r.fw ?? r.w, y: r.y))
                    }
                    title = nil
                    rect = nil
                }
            default: break
            }
        }
        return (frames, countName)
    }

    /// `NAME (1,234 samples, 12.34%)` or `…, 12.34%; +1.00%)` → name, count, unit.
    static func parseTitle(_ t: String) -> (String, Int64, String)? {
        let u = Array(t.utf8)
        guard u.last == UInt8(ascii: ")") else { return nil }
        // The last " (" opens the counts: names may contain parentheses.
        var open = u.count - 2
        while open > 0 && !(u[open] == UInt8(ascii: "(") && u[open - 1] == UInt8(ascii: " ")) { open -= 1 }
        guard open > 0 else { return nil }
        let inner = u[(open + 1)..<(u.count - 1)]
        guard let space = inner.firstIndex(of: UInt8(ascii: " ")) else { return nil }
        var digits = ""
        for b in inner[..<space] where b != UInt8(ascii: ",") { digits.append(Character(UnicodeScalar(b))) }
        guard let value = Double(digits), value >= 0, value < 9.2e18 else { return nil }
        let rest = inner[(space + 1)...]
        let unitEnd = rest.firstIndex(of: UInt8(ascii: ",")) ?? rest.endIndex
        return (String(decoding: u[..<(open - 1)], as: UTF8.self), Int64(value.rounded()),
                String(decoding: rest[..<unitEnd], as: UTF8.self))
    }

    /// `12.5`, `12.5%`, `12.5px` → 12.5.
    private static func number(_ s: String) -> Double? {
        var t = Substring(s)
        while let l = t.last, !(l.isNumber || l == ".") { t = t.dropLast() }
        // NaN and infinities would poison the ordering of frames by position.
        guard let v = Double(t), v.isFinite else { return nil }
        return v
    }

    /// Depth = rank of the frame's row counted from the root's row, which is
    /// the bottom row in a flame graph and the top row in an icicle graph.
    private static func assignDepths(_ f: inout [RawFrame], root: Int) {
        let key = { (y: Double) in Int64(saturating: (y * 10).rounded()) }
        let rows = Set(f.map { key($0.y) }).sorted()
        let rootRow = key(f[root].y)
        let rootAtBottom = rootRow == rows.last
        var rank: [Int64: Int] = [:]
        for (i, r) in (rootAtBottom ? rows.reversed() : rows).enumerated() { rank[r] = i }
        let offset = rank[rootRow]!
        for i in f.indices { f[i].depth = rank[key(f[i].y)]! - offset }
    }

    /// The parent of a frame is the frame one row nearer the root whose extent
    /// holds the frame's centre.
    private static func assignParents(_ f: inout [RawFrame], root: Int) throws {
        let maxDepth = f.reduce(0) { max($0, $1.depth) }
        var rows = [[Int]](repeating: [], count: maxDepth + 1)
        for i in f.indices where f[i].depth >= 0 && i != root { rows[f[i].depth].append(i) }
        rows[0] = [root]
        for d in rows.indices { rows[d].sort { f[$0].x < f[$1].x } }
        for d in 1..<max(1, rows.count) {
            let above = rows[d - 1]
            for i in rows[d] {
                let centre = f[i].x + f[i].width / 2
                var lo = 0, hi = above.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if f[above[mid]].x <= centre { lo = mid + 1 } else { hi = mid }
                }
                guard lo > 0 else { throw ProfileError("the frame \"\(f[i].name)\" has no parent under it") }
                f[i].parent = above[lo - 1]
            }
        }
    }

    private static func build(_ f: [RawFrame], root: Int, countName: String) -> Profile {
        let unit = countName == "bytes" || countName.hasSuffix("seconds") ? countName : "count"
        var b = ProfileBuilder(sampleTypes: [(countName, unit)])
        var selfValue = f.map { $0.count }
        for i in f.indices where f[i].parent >= 0 {
            selfValue[f[i].parent] = selfValue[f[i].parent].saturatingSubtract(f[i].count)
        }
        var location = [Int32: Int32]()
        var stack: [Int32] = []
        for i in f.indices where f[i].depth >= 0 && selfValue[i] > 0 {
            stack.removeAll(keepingCapacity: true)
            var j = i
            while j != root && j >= 0 {
                let s = b.intern(f[j].name)
                if location[s] == nil { location[s] = b.location(function: b.function(name: s)) }
                stack.append(location[s]!)
                j = f[j].parent
            }
            b.addSample(locations: stack, values: CollectionOfOne(selfValue[i]))
        }
        return b.build()
    }
}
