import ProfileCore

/// V8's sampling heap profile (`HeapProfiler.SamplingHeapProfile`): what
/// `node --heap-prof` writes and DevTools' "Allocation sampling" saves, a
/// `.heapprofile`: the allocation tree under `head`, each node with the
/// bytes sampled at it (`selfSize`), and the samples (`size`, `nodeId`).
///
/// Each node with bytes or samples becomes one sample with the types
/// `space/bytes` (its `selfSize`) and `objects/count` (its samples), on
/// the same frames as a CPU profile's.
public enum HeapProfileFormat: ProfileReader {
    public static let name = "heapprofile"
    public static let aliases = ["v8-heapprofile"]
    public static let extensions = ["heapprofile"]
    public static let summary = "V8's sampling heap profile (node --heap-prof, DevTools allocation sampling) (read only)"

    /// A JSON object whose `head` node has a `selfSize`.
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence {
        let keys = JSONPrefixKeys(prefix)
        guard keys.isObject, keys.contains("head"), !keys.contains("traceEvents"),
              !keys.contains("timeDeltas"), !keys.contains("timestamps"), !keys.contains("startTime") else { return .no }
        let text = TextEncoding.droppingUTF8BOM(prefix)
        return ByteSearch.find(text, "\"selfSize\"") != nil && ByteSearch.find(text, "\"callFrame\"") != nil ? .certainly : .no
    }

    public static var jsonShape: String? { "{\"head\": {\"selfSize\": …, …}, \"samples\": […]} (V8 heap profile)" }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        var builder = ProfileBuilder(sampleTypes: [("space", "bytes"), ("objects", "count")], defaultSampleType: "space")
        var tree = V8Tree()
        var nodes = V8NodeReader()
        var sampleNodes: [(id: Int64, at: Int)] = []
        var s = JSONScanner(TextEncoding.droppingUTF8BOM(input), what: "the V8 heap profile")
        try s.beginObject("a heap profile object")
        var n = 0
        while let key = try s.nextMember(&n) {
            switch key {
            case Array("head".utf8): try nodes.read(&s, &tree, &builder)
            case Array("samples".utf8):
                try s.beginArray("a samples array")
                var k = 0
                while try s.nextElement(&k) {
                    s.skipSpace()
                    let at = s.pos
                    try s.beginObject("a sample object")
                    var m = 0
                    var id: Int64?
                    while let field = try s.nextMember(&m) {
                        if field == Array("nodeId".utf8) { id = try s.integer() } else { try s.skipValue() }
                    }
                    guard let id else { throw ProfileError.atByte(at, "a heap sample without a \"nodeId\"") }
                    sampleNodes.append((id, at))
                }
            default: try s.skipValue()
            }
        }
        try s.expectEnd()
        guard !tree.nodes.isEmpty else { throw ProfileError("the V8 heap profile has no \"head\" node") }
        try tree.resolve()
        var objects = [Int64](repeating: 0, count: tree.count)
        for sample in sampleNodes {
            guard let i = tree.index(ofID: sample.id) else {
                throw ProfileError.atByte(sample.at, "a sample names the node \(sample.id), which is no node of the profile")
            }
            objects[Int(i)] += 1
        }
        var stack: [Int32] = []
        for i in 0..<tree.count where nodes.selfSize[i] > 0 || objects[i] > 0 {
            try tree.stack(of: Int32(i), maxDepth: options.maxStackDepth, into: &stack)
            if stack.isEmpty { continue }
            builder.addSample(locations: stack, values: [nodes.selfSize[i], objects[i]])
        }
        return builder.build()
    }
}
