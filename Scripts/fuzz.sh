#!/usr/bin/env bash
# Fuzzes every reader with libFuzzer for SECONDS in all (default 60), split
# evenly over the targets the build offers, from seed corpora copied out of
# Fixtures/ (plus Fixtures/fuzz-seeds/<target>/). Prints executions per
# second and coverage per target; exits 1 on any crash, timeout or OOM, with
# the input saved under $FUZZ_OUT (default .build-fuzz/crashes).
#
#   Scripts/fuzz.sh 600                     # ten minutes over all targets
#   FUZZ_TARGETS="pprof folded" Scripts/fuzz.sh 120
#   FUZZ_SANITIZE=fuzzer Scripts/fuzz.sh    # without AddressSanitizer (faster)
#   Scripts/fuzz.sh --reproduce pprof crash-file   # rerun one input
set -euo pipefail
cd "$(dirname "$0")/.."

sanitize=${FUZZ_SANITIZE:-fuzzer,address}
out=${FUZZ_OUT:-$PWD/.build-fuzz/crashes}
build() {
  PROFCONV_FUZZ=1 swift build -c release --scratch-path .build-fuzz \
    -Xswiftc -sanitize="$sanitize" --product ProfconvFuzz 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\] (Compiling|Write|Emitting)' || true
}
# The Swift runtime's own crash handler fights libFuzzer's; libFuzzer reports.
export SWIFT_BACKTRACE=enable=no
# Swift's runtime caches look like leaks to LeakSanitizer.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}

started=$(date +%s)
build
bin=$(PROFCONV_FUZZ=1 swift build -c release --scratch-path .build-fuzz --show-bin-path)/ProfconvFuzz
[ -x "$bin" ] || { echo "fuzz: build failed"; exit 1; }
echo "fuzz: built in $(( $(date +%s) - started ))s"

if [ "${1:-}" = "--reproduce" ]; then
  PROFCONV_FUZZ_TARGET=$2 "$bin" "$3"
  exit $?
fi
seconds=${1:-60}

# Target name <TAB> seed globs, for the readers this build has.
mapfile -t listing < <(PROFCONV_FUZZ_LIST=1 "$bin")
selected=()
for line in "${listing[@]}"; do
  name=${line%%$'\t'*}
  if [ -z "${FUZZ_TARGETS:-}" ] || [[ " $FUZZ_TARGETS " == *" $name "* ]]; then selected+=("$line"); fi
done
[ ${#selected[@]} -gt 0 ] || { echo "fuzz: no targets"; exit 1; }
per=$(( seconds / ${#selected[@]} ))
[ "$per" -ge 1 ] || per=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
failed=0
printf '%-16s %10s %10s %8s %8s %8s\n' target execs exec/s cov ft corpus
for line in "${selected[@]}"; do
  name=${line%%$'\t'*}
  globs=${line#*$'\t'}
  corpus=$work/$name
  mkdir -p "$corpus"
  # Seeds: small fixture files only (libFuzzer's max_len follows the largest).
  for g in $globs; do
    for f in Fixtures/$g; do
      [ -f "$f" ] && [ "$(stat -c %s "$f")" -le 65536 ] && cp "$f" "$corpus/$(echo "${f#Fixtures/}" | tr / _)"
    done
  done
  if [ -d "Fixtures/fuzz-seeds/$name" ]; then cp Fixtures/fuzz-seeds/"$name"/* "$corpus/" 2>/dev/null || true; fi
  log=$work/$name.log
  status=0
  PROFCONV_FUZZ_TARGET=$name "$bin" "$corpus" -max_total_time="$per" -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 \
    -print_final_stats=1 -artifact_prefix="$out/$name-" >"$log" 2>&1 || status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  # A target stopped before its first status line (a slow seed) has none.
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\)\/.*/\1/p' <<<"$last")
  printf '%-16s %10s %10s %8s %8s %8s\n' "$name" "${execs:--}" "${rate:--}" "${cov:--}" "${ft:--}" "${corp:--}"
  if [ "$status" -ne 0 ]; then
    failed=1
    cp "$log" "$out/$name.log"
    echo "fuzz: $name FAILED (exit $status); log: $out/$name.log"
    grep -E 'ERROR: libFuzzer|Fatal error|Swift runtime failure|ERROR: AddressSanitizer|Test unit written to' "$log" | head -5 | sed 's/^/  /'
  fi
done
echo "fuzz: done in $(( $(date +%s) - started ))s"
exit $failed
