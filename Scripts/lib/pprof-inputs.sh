# Sourced by the interop scripts (after `cd` to the repository and setting
# $tmp): fills the array `inputs` with every Go fixture in pprof form, the
# hand-written pprof fixtures (cpp-names.pb.gz: names pprof simplifies), plus
# pprof's own test profiles (Debian's golang-github-google-pprof-dev)
# converted by `go tool pprof -proto` into $tmp.
inputs=()
# (Not handwritten/invalid-utf8.pb.gz: text reports show invalid UTF-8 as
# U+FFFD where pprof prints the raw bytes; interop.sh checks its round trip.)
for f in Fixtures/go1.19/*/*.pb.gz Fixtures/handwritten/cpp-names.pb.gz; do [ -e "$f" ] && inputs+=("$f"); done
testdata=/usr/share/gocode/src/github.com/google/pprof/profile/testdata
for t in cppbench.cpu cppbench.heap cppbench.contention go.crc32.cpu gobench.cpu gobench.heap java.cpu java.heap java.contention; do
    if [ -e "$testdata/$t" ] && go tool pprof -proto "$testdata/$t" >"$tmp/$t.pb.gz" 2>/dev/null; then
        inputs+=("$tmp/$t.pb.gz")
    fi
done
