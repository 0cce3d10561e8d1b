import ProfileCore

/// FreeBSD's `pmcstat -R pmc.out -G pmc.graph` callgraph: for each event a
/// line `@ EVENT [N samples]`, then a tree whose top lines are the sampled
/// functions and whose deeper lines, one more space of indentation each,
/// their callers: `03.07%  [17]       witness_unlock @ /boot/kernel/kernel`
/// (share of the parent, samples, function, `@` object).
///
/// As FlameGraph's `stackcollapse-pmc.pl` reads it: each line with no
/// deeper line under it ends a stack, from the outermost caller to the
/// sampled function, with that line's samples (`samples/count`). Frames
/// are the function names; the trees of all events are read alike.
public enum PMCStatFormat: ProfileReader {
    public static let name = "pmcstat"
    public static let aliases = ["hwpmc"]
    public static let extensions: [String] = []
    public static let summary = "FreeBSD `pmcstat -G` callgraph text (read only)"

    /// A first line `@ EVENT [N samples]` or two callgraph lines.
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence {
        var cursor = LineCursor(TextEncoding.droppingUTF8BOM(prefix))
        var nodes = 0
        while let line = cursor.next(), nodes < 2 {
            if line.isEmpty { continue }
            if nodes == 0, PMCStatReader.isHeader(line) { return .certainly }
            guard PMCStatReader.node(line) != nil else { return .no }
            nodes += 1
        }
        return nodes == 2 ? .certainly : .no
    }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        var reader = PMCStatReader(TextEncoding.droppingUTF8BOM(input))
        return try reader.read(warnings: &warnings)
    }
}
