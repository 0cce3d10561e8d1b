import ProfileCore

/// Intel VTune's call stacks as CSV, from
/// `vtune -report top-down -call-stack-mode all -column="CPU Time:Self,Module" -report-out out.csv -format csv -csv-delimiter comma -r RESULT`:
/// a header `Function Stack,CPU Time:Self,Module`, then one line per node of
/// the top-down tree, indented one space per level under its caller.
///
/// As inferno's `collapse-vtune` reads it: each node with CPU time of its
/// own is one stack with that time, in milliseconds (`cpu/milliseconds`,
/// VTune's seconds rounded to the millisecond); frames are
/// `module`function` or, with `--no-modules`, the function alone.
public enum VTuneFormat: ProfileReader {
    public static let name = "vtune"
    public static let aliases: [String] = []
    public static let extensions: [String] = []
    public static let summary = "Intel VTune's top-down call stacks exported as CSV (read only)"

    static let header: StaticString = "Function Stack,CPU Time:Self,Module"

    /// The header, on the first line that is not a `war:` notice.
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence {
        var cursor = LineCursor(TextEncoding.droppingUTF8BOM(prefix))
        while let line = cursor.next() {
            if line.hasPrefix(header) { return .certainly }
            if !line.hasPrefix("war:") { return .no }
        }
        return .no
    }

    /// A `.csv` is left to VTune only when nothing else recognises it.
    public static var undecidedInputEndings: [String] { [] }

    public static var optionsType: (any FormatOptions.Type)? { ModuleNameOptions.self }
    public static var userOptions: [ReaderOption] { [ModuleNameOptions.flag] }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        var reader = VTuneReader(TextEncoding.droppingUTF8BOM(input), modules: !options[ModuleNameOptions.self].noModules)
        return try reader.read(warnings: &warnings)
    }
}
