// Prints what Go's regexp package makes of a few hundred patterns, valid and
// not, against several names each: the table profconv's NamePattern (RE2
// behind a shim) is tested against, so it accepts, refuses and matches as
// pprof's --focus, --ignore, --hide, --show and tag filters do.
//
//	go run Scripts/fixture-programs/goregexp/main.go > Fixtures/regexp/go-regexp.tsv
//
// One line per row, tab-separated: pattern, name, "ok" or "error",
// regexp.MatchString's result as "1" or "0" ("-" after an error), and Go's
// error message (empty when ok). A refused pattern has one row, with an
// empty name. Fields are percent-encoded so that any byte survives: "%",
// bytes below 0x20, DEL, and bytes that are not valid UTF-8 are written as
// %HH; everything else (valid UTF-8 text, backslashes) is written as is.
package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Names as pprof filters see them: Go, C++, Java and Rust symbols, file
// paths, non-ASCII text, control characters and invalid UTF-8.
var names = []string{
	"",
	"a",
	"main.main",
	"main.(*T).Method",
	"main.(*T).Method.func1",
	"runtime.gopark",
	"runtime.goexit",
	"runtime/pprof.(*profileBuilder).build",
	"net/http.(*conn).serve",
	"github.com/x/y-z.Func[...]",
	"std::vector<int>::push_back",
	"std::__1::basic_string<char>::append(char const*)",
	"operator new(unsigned long)",
	"java.lang.Thread.run",
	"com/example/Foo.bar(Ljava/lang/String;)V",
	"<core::iter::Map<I,F> as Iterator>::next",
	"/usr/lib/go-1.19/src/runtime/proc.go",
	"AbC_123",
	"aaaaaaaaaaaaaaaaaaaaaaaaab",
	"aaaaaaaaaaaaaaaaaaaaaaaaaa",
	"größe.Ändern",
	"λ.Σφάλμα",
	"日本語.関数",
	"ǅ",
	"aλb",
	"λ",
	"x\ny",
	"x\n",
	"a\tb",
	"nul\x00byte",
	"\u00a0nbsp",
	"\ufffd",
	"\xff",
	"a\xffb",
	"\xe2\x82",
	"\xe2\x82\xac",
	"\xc0\x80",
	"\xed\xa0\x80",
	"\xf4\x90\x80\x80",
	"Σ\x80",
}

// Patterns Go accepts or refuses, grouped by the feature they exercise.
var patterns = []string{
	// Literals and the empty pattern.
	"", "a", "main", "main.main", `main\.main`, "runtime", "^runtime\\.", "gopark$", "x", "Method",
	// Alternation, grouping, anchors.
	"work|serve", "^(main|runtime)\\.", "^$", "^", "$", "^a$", "(?:a|b)c", "a|", "|a", "()", "(|)",
	`\Amain`, `main\z`, `\Z`, `a\Z`, `\z`, `\A\z`,
	// Multi-line and dot-all.
	"^y", "(?m)^y", "x$", "(?m)x$", "x.y", "(?s)x.y", "(?s).", "(?ms)^y$", "x\\ny", `x\n`, "(?m)^$",
	// Case folding.
	"(?i)MAIN", "(?i)abc", "(?i)σφάλμα", "(?i)ΣΦΆΛΜΑ", "(?i)größe", "(?i)GRÖSSE", "(?i)k", "(?i)ǆ",
	"(?i:A)bc", "(?-i)abc", "(?i)(?-i)ABC", "(?i)[a-c]+_",
	// Repetition, greedy and not.
	"a*", "a+", "a?", "a{2}", "a{2,}", "a{2,5}", "a{,5}", "a{0}", "a{1000}", "a{1001}", "a{0,1000}",
	"a{0,1001}", "a{1000,}", "(a{500}){2}", "(a{100}){100}", "((a{10}){10}){10}", "(?:a{1000}){1000}",
	"a*?", "a+?", "a??", "a{2}?", "(?U)a+", "(?U)a+?", "a**", "a*+", "a++", "a?+", "a{2}+", "a{2}{3}",
	"*", "+a", "?", "{", "a{", "a{1", "a{1,", "a{x}", "{1}", "a{2,1}", "x{99999}",
	// Pathological for backtracking engines.
	"(a+)+$", "(a|aa)+$", "(a*)*b", "(x+x+)+y", "^(a?){26}a{26}$", "(.*)*c", "(a|a)*b",
	// Perl classes.
	`\d`, `\D`, `\s`, `\S`, `\w`, `\W`, `\w+\.\w+`, `^\d+$`, `[\d]`, `[\D]`, `[^\w]`, `[\w.]+`,
	`\h`, `\H`, `\v`, `\V`, `\R`, `\N`, `\X`, `\K`, `\G`,
	// Unicode classes.
	`\pL`, `\PL`, `\p{L}`, `\P{L}`, `\p{Greek}`, `\P{Greek}`, `\p{Han}`, `\pN`, `\PN`, `\p{Lu}`,
	`\p{Ll}`, `\p{Lt}`, `\p{Nd}`, `\p{Zs}`, `\p{Cc}`, `\p{Any}`, `\p{^Greek}`, `\P{^Greek}`,
	`[\p{Greek}]`, `[^\p{L}]`, `\p{Latin}+`, `\pZ`, `\p{Greek`, `\p{}`, `\p{Klingon}`, `\p`, `\pX`,
	`\p{IsGreek}`, `\p{greek}`, `\p{L&}`, `\p{Letter}`, `(?i)\p{Lu}`,
	// POSIX classes.
	"[[:alpha:]]", "[[:digit:]]+", "[[:alnum:]_]+", "[[:^alpha:]]", "[[:space:]]", "[[:upper:]]",
	"(?i)[[:upper:]]", "[[:lower:]]", "[[:punct:]]", "[[:word:]]", "[[:ascii:]]", "[[:cntrl:]]",
	"[[:print:]]", "[[:graph:]]", "[[:xdigit:]]", "[[:blank:]]", "[[:foo:]]", "[:alpha:]", "[[:alpha:]",
	"[[=a=]]", "[[.a.]]",
	// Bracket expressions.
	"[abc]", "[^abc]", "[a-z]+", "[z-a]", "[a-]", "[-a]", "[]a]", "[^]a]", "[]", "[^]", "[", "]", "[a",
	"[\\]]", "[\\[]", "[a-\\d]", "[\\d-z]", "[α-ω]+", "[^\\x00-\\x7f]", "[\\x{FFFD}]", "[^a]", "[.]",
	"[\\n]", "[\\b]", "[\\Q]\\E]", "[a&&b]", "[[a]]", "[a[]", "[\\pL\\pN]",
	// Escapes.
	`\.`, `\\`, `\(`, `\)`, `\*`, `\+`, `\?`, `\[`, `\]`, `\{`, `\}`, `\|`, `\^`, `\$`, `\/`, `\-`,
	`\:`, `\<`, `\>`, `\'`, `\"`, `\ `, `\_`, `\#`, `\&`, `\~`, `\%`, `\@`, `\!`, `\,`, `\=`,
	`\a`, `\f`, `\t`, `\n`, `\r`, `\e`, `\0`, `\00`, `\01`, `\012`, `\123`, `\8`, `\x41`, `\x4`, `\xZZ`,
	`\x{41}`, `\x{10FFFF}`, `\x{110000}`, `\x{}`, `\x{FFFD}`, `\x{D800}`, `\u0041`, `\U00000041`,
	`\cA`, `\o{101}`, `\i`, `\y`, `\m`, `\`, `a\`, `\C`, `a\Cb`, `[\C]`, `\Q`, `\E`, `\Qa.b\E`,
	`\Qa.b`, `\Q*+?\E+`, `\Q\E`, `x\Q\E*`, `\Q\\E`, `\Q[\E]`,
	// Word boundaries.
	`\b`, `\B`, `\bmain\b`, `\bgopark`, `Method\b`, `\b\.`, `\Bain`, `\bλ`, `(?i)\bABC`, `\B.`, `x|\B`, `(\B)`, `(?:\B)+`, `\B\b`, `[\B]`, `\Q\B`, `\Q\B\E\B`,
	// Lookaround, backreferences, possessive and atomic groups, conditionals.
	"a(?=b)", "a(?!b)", "(?<=a)b", "(?<!a)b", "(a)\\1", "(?P<x>a)(?P=x)", "\\k<x>", "(?>a+)", "(?(1)a|b)",
	"(?#comment)", "(?R)", "(?|a)", "(?C)",
	// Groups and flags.
	"(?P<name>main)", "(?<name>main)", "(?'name'main)", "(?P<n>a)(?P<n>b)", "(?P<>a)", "(?P<1a>a)",
	"(?P<a-b>a)", "(?P<aé>a)", "(?P=name)", "(?P>name)", "(?i", "(?z)", "(?i-s:.)", "(?-)", "(?i-)",
	"(?:)", "(?)", "(", ")", "(a", "a)", "(()", "())", "(?:a", "(?ii)a", "(?i-i)a", "(?smiU)a",
	"(?^)a", "(?x)a b", "(?n)a", "(?i)(?s)(?m)(?U)a.+$",
	// Non-ASCII and odd UTF-8 in the pattern.
	"größe", "^λ", "関数$", "Σφάλμα", "ǅ", ".", "^.$", "^..$", "^...$", "^.{4}$", "\ufffd",
	"[\ufffd]", "\xff", "a\xffb", "\xe2\x82", "[\xff]", "\xed\xa0\x80", "\xc0\x80", "(?i)\xff",
	"\x00", "\\x00", "nul\\x00", "\t",
	// Repetition of anchors and empty groups.
	"^*", "$+", "\\b*", "(?:)*", "()+", "(|a)+", "(^)*", "x**", "x*{2}",
	// Deep nesting: Go caps the nesting depth.
	strings.Repeat("(", 999) + "a" + strings.Repeat(")", 999),
	strings.Repeat("(", 1001) + "a" + strings.Repeat(")", 1001),
	strings.Repeat("(?:", 1001) + "a" + strings.Repeat(")", 1001),
	strings.Repeat("a*", 200),
	strings.Repeat("[a]", 5000),
	// Large: Go caps the compiled size.
	"a{1000}b{1000}c{1000}", "(?:(?:a{1000}){1000}){1000}", "[a-z]{1000}", `\pL{1000}`, `(?i)\pL{1000}`,
	`(\pL{100}){100}`, `.{1000}`, `(.{1000}){2}`, `(?s).{1000}`, `\w{1000}`,
}

func encode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1, r < 0x20, r == 0x7f, r == '%':
			fmt.Fprintf(&b, "%%%02X", s[i])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// Names a pattern is tried on: the common set; patterns at the repetition
// limit also get runs of "a" just under, at and over it. Long patterns (the
// nesting and size limits) get a few names only, to keep the table small.
func namesFor(p string) []string {
	if len(p) > 100 {
		return []string{"", "a", "main.main", strings.Repeat("a", 1000)}
	}
	if !strings.Contains(p, "1000") {
		return names
	}
	long := []string{strings.Repeat("a", 999), strings.Repeat("a", 1000), strings.Repeat("a", 1001) + "b"}
	return append(append([]string{}, names...), long...)
}

func main() {
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	seen := map[string]bool{}
	for _, p := range patterns {
		if seen[p] {
			fmt.Fprintf(os.Stderr, "duplicate pattern %q\n", p)
			os.Exit(1)
		}
		seen[p] = true
		re, err := regexp.Compile(p)
		if err != nil {
			fmt.Fprintf(out, "%s\t\terror\t-\t%s\n", encode(p), encode(err.Error()))
			continue
		}
		for _, n := range namesFor(p) {
			m := "0"
			if re.MatchString(n) {
				m = "1"
			}
			fmt.Fprintf(out, "%s\t%s\tok\t%s\t\n", encode(p), encode(n), m)
		}
	}
}
