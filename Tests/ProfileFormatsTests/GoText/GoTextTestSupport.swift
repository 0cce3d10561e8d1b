import ProfileCore
import ProfileFormats

/// Stacks of a profile as Go's `debug=1` shows them, for comparing the
/// three forms of one goroutine snapshot.
enum GoStacks {
    /// Leaf-first function names of sample `s`, inlined frames expanded
    /// (innermost first), address-only locations left out.
    static func frames(_ p: Profile, _ s: Int) -> [String] {
        var names: [String] = []
        for loc in p.samples.locations(of: s) {
            for line in p.lines(ofLocation: loc) where line.functionIndex >= 0 {
                names.append(p.strings[p.functions[Int(line.functionIndex)].name])
            }
        }
        return names
    }

    /// `debug=1`'s frame hiding: `runtime.goexit` always, leading (leaf-side)
    /// `runtime.*` frames unless every frame is a runtime frame.
    static func hidden(_ frames: [String]) -> [String] {
        var f = frames.filter { $0 != "runtime.goexit" }
        if let first = f.firstIndex(where: { !$0.hasPrefix("runtime.") }) { f.removeFirst(first) }
        return f
    }

    /// Folded stacks (root first) with summed values of sample type `t`,
    /// after hiding, cut to `depth` leaf-side frames, leaving out samples
    /// whose frames match `exclude`.
    static func folded(_ p: Profile, typeIndex t: Int = 0, depth: Int = .max,
                       exclude: (String) -> Bool = { _ in false }) -> [String: Int64] {
        var out: [String: Int64] = [:]
        for s in 0..<p.samples.count {
            let f = hidden(frames(p, s))
            if f.contains(where: exclude) { continue }
            let key = f.prefix(depth).reversed().joined(separator: ";")
            out[key, default: 0] += p.samples.value(of: s, at: t)
        }
        return out
    }

    static func typeNames(_ p: Profile) -> [String] {
        p.sampleTypes.map { p.strings[$0.type] + "/" + p.strings[$0.unit] }
    }

    static func labels(_ p: Profile, _ s: Int) -> [String: String] {
        var out: [String: String] = [:]
        for l in p.samples.labels(of: s) {
            out[p.strings[l.key]] = l.isString ? p.strings[l.str]
                : "\(l.num)" + (l.numUnit != 0 ? " " + p.strings[l.numUnit] : "")
        }
        return out
    }
}
