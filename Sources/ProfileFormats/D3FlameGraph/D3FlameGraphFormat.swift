import ProfileCore

/// The JSON tree d3-flame-graph reads by default: nested
/// `{"name", "value", "children"}` objects, `value` inclusive, the root
/// named `root` and worth the profile's total of the chosen sample type.
/// Children are ordered by name, as flame graphs draw them.
public enum D3FlameGraphFormat: ProfileWriter {
    public static let name = "d3-flamegraph"
    public static let aliases = ["d3"]
    public static let extensions = ["d3.json"]
    public static let summary = "d3-flame-graph JSON tree {name, value, children} (write)"

    public static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        let index = try profile.sampleIndex(for: options.sampleIndex)
        let tree = StackTree(StackSet(profile, sampleIndices: [index]))
        try write(tree, to: output)
        try output.write(byte: 0x0A)
    }

    /// Writes `tree`'s column 0 as nested objects, without recursion: a node
    /// is closed when the walk leaves it.
    static func write(_ tree: StackTree, to out: ByteSink) throws {
        let (start, list) = tree.children()
        // (node, leaving): each node is pushed to open it and again to close it.
        var stack: [(Int32, Bool)] = [(0, false)]
        var needsComma = false
        while let (n, leaving) = stack.popLast() {
            let node = Int(n)
            if leaving {
                try out.write("]}")
                needsComma = true
                continue
            }
            if needsComma { try out.write(byte: 0x2C) }
            try out.write("{\"name\":")
            if node == 0 {
                try out.write("\"root\"")
            } else {
                let range = tree.names.byteRange(tree.frame[node])
                try tree.names.bytes.withUnsafeBytes { try JSONOutput.writeString(UnsafeRawBufferPointer(rebasing: $0[range]), to: out) }
            }
            try out.write(",\"value\":")
            try out.write(decimal: tree.value(node, 0))
            try out.write(",\"children\":[")
            needsComma = false
            stack.append((n, true))
            var k = Int(start[node + 1]) - 1
            while k >= Int(start[node]) {
                stack.append((list[k], false))
                k -= 1
            }
        }
    }
}
