#!/usr/bin/env bash
# Runs the reader tests under AddressSanitizer and UndefinedBehaviorSanitizer,
# each in its own scratch directory so the normal .build is left alone.
# Prints the time of each run; exits non-zero if either fails.
#
#   Scripts/sanitizers.sh                 # address (the default)
#   SANITIZERS="address thread" Scripts/sanitizers.sh
#
# swiftc on Linux has no -sanitize=undefined (Swift traps on overflow and
# out-of-bounds itself); asking for it is reported as unsupported, not failed.
#   FILTER='BadInput|Pprof' Scripts/sanitizers.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# The reader suites: wire codecs, every fixture, hostile inputs, limits, SVG read-back.
filter=${FILTER:-'ProfileFormatsTests\.(BadInputTests|LimitsTests|PprofWireTests|PprofFixtureTests|FoldedTests|FlameGraphTests|SVGSafetyTests|GoDebug1Tests|GoDebug2Tests|SpeedscopeTests|ELFTests|GoPCLNTabTests|SymbolizerTests)'}
export SWIFT_BACKTRACE=enable=no
# Swift's runtime metadata caches are reported as leaks; the point here is memory errors.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=0
for s in ${SANITIZERS:-address}; do
  start=$(date +%s)
  log=$(mktemp)
  if ! echo | swiftc -sanitize="$s" -typecheck - >/dev/null 2>&1; then
    echo "sanitize=$s: unsupported by this toolchain, skipped"
    continue
  fi
  if swift test --sanitize="$s" --scratch-path ".build-$s" --filter "$filter" >"$log" 2>&1 \
     && ! grep -qE 'runtime error:|ERROR: AddressSanitizer|✘' "$log"; then
    result=passed
  else
    result=FAILED
    failed=1
    grep -E 'runtime error:|ERROR: AddressSanitizer|SUMMARY|✘|error:' "$log" | head -20
  fi
  summary=$(grep -E '^(✔|✘) Test run with' "$log" | tail -1 || true)
  echo "sanitize=$s: $result in $(( $(date +%s) - start ))s; ${summary:-no test summary}"
  rm -f "$log"
done
exit $failed
