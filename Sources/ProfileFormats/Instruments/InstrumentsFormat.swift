import ProfileCore

/// What Instruments copies with Edit > Deep Copy of a Time Profiler call
/// tree: a header naming the columns (`… Self … Symbol Name`), then one
/// line per node, `12.0 ms  100.0%	3.0 ms	 	main`: its running time,
/// share, self time, a tab, a space and a tab, and the symbol indented one
/// space per level under its caller.
///
/// As FlameGraph's `stackcollapse-instruments.pl` reads it: each node is a
/// stack with its self time, in milliseconds (`cpu/milliseconds`, times in
/// `s` and `min` converted).
public enum InstrumentsFormat: ProfileReader {
    public static let name = "instruments"
    public static let aliases = ["instruments-deep-copy"]
    public static let extensions: [String] = []
    public static let summary = "Instruments' Deep Copy of a call tree (text) (read only)"

    /// A header naming `Symbol Name`, then a node line.
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence {
        var cursor = LineCursor(TextEncoding.droppingUTF8BOM(prefix))
        guard let header = cursor.next(), ByteSearch.find(header, "\tSymbol Name") != nil,
              let first = cursor.next() else { return .no }
        return InstrumentsReader.node(first) != nil ? .certainly : .no
    }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        var reader = InstrumentsReader(TextEncoding.droppingUTF8BOM(input))
        return try reader.read()
    }
}
