#!/usr/bin/env bash
# Opens profconv report pages in headless Chromium and uses them as a person
# would (Scripts/browser-test-report.mjs): a real CPU profile, a leak page of
# three goroutine dumps, and a page whose every name is hostile against one
# whose names are harmless. Offline, bounded in time, runs as root in CI
# (--no-sandbox). KEEP_SCREENSHOTS=DIR keeps the screenshots.
set -euo pipefail
cd "$(dirname "$0")/.."
PROFCONV=${PROFCONV:-.build/release/profconv}
[ -x "$PROFCONV" ] || PROFCONV=.build/debug/profconv
if ! command -v chromium >/dev/null; then
    echo "installing chromium"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
command -v node >/dev/null || { echo "FAIL: node is needed for the DevTools-protocol checks"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$PROFCONV" report Fixtures/go1.19/busy/cpu.pb.gz -o "$tmp/cpu.html"
"$PROFCONV" report Fixtures/go1.19/busy/cpu.pb.gz --granularity lines -o "$tmp/cpu-lines.html"
"$PROFCONV" report Fixtures/go1.19/leakgrow/snap{1,2,3}.goroutine.debug2.txt -o "$tmp/leaks.html"
"$PROFCONV" report Fixtures/go1.19/leaky/goroutine.debug2.txt -o "$tmp/dump.html"
# Five snapshots under the long names leaks --save gives them.
saved="$tmp/snapshots-of-the-service-under-test"
mkdir -p "$saved"
for k in 1 2 3 4 5; do
    cp "Fixtures/go1.19/leakgrow/snap$(( k < 3 ? k : 3 )).goroutine.debug2.txt" "$saved/goroutine-20261201T19${k}209.000Z.txt"
done
"$PROFCONV" report "$saved"/goroutine-*.txt -o "$tmp/saved.html"
"$PROFCONV" report Fixtures/go1.19/leakgrow/snap3.goroutine.debug0.pb.gz --diff-base Fixtures/go1.19/leakgrow/snap1.goroutine.debug0.pb.gz \
    -o "$tmp/diff.html" 2>/dev/null

# Three goroutine dumps whose function and state names are an XSS corpus,
# and the same dumps with harmless names: the pages must have the same shape.
python3 - "$tmp" <<'PY'
import sys
out = sys.argv[1]
hostile = ['</script><script>window.__xss=1</script>', '<!--', '"onload=window.__xss=1', 'javascript:window.__xss=1',
           'a\u2028b', '<img/src=x/onerror=window.__xss=1>']
for variant, names in (("hostile", hostile), ("harmless", ["name%d" % i for i in range(len(hostile))])):
    for snap in (1, 2, 3):
        lines, gid = [], 1
        for k, name in enumerate(names):
            for _ in range(snap * (k + 1)):
                lines += ["goroutine %d [%s]:" % (gid, name), "main.%s(...)" % name, "\t/src/main.go:%d +0x1d" % (10 + k),
                          "main.main()", "\t/src/main.go:5 +0x2", ""]
                gid += 1
        with open("%s/%s%d.txt" % (out, variant, snap), "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
PY
"$PROFCONV" report "$tmp"/hostile{1,2,3}.txt -o "$tmp/hostile.html"
"$PROFCONV" report "$tmp"/harmless{1,2,3}.txt -o "$tmp/harmless.html"
if grep -q -- '<!--' "$tmp/hostile.html"; then echo "FAIL the hostile page holds <!--"; exit 1; fi

status=0
timeout 120 node --experimental-websocket --no-warnings Scripts/browser-test-report.mjs "$tmp" || status=$?
if [ -n "${KEEP_SCREENSHOTS:-}" ]; then mkdir -p "$KEEP_SCREENSHOTS" && cp "$tmp"/*.png "$KEEP_SCREENSHOTS"/; fi
exit $status
