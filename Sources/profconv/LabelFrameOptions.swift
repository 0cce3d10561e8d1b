import ArgumentParser
import ProfileCore

/// `--label-frames KEYS` and `--label-root-frames KEYS` (pprof's -tagleaf and
/// -tagroot): label values as pseudo-frames, added to the profile itself so
/// that every output shows them.
struct LabelFrameOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Add each sample's values of these label keys as frames at the leaf (pprof's -tagleaf): `--label-frames state` puts a goroutine dump's `chan receive` on top of each stack.",
        valueName: "key,…"))
    var labelFrames: String?

    @Option(name: .long, help: ArgumentHelp(
        "Add each sample's values of these label keys as frames at the root (pprof's -tagroot), the first key outermost.",
        valueName: "key,…"))
    var labelRootFrames: String?

    static func keys(_ s: String?) -> [String] {
        (s ?? "").split(separator: ",").map { String($0).trimmed(" ") }.filter { !$0.isEmpty }
    }

    func apply(to profile: Profile) -> Profile {
        var p = profile
        let root = Self.keys(labelRootFrames), leaf = Self.keys(labelFrames)
        if !root.isEmpty { p = p.addingLabelFrames(keys: root, atLeaf: false) }
        if !leaf.isEmpty { p = p.addingLabelFrames(keys: leaf, atLeaf: true) }
        return p
    }
}

extension String {
    func trimmed(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
