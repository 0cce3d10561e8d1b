import CRE2Shim

/// Why Go's `regexp.Compile` refuses a pattern, worded as Go words it:
/// `invalid escape sequence: \C`.
struct GoRegexpRefusal: Error, Equatable, CustomStringConvertible {
    /// Go's `syntax.ErrorCode` text, e.g. `missing closing )`.
    var problem: String
    /// The part of the pattern it is about.
    var argument: String

    var description: String { "\(problem): \(argument)" }

    /// RE2's error in Go's words: the codes are the same list (RE2's
    /// `RE2::ErrorCode`, Go's `regexp/syntax.ErrorCode`), the texts are not.
    init(re2 code: profconv_re2_error, argument: String) {
        self.argument = argument
        switch code {
        case PROFCONV_RE2_BAD_ESCAPE: problem = "invalid escape sequence"
        case PROFCONV_RE2_BAD_CHAR_CLASS: problem = "invalid character class"
        case PROFCONV_RE2_BAD_CHAR_RANGE: problem = "invalid character class range"
        case PROFCONV_RE2_MISSING_BRACKET: problem = "missing closing ]"
        case PROFCONV_RE2_MISSING_PAREN: problem = "missing closing )"
        case PROFCONV_RE2_UNEXPECTED_PAREN: problem = "unexpected )"
        case PROFCONV_RE2_TRAILING_BACKSLASH: problem = "trailing backslash at end of expression"
        case PROFCONV_RE2_REPEAT_ARGUMENT: problem = "missing argument to repetition operator"
        case PROFCONV_RE2_REPEAT_SIZE: problem = "invalid repeat count"
        case PROFCONV_RE2_REPEAT_OP: problem = "invalid nested repetition operator"
        case PROFCONV_RE2_BAD_PERL_OP: problem = "invalid or unsupported Perl syntax"
        case PROFCONV_RE2_BAD_UTF8: problem = "invalid UTF-8"
        case PROFCONV_RE2_BAD_NAMED_CAPTURE: problem = "invalid named capture"
        case PROFCONV_RE2_PATTERN_TOO_LARGE: problem = "expression too large"
        default: problem = "regexp/syntax: internal error"
        }
    }

    init(problem: String, argument: String) {
        self.problem = problem
        self.argument = argument
    }
}
