#!/usr/bin/env bash
# OpenTelemetry profiles against the `opentelemetry-proto` Python package
# (classes generated from the official .proto; .ci/run installs the pinned
# release into .build/otlp-venv):
# - for every Go pprof fixture, the OTLP we write (protobuf and OTLP/JSON)
#   decodes with the package to one Profile per sample type, whose folded
#   stacks equal `go tool pprof -raw`'s for that sample index, and the JSON
#   parses (json_format) to the same message as the protobuf;
# - a ProfilesData encoded with the package (protobuf, and OTLP/JSON by
#   json_format) reads back in profconv with the stacks the package gives.
# One line per check; non-zero on any mismatch.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Scripts/lib/interop-common.sh

python=${OTLP_PYTHON:-.build/otlp-venv/bin/python}
if ! "$python" -c "import opentelemetry.proto.profiles.v1development.profiles_pb2" 2>/dev/null; then
    if [ "${CI:-}" = true ]; then
        bad "otlp: $python cannot import opentelemetry-proto (.ci/run installs it)"
        exit 1
    fi
    echo "skip otlp: no opentelemetry-proto at $python (OTLP_PYTHON names another python)"
    exit 0
fi
check() { "$python" Scripts/lib/otlp_check.py "$@"; }

for f in Fixtures/go1.19/*/*.pb.gz; do
    [ -e "$f" ] || continue
    n=$(go tool pprof -raw "$f" 2>/dev/null | sed -n '/^Samples:/{n;p;q}' | wc -w)
    "$PROFCONV" convert "$f" --to otlp -o "$tmp/p.otlp.pb"
    "$PROFCONV" convert "$f" --to otlp -o "$tmp/p.otlp.json"
    if check same "$tmp/p.otlp.pb" "$tmp/p.otlp.json"; then ok "otlp json = protobuf $f"; else bad "otlp json != protobuf $f"; fi
    check folded "$tmp/p.otlp.pb" >"$tmp/decoded"
    profiles=$(grep -c '^# ' "$tmp/decoded" || true)
    if [ "$profiles" = "$n" ]; then ok "otlp $f: $n profiles"; else bad "otlp $f: $profiles profiles for $n sample types"; fi
    for ((i = 0; i < n; i++)); do
        go tool pprof -raw -symbolize=none "$f" 2>/dev/null | python3 Scripts/lib/pprof_raw_to_folded.py "$i" >"$tmp/want"
        # go tool pprof drops samples without locations; the package keeps
        # them (as `[no stack]`), so they are compared apart from -raw.
        awk -v want=$((i + 1)) '/^# /{k++; next} k == want' "$tmp/decoded" >"$tmp/got.all"
        grep -v '^\[no stack\] ' "$tmp/got.all" >"$tmp/got" || true
        "$PROFCONV" convert "$f" --to folded --sample-index "$i" | grep '^\[no stack\] ' >"$tmp/want.nostack" || true
        grep '^\[no stack\] ' "$tmp/got.all" >"$tmp/got.nostack" || true
        cmp -s "$tmp/want.nostack" "$tmp/got.nostack" || bad "otlp samples without locations $f index=$i: $(cat "$tmp/got.nostack")"
        if cmp -s "$tmp/want" "$tmp/got"; then ok "otlp stacks $f index=$i"; else bad "otlp stacks $f index=$i: $(diff "$tmp/want" "$tmp/got" | head -3 | tr '\n' ' ')"; fi
    done
done

mkdir -p "$tmp/expected"
check encode "$tmp/py.otlp.pb" "$tmp/py.otlp.json" "$tmp/expected"
for input in "$tmp/py.otlp.pb" "$tmp/py.otlp.json"; do
    for i in 0 1; do
        "$PROFCONV" convert "$input" --to folded --sample-index "$i" >"$tmp/got"
        name=${input##*/}
        if cmp -s "$tmp/expected/index$i.folded" "$tmp/got"; then ok "otlp from the package ($name) index=$i"; else bad "otlp from the package ($name) index=$i: $(diff "$tmp/expected/index$i.folded" "$tmp/got" | head -3 | tr '\n' ' ')"; fi
    done
done
exit $fail
