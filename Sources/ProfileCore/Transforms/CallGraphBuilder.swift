/// Builds a ``CallGraph`` from a profile, following pprof's `graph.New`.
///
/// Every location becomes one node per line (inlined callees included); a
/// location without lines becomes one node for its address. Samples are
/// walked root first; a node gets a sample's value as `cum` once per sample,
/// the leaf gets it as `flat`, and each distinct call in the stack gets it
/// once as edge weight. Frames whose node is not in `kept` are skipped, and
/// the next call over them is marked residual.
public struct CallGraphBuilder {
    private let profile: Profile
    /// The distinct node identities, in the order their first location line appears.
    private var infos: [CallGraph.NodeInfo] = []
    private var idOfInfo: [CallGraph.NodeInfo: Int] = [:]
    /// The node id of each location line: for location `l`, its lines' ids are
    /// `nodeOfLine[lineStart[l]..<lineStart[l+1]]`, innermost first. Resolving
    /// identities once lets every (re)build walk the stacks with integers only.
    private var nodeOfLine: [Int32] = []
    private var lineStart: [Int] = [0]
    private var cleanFile: [Int32: Int32] = [:]

    /// Prepares node identities for every location of `profile`.
    public init(_ profile: Profile) {
        self.profile = profile
        var byCleanName: [String: Int32] = [:]
        for f in profile.functions where f.filename != 0 && cleanFile[f.filename] == nil {
            let cleaned = Paths.clean(profile.strings[f.filename])
            if let id = byCleanName[cleaned] {
                cleanFile[f.filename] = id
            } else {
                byCleanName[cleaned] = f.filename
                cleanFile[f.filename] = f.filename
            }
        }
        nodeOfLine.reserveCapacity(profile.lines.count + profile.locations.count)
        for loc in profile.locations {
            let objfile = loc.mappingIndex >= 0 ? profile.mappings[Int(loc.mappingIndex)].filename : 0
            if loc.lineRange.isEmpty {
                appendLine(CallGraph.NodeInfo(address: loc.address, objfile: objfile))
            } else {
                for line in profile.lines[loc.lineRange] { appendLine(info(loc, line, objfile)) }
            }
            lineStart.append(nodeOfLine.count)
        }
    }

    private mutating func appendLine(_ info: CallGraph.NodeInfo) {
        if let id = idOfInfo[info] {
            nodeOfLine.append(Int32(id))
        } else {
            idOfInfo[info] = infos.count
            nodeOfLine.append(Int32(infos.count))
            infos.append(info)
        }
    }

    private func info(_ loc: Location, _ line: Line, _ objfile: Int32) -> CallGraph.NodeInfo {
        guard line.functionIndex >= 0 else { return CallGraph.NodeInfo(address: loc.address, objfile: objfile) }
        let f = profile.functions[Int(line.functionIndex)]
        var i = CallGraph.NodeInfo(name: f.name, address: loc.address, file: cleanFile[f.filename] ?? 0, lineNumber: line.line)
        if f.name == 0 || profile.strings[f.name].isEmpty {
            i.name = 0
            i.objfile = objfile
            i.startLine = f.startLine
        }
        return i
    }

    /// The graph of sample value `sampleIndex`, restricted to `kept` nodes when given.
    public func build(sampleIndex: Int, kept: Set<CallGraph.NodeInfo>? = nil) -> CallGraph {
        var names = NodeNames()
        return build(stacks: mergedStacks(sampleIndex: sampleIndex), kept: kept.map(keptMask), names: &names)
    }

    /// Samples with the same locations walk the same way: they are merged
    /// first (integer hashing), so each distinct stack is walked once with its
    /// summed weight, unless the reader merged them already. Trimming
    /// rebuilds the graph up to three times from one merge.
    func mergedStacks(sampleIndex: Int) -> WeightedStacks {
        let samples = profile.samples
        if samples.hasDistinctLocationLists {
            // The table's own columns, shared, not copied.
            var stacks = WeightedStacks(elements: samples.locations, starts: samples.locationStart)
            for s in 0..<samples.count {
                let w = samples.value(of: s, at: sampleIndex)
                if w != 0 { stacks.append(list: s, weight: w) }
            }
            return stacks
        }
        var merger = SequenceMerger(columns: 1)
        for s in 0..<samples.count {
            let w = samples.value(of: s, at: sampleIndex)
            if w != 0 { merger.add(samples.locations(of: s), CollectionOfOne(w)) }
        }
        let merged = merger.take()
        var stacks = WeightedStacks(elements: merged.elements, starts: merged.starts)
        for (i, w) in merged.sums.enumerated() { stacks.append(list: i, weight: w) }
        return stacks
    }

    /// A mask over node ids, true for the identities in `kept`.
    func keptMask(_ kept: some Sequence<CallGraph.NodeInfo>) -> [Bool] {
        var mask = [Bool](repeating: false, count: infos.count)
        for i in kept { if let id = idOfInfo[i] { mask[id] = true } }
        return mask
    }

    /// The printable nodes made so far, by node id: trimming's rebuilds reuse
    /// the names of the first build instead of making them again.
    struct NodeNames {
        var nodes: [CallGraph.Node?] = []
    }

    /// Each node's `flat` and `cum` by node id, without edges: what trimming
    /// decides from, before it builds the graph of the nodes it keeps.
    /// Dropping a node changes no other node's values, only the edges.
    func nodeValues(stacks: WeightedStacks) -> (flat: [Int64], cum: [Int64]) {
        var walk = Walk(nodeCount: infos.count, edges: false)
        walk.run(stacks, nodeOfLine: nodeOfLine, lineStart: lineStart, kept: nil)
        return (walk.flat, walk.cum)
    }

    /// The graph of the `kept` nodes (all when nil). Nodes come in id order,
    /// which is the order in which a walk of the location lines meets them,
    /// as pprof's `graph.New` does.
    func build(stacks: WeightedStacks, kept: [Bool]?, names: inout NodeNames) -> CallGraph {
        let count = infos.count
        var walk = Walk(nodeCount: count, edges: true)
        walk.run(stacks, nodeOfLine: nodeOfLine, lineStart: lineStart, kept: kept)
        // pprof leaves out nodes no sample reached.
        if names.nodes.count != count { names.nodes = Array(repeating: nil, count: count) }
        var local = [Int](repeating: -1, count: count)
        var nodes: [CallGraph.Node] = []
        for id in 0..<count where walk.cum[id] != 0 || walk.flat[id] != 0 {
            if names.nodes[id] == nil { names.nodes[id] = makeNode(infos[id]) }
            var node = names.nodes[id]!
            node.flat = walk.flat[id]
            node.cum = walk.cum[id]
            local[id] = nodes.count
            nodes.append(node)
        }
        // Values that cancel out (a diff) can leave a node with edges but no
        // weight; its edges go with it. In place: the edges are the largest
        // table here.
        var edges = walk.edges
        walk.edges = []
        edges.removeAll { local[$0.caller] < 0 || local[$0.callee] < 0 }
        for i in edges.indices {
            edges[i].caller = local[edges[i].caller]
            edges[i].callee = local[edges[i].callee]
        }
        return CallGraph(nodes: nodes, edges: edges)
    }

    private func makeNode(_ info: CallGraph.NodeInfo) -> CallGraph.Node {
        let strings = profile.strings
        var parts: [String] = []
        if info.address != 0 { parts.append(Hex.padded16(info.address)) }
        let name = strings[info.name]
        if !name.isEmpty { parts.append(name) }
        let file = strings[info.file]
        if info.lineNumber != 0 {
            parts.append(file + ":" + String(info.lineNumber))
        } else if !file.isEmpty {
            parts.append(file)
        } else if !name.isEmpty {
            // the function name says it all
        } else if info.objfile != 0 && !strings[info.objfile].isEmpty {
            parts.append("[" + Paths.base(strings[info.objfile]) + "]")
        } else {
            parts.append("<unknown>")
        }
        return CallGraph.Node(info: info, printableName: parts.joined(separator: " "),
                              functionName: name, fileName: file.isEmpty ? "" : Paths.clean(file))
    }
}

/// Path helpers with Go's `filepath.Clean` / `filepath.Base` semantics.
enum Paths {
    static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var out: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = out.last, last != ".." { out.removeLast(); continue }
                if rooted { continue }
            }
            out.append(part)
        }
        let joined = out.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    static func base(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        if p.isEmpty { return "." }
        if let slash = p.lastIndex(of: "/"), p != "/" { return String(p[p.index(after: slash)...]) }
        return String(p)
    }
}

enum Hex {
    /// `%016x`.
    static func padded16(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, 16 - s.count)) + s
    }
}

extension CallGraphBuilder {
    /// The printable name of every location line (as ``CallGraph/Node/printableName``),
    /// and for location `l` the range of its lines in that array, innermost first.
    public func locationLineNames() -> (names: [String], start: [Int]) {
        var cache = [String?](repeating: nil, count: infos.count)
        var names: [String] = []
        names.reserveCapacity(nodeOfLine.count)
        for id in nodeOfLine {
            if let n = cache[Int(id)] {
                names.append(n)
            } else {
                let n = makeNode(infos[Int(id)]).printableName
                cache[Int(id)] = n
                names.append(n)
            }
        }
        return (names, lineStart)
    }
}

/// One walk over the merged stacks, root first: a node gets a stack's weight
/// as `cum` once per stack, its leaf as `flat`, and (when `edges`) each
/// distinct call in it once as edge weight. Frames whose node is not kept are
/// skipped, and the next call over them is marked residual.
private struct Walk {
    var flat: [Int64]
    var cum: [Int64]
    var edges: [CallGraph.Edge] = []
    private let recordsEdges: Bool

    init(nodeCount: Int, edges: Bool) {
        flat = [Int64](repeating: 0, count: nodeCount)
        cum = [Int64](repeating: 0, count: nodeCount)
        recordsEdges = edges
    }

    mutating func run(_ stacks: WeightedStacks, nodeOfLine: [Int32], lineStart: [Int], kept: [Bool]?) {
        var nodeSeen = [Int32](repeating: -1, count: flat.count)
        var edgeIndex = IntKeyTable()
        var edgeSeen: [Int32] = []
        for s in 0..<stacks.count {
            let w = stacks.weights[s]
            let stamp = Int32(truncatingIfNeeded: s)
            var parent = -1
            var residual = false
            for loc in stacks.sequence(s).reversed() {
                let range = lineStart[Int(loc)]..<lineStart[Int(loc) + 1]
                for k in range.reversed() {
                    let n = Int(nodeOfLine[k])
                    if let kept, !kept[n] {
                        residual = true
                        continue
                    }
                    if nodeSeen[n] != stamp {
                        nodeSeen[n] = stamp
                        cum[n] = cum[n].saturatingAdd(w)
                    }
                    if recordsEdges && parent >= 0 && n != parent {
                        let key = UInt64(UInt32(parent)) << 32 | UInt64(UInt32(n))
                        let inline = k != range.upperBound - 1
                        let (e, isNew) = edgeIndex.insert(key)
                        if isNew {
                            edgeSeen.append(stamp)
                            edges.append(CallGraph.Edge(caller: parent, callee: n, weight: w, residual: residual, inline: inline))
                        } else if edgeSeen[e] != stamp {
                            edgeSeen[e] = stamp
                            edges[e].weight = edges[e].weight.saturatingAdd(w)
                            if residual { edges[e].residual = true }
                            if !inline { edges[e].inline = false }
                        }
                    }
                    parent = n
                    residual = false
                }
            }
            if parent >= 0 && !residual { flat[parent] = flat[parent].saturatingAdd(w) }
        }
    }
}

/// Location lists with one weight each, in the order a call graph walk
/// takes them: some of the lists in `elements`/`starts` (a sample table's
/// or a merger's columns, shared).
struct WeightedStacks {
    private let elements: [Int32]
    private let starts: [Int32]
    /// The lists walked, by index into `starts`.
    private var members: [Int32] = []
    /// The weight of each list walked.
    private(set) var weights: [Int64] = []

    init(elements: [Int32], starts: [Int32]) {
        self.elements = elements
        self.starts = starts
    }

    var count: Int { members.count }

    mutating func append(list: Int, weight: Int64) {
        members.append(Int32(truncatingIfNeeded: list))
        weights.append(weight)
    }

    /// The locations of the `i`-th list walked, leaf first.
    func sequence(_ i: Int) -> ArraySlice<Int32> {
        let m = Int(members[i])
        return elements[Int(starts[m])..<Int(starts[m + 1])]
    }
}
