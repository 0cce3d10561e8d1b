#include "CRE2Shim.h"

#include <re2/re2.h>

#define SAME_CODE(ours, theirs) static_assert(int(ours) == int(RE2::theirs), #ours " must equal RE2::" #theirs)
SAME_CODE(PROFCONV_RE2_OK, NoError);
SAME_CODE(PROFCONV_RE2_INTERNAL, ErrorInternal);
SAME_CODE(PROFCONV_RE2_BAD_ESCAPE, ErrorBadEscape);
SAME_CODE(PROFCONV_RE2_BAD_CHAR_CLASS, ErrorBadCharClass);
SAME_CODE(PROFCONV_RE2_BAD_CHAR_RANGE, ErrorBadCharRange);
SAME_CODE(PROFCONV_RE2_MISSING_BRACKET, ErrorMissingBracket);
SAME_CODE(PROFCONV_RE2_MISSING_PAREN, ErrorMissingParen);
SAME_CODE(PROFCONV_RE2_UNEXPECTED_PAREN, ErrorUnexpectedParen);
SAME_CODE(PROFCONV_RE2_TRAILING_BACKSLASH, ErrorTrailingBackslash);
SAME_CODE(PROFCONV_RE2_REPEAT_ARGUMENT, ErrorRepeatArgument);
SAME_CODE(PROFCONV_RE2_REPEAT_SIZE, ErrorRepeatSize);
SAME_CODE(PROFCONV_RE2_REPEAT_OP, ErrorRepeatOp);
SAME_CODE(PROFCONV_RE2_BAD_PERL_OP, ErrorBadPerlOp);
SAME_CODE(PROFCONV_RE2_BAD_UTF8, ErrorBadUTF8);
SAME_CODE(PROFCONV_RE2_BAD_NAMED_CAPTURE, ErrorBadNamedCapture);
SAME_CODE(PROFCONV_RE2_PATTERN_TOO_LARGE, ErrorPatternTooLarge);
#undef SAME_CODE

struct profconv_re2 {
    RE2 regexp;
    RE2::Anchor anchor;
    profconv_re2(re2::StringPiece pattern, const RE2::Options &options, RE2::Anchor anchor)
        : regexp(pattern, options), anchor(anchor) {}
};

// Go's regexp.Compile parses with syntax.Perl: UTF-8, Perl classes (\d \s
// \w), \b and \B, Unicode classes (\pL), leftmost-first rather than
// leftmost-longest, and ^ $ at the text's ends unless (?m). That is RE2
// without posix_syntax.
static RE2::Options goOptions() {
    RE2::Options options;
    options.set_encoding(RE2::Options::EncodingUTF8);
    options.set_posix_syntax(false);
    options.set_longest_match(false);
    options.set_case_sensitive(true);
    options.set_dot_nl(false);
    options.set_never_nl(false);
    // Only whether it matches is asked: no submatches to keep.
    options.set_never_capture(true);
    // RE2 logs failed compilations to stderr by default; the caller reports them.
    options.set_log_errors(false);
    // Go accepts programs of millions of instructions (\pL{1000}); RE2's
    // default 8 MiB refuses them. 256 MiB is a bound, not an allocation:
    // RE2 takes what the program needs, and the rest caps its DFA cache.
    options.set_max_mem(int64_t(256) << 20);
    return options;
}

profconv_re2 *profconv_re2_compile(const char *pattern, size_t length, int anchored) {
    static const RE2::Options options = goOptions();
    return new profconv_re2(re2::StringPiece(pattern, length), options, anchored ? RE2::ANCHOR_START : RE2::UNANCHORED);
}

profconv_re2_error profconv_re2_error_code(const profconv_re2 *re) {
    return profconv_re2_error(re->regexp.error_code());
}

const char *profconv_re2_error_arg(const profconv_re2 *re, size_t *length) {
    const std::string &arg = re->regexp.error_arg();
    *length = arg.size();
    return arg.data();
}

int profconv_re2_matches(const profconv_re2 *re, const char *text, size_t length) {
    if (!re->regexp.ok()) return 0;
    return re->regexp.Match(re2::StringPiece(text, length), 0, length, re->anchor, nullptr, 0);
}

void profconv_re2_free(profconv_re2 *re) {
    delete re;
}
