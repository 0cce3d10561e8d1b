/// A regular expression matched anywhere in a name, like Go's
/// `regexp.MatchString` that pprof's `focus`, `ignore`, `hide` and `show` use.
///
/// Built on the standard library's `Regex`, so ProfileCore needs no Foundation.
// why @unchecked: `Regex` is not `Sendable`, but a compiled one is only
// matched, never changed, and matching a shared `Regex` is thread-safe.
public struct NamePattern: @unchecked Sendable {
    /// The expression as the user wrote it.
    public let source: String
    private let regex: Regex<AnyRegexOutput>

    /// Compiles `source`; `option` names the flag in the error message.
    public init(_ source: String, option: String = "pattern") throws(ProfileError) {
        self.source = source
        do {
            regex = try Regex(source)
        } catch {
            throw ProfileError("parsing \(option) regexp '\(source)': \(error)")
        }
    }

    /// Whether the expression matches some part of `name`.
    public func matches(_ name: String) -> Bool {
        (try? regex.firstMatch(in: name)) != nil
    }
}
