import ProfileCore

/// GHC's time and allocation report, `prog.prof` from `prog +RTS -p` (or
/// `-P`, which adds `ticks` and `bytes` columns): the cost-centre tree, one
/// line per cost centre under its caller, nested by one more space of
/// indentation.
///
/// Each line becomes one sample whose stack is the line's cost centres from
/// the root, each frame named `MODULE.COST-CENTRE` (`Main.main`), as
/// inferno's `collapse-ghcprof` names them; the `SRC` column becomes the
/// frame's file and line. Its values are the line's *individual* costs:
/// - `time`, in per mille of the run's time (the `%time` column, to its
///   one decimal: `97.4` is 974), the default, as inferno's;
/// - `alloc`, in per mille of its allocation (`%alloc`);
/// - with `-P`: `ticks` (count) and `bytes` (bytes), the default with the
///   reader's `ticks` and `bytes` options (inferno's `--ticks`, `--bytes`).
/// The flat table above the tree is a summary of it and is skipped.
public enum GHCProfFormat: ProfileReader {
    public static let name = "ghcprof"
    public static let aliases = ["ghc", "ghc-prof"]
    public static let extensions = ["prof"]
    public static let summary = "GHC's time and allocation report (+RTS -p / -P: the .prof cost-centre tree) (read only)"

    /// The title GHC puts on the report's first line.
    static let title: StaticString = "Time and Allocation Profiling Report"

    /// The report's title within its first line that is not empty.
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence {
        var cursor = LineCursor(TextEncoding.droppingUTF8BOM(prefix))
        while let line = cursor.next() {
            var i = 0
            Digits.skipSpaces(line, &i)
            if i == line.count { continue }
            return ByteSearch.find(line, title) != nil ? .certainly : .no
        }
        return .no
    }

    /// A `.prof` whose title line is missing or damaged.
    public static var undecidedInputEndings: [String] { ["prof"] }

    public static var optionsType: (any FormatOptions.Type)? { GHCProfOptions.self }
    public static var userOptions: [ReaderOption] { [GHCProfOptions.ticks, GHCProfOptions.bytes] }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        var reader = GHCProfReader(TextEncoding.droppingUTF8BOM(input), defaultSampleType: options[GHCProfOptions.self].defaultSampleType)
        return try reader.read()
    }
}
