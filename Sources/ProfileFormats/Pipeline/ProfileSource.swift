import ProfileCore

/// One input as the user names it: a file, `-` for standard input, or the
/// URL of a live `/debug/pprof` endpoint.
public enum ProfileSource: Hashable, Sendable, CustomStringConvertible {
    /// A file, by path.
    case file(String)
    /// Standard input, named `-`.
    case standardInput
    /// A live endpoint, fetched as `RemoteRequest` parses it.
    case url(String)

    /// The source a command-line argument names: `-`, a URL in any of
    /// pprof's forms (``RemoteRequest/isURL(_:)``), else a file.
    public init(_ argument: String) {
        if argument == "-" {
            self = .standardInput
        } else if RemoteRequest.isURL(argument) {
            self = .url(argument)
        } else {
            self = .file(argument)
        }
    }

    /// The name errors and warnings start with.
    public var description: String {
        switch self {
        case .file(let path): return path
        case .standardInput: return "<stdin>"
        case .url(let url): return url
        }
    }
}
