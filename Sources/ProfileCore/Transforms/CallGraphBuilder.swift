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
    private var infoOfLocationLine: [CallGraph.NodeInfo?] = []
    /// For location `l`, its lines' node infos are `infoOfLocationLine[lineStart[l]..<lineStart[l+1]]`, innermost first.
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
        for loc in profile.locations {
            let objfile = loc.mappingIndex >= 0 ? profile.mappings[Int(loc.mappingIndex)].filename : 0
            if loc.lineRange.isEmpty {
                infoOfLocationLine.append(CallGraph.NodeInfo(address: loc.address, objfile: objfile))
            } else {
                for line in profile.lines[loc.lineRange] { infoOfLocationLine.append(info(loc, line, objfile)) }
            }
            lineStart.append(infoOfLocationLine.count)
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
        var index: [CallGraph.NodeInfo: Int] = [:]
        var nodes: [CallGraph.Node] = []
        // Node of each location line, -1 when it is not kept.
        var lineNode = [Int](repeating: -1, count: infoOfLocationLine.count)
        for (k, info) in infoOfLocationLine.enumerated() {
            guard let info else { continue }
            if let kept, !kept.contains(info) { continue }
            if let n = index[info] {
                lineNode[k] = n
            } else {
                index[info] = nodes.count
                lineNode[k] = nodes.count
                nodes.append(makeNode(info))
            }
        }

        var edges: [CallGraph.Edge] = []
        var edgeIndex: [UInt64: Int] = [:]
        var nodeSeen = [Int](repeating: -1, count: nodes.count)
        var edgeSeen: [Int] = []
        let samples = profile.samples
        for s in 0..<samples.count {
            let w = samples.value(of: s, at: sampleIndex)
            if w == 0 { continue }
            var parent = -1
            var residual = false
            for loc in samples.locations(of: s).reversed() {
                let range = lineStart[Int(loc)]..<lineStart[Int(loc) + 1]
                for k in range.reversed() {
                    let n = lineNode[k]
                    if n < 0 {
                        residual = true
                        continue
                    }
                    if nodeSeen[n] != s {
                        nodeSeen[n] = s
                        nodes[n].cum = nodes[n].cum.saturatingAdd(w)
                    }
                    if parent >= 0 && n != parent {
                        let key = UInt64(UInt32(parent)) << 32 | UInt64(UInt32(n))
                        let inline = k != range.upperBound - 1
                        if let e = edgeIndex[key] {
                            if edgeSeen[e] != s {
                                edgeSeen[e] = s
                                edges[e].weight = edges[e].weight.saturatingAdd(w)
                                if residual { edges[e].residual = true }
                                if !inline { edges[e].inline = false }
                            }
                        } else {
                            edgeIndex[key] = edges.count
                            edgeSeen.append(s)
                            edges.append(CallGraph.Edge(caller: parent, callee: n, weight: w, residual: residual, inline: inline))
                        }
                    }
                    parent = n
                    residual = false
                }
            }
            if parent >= 0 && !residual { nodes[parent].flat = nodes[parent].flat.saturatingAdd(w) }
        }
        // pprof leaves out nodes no sample reached.
        var keep = [Int](repeating: -1, count: nodes.count)
        var kept: [CallGraph.Node] = []
        for (i, n) in nodes.enumerated() where n.cum != 0 || n.flat != 0 {
            keep[i] = kept.count
            kept.append(n)
        }
        let liveEdges = edges.compactMap { e -> CallGraph.Edge? in
            guard keep[e.caller] >= 0, keep[e.callee] >= 0 else { return nil }
            var e = e
            e.caller = keep[e.caller]
            e.callee = keep[e.callee]
            return e
        }
        return CallGraph(nodes: kept, edges: liveEdges)
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
        var cache: [CallGraph.NodeInfo: String] = [:]
        var names: [String] = []
        names.reserveCapacity(infoOfLocationLine.count)
        for info in infoOfLocationLine {
            guard let info else { names.append("<unknown>"); continue }
            if let n = cache[info] {
                names.append(n)
            } else {
                let n = makeNode(info).printableName
                cache[info] = n
                names.append(n)
            }
        }
        return (names, lineStart)
    }
}
