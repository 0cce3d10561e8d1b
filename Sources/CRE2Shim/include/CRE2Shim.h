// A C interface to RE2 for Swift: compile a pattern with Go's regexp
// options, match it anywhere in a byte buffer, free it. Nothing else of
// RE2's C++ API crosses into Swift.
#ifndef CRE2SHIM_H
#define CRE2SHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Why a pattern did not compile: RE2's `RE2::ErrorCode`, value for value
/// (CRE2Shim.cpp checks that at compile time).
typedef enum {
    PROFCONV_RE2_OK = 0,
    PROFCONV_RE2_INTERNAL,
    PROFCONV_RE2_BAD_ESCAPE,
    PROFCONV_RE2_BAD_CHAR_CLASS,
    PROFCONV_RE2_BAD_CHAR_RANGE,
    PROFCONV_RE2_MISSING_BRACKET,
    PROFCONV_RE2_MISSING_PAREN,
    PROFCONV_RE2_UNEXPECTED_PAREN,
    PROFCONV_RE2_TRAILING_BACKSLASH,
    PROFCONV_RE2_REPEAT_ARGUMENT,
    PROFCONV_RE2_REPEAT_SIZE,
    PROFCONV_RE2_REPEAT_OP,
    PROFCONV_RE2_BAD_PERL_OP,
    PROFCONV_RE2_BAD_UTF8,
    PROFCONV_RE2_BAD_NAMED_CAPTURE,
    PROFCONV_RE2_PATTERN_TOO_LARGE,
} profconv_re2_error;

/// A compiled pattern, or the reason it did not compile. Immutable once
/// made: RE2 allows matching from many threads at once.
typedef struct profconv_re2 profconv_re2;

/// Compiles the `length` bytes at `pattern` (UTF-8, need not end in NUL).
/// A nonzero `anchored` makes `profconv_re2_matches` match from the text's
/// start only. Never returns NULL; check `profconv_re2_error_code`.
profconv_re2 *profconv_re2_compile(const char *pattern, size_t length, int anchored);

/// `PROFCONV_RE2_OK` when the pattern compiled.
profconv_re2_error profconv_re2_error_code(const profconv_re2 *re);

/// The part of the pattern the error is about (RE2's `error_arg`), with its
/// length in `*length`; valid until `profconv_re2_free`. Empty when the
/// pattern compiled.
const char *profconv_re2_error_arg(const profconv_re2 *re, size_t *length);

/// Whether the pattern matches somewhere in the `length` bytes at `text`
/// (or at its start, if compiled anchored). 0 when it did not compile.
int profconv_re2_matches(const profconv_re2 *re, const char *text, size_t length);

/// Frees what `profconv_re2_compile` made.
void profconv_re2_free(profconv_re2 *re);

#ifdef __cplusplus
}
#endif

#endif
