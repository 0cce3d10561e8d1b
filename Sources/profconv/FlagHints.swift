import ProfileCore

/// The command line's words for what gets past a library error: the library
/// names its own properties (``ProfileError/remedy``), the CLI its flags.
enum FlagHints {
    /// What to do about `hint`, naming the flag that sets it.
    static func remedy(for hint: ProfileError.Hint) -> String {
        switch hint {
        case .maxInflatedBytes: return "raise the limit with --max-input-size if this file is genuine"
        case .maxInflationRatio: return "raise it with --max-gzip-ratio if this file is genuine"
        case .maxStackDepth: return "raise it with --max-stack-depth if this file is genuine"
        case .maxStringLength: return "raise it with --max-string-length if this file is genuine"
        case .timeout: return "give a longer --timeout if the server is slow"
        case .redirect: return "or give --follow-redirects-anywhere"
        case .symbolBinary: return "--binary takes an executable or shared library"
        case .saveDirectory: return "give --save a directory that can be made"
        case .separateInputs: return "merge them with `profconv convert A B` instead"
        case .directory: return "use `profconv batch` for directories"
        case .forceTerminal: return "use -o FILE or a pipe (or --force-terminal)"
        case .inputFormat: return "use --from to name the format, `profconv formats` lists them"
        case .namedFormat: return "check --from, or leave it out to let profconv recognise the format"
        }
    }

    /// The error's line as the CLI prints it: its remedy in flags.
    static func describe(_ error: ProfileError) -> String {
        error.description(remedy: error.hint.map(remedy(for:)) ?? error.remedy)
    }
}
