/// How finely frames are told apart when a profile is summarised, as in
/// `go tool pprof -functions | -filefunctions | -files | -lines | -addresses`.
public enum Granularity: String, CaseIterable, Sendable {
    /// One node per function, per function and file, per file, per source line, or per address.
    case functions, filefunctions, files, lines, addresses

    /// Whether two frames of different functions stay apart.
    var keepsFunction: Bool { self != .files }
    /// Whether the source file is kept.
    var keepsFile: Bool { self != .functions }
    /// Whether line numbers are kept. (Addresses are kept by `addresses`
    /// alone, which ``Profile/aggregated(_:)`` returns unchanged.)
    var keepsLine: Bool { self == .lines || self == .addresses }
}

extension Profile {
    /// The profile with the details `granularity` ignores blanked out, so
    /// frames that differ only in them fall together (pprof's `Aggregate`
    /// with inlined frames kept): function names for `files`, file names for
    /// `functions`, line numbers unless `lines`/`addresses`, addresses unless
    /// `addresses`.
    public func aggregated(_ granularity: Granularity) -> Profile {
        if granularity == .addresses { return self }  // pprof keeps everything then
        var p = self
        for i in p.mappings.indices {
            p.mappings[i].hasFunctions = p.mappings[i].hasFunctions && granularity.keepsFunction
            p.mappings[i].hasFilenames = p.mappings[i].hasFilenames && granularity.keepsFile
            p.mappings[i].hasLineNumbers = p.mappings[i].hasLineNumbers && granularity.keepsLine
        }
        for i in p.functions.indices {
            if !granularity.keepsFunction {
                p.functions[i].name = 0
                p.functions[i].systemName = 0
            }
            if !granularity.keepsFile { p.functions[i].filename = 0 }
        }
        if !granularity.keepsLine {
            for i in p.lines.indices { p.lines[i].line = 0 }
        }
        for i in p.locations.indices { p.locations[i].address = 0 }
        return p
    }
}
