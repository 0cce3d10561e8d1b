#!/usr/bin/env bash
# OpenTelemetry profiles (OTLP) fixtures, Fixtures/otlp/:
# - go-heap.otlp.pb and go-goroutine.otlp.json: profconv's writer on the Go
#   captures of Fixtures/go1.19/busy/, each with `.expected`: what the
#   `opentelemetry-proto` package decodes from it (one block per Profile,
#   `# type/unit` then folded stacks; Scripts/lib/otlp_check.py folded);
# - python.otlp.pb and python.otlp.json: a ProfilesData made by that package
#   (protobuf, and OTLP/JSON by protobuf's json_format), with the folded
#   stacks the package computes from it per sample type,
#   python.index0.folded and python.index1.folded.
# Needs the pinned package in .build/otlp-venv (as .ci/run installs it) or
# OTLP_PYTHON, and a built profconv (PROFCONV).
set -euo pipefail
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$ROOT"
PROFCONV=${PROFCONV:-$ROOT/.build/debug/profconv}
python=${OTLP_PYTHON:-$ROOT/.build/otlp-venv/bin/python}
if ! "$python" -c "import opentelemetry.proto.profiles.v1development.profiles_pb2" 2>/dev/null; then
    python3 -m venv .build/otlp-venv
    .build/otlp-venv/bin/pip install -q "opentelemetry-proto==1.45.2" "protobuf==7.36.2"
    python=$ROOT/.build/otlp-venv/bin/python
fi
out=Fixtures/otlp
mkdir -p "$out"

"$PROFCONV" convert Fixtures/go1.19/busy/heap.debug0.pb.gz --to otlp -o "$out/go-heap.otlp.pb"
"$PROFCONV" convert Fixtures/go1.19/busy/goroutine.debug0.pb.gz --to otlp -o "$out/go-goroutine.otlp.json"
for f in "$out/go-heap.otlp.pb" "$out/go-goroutine.otlp.json"; do
    "$python" Scripts/lib/otlp_check.py folded "$f" >"$f.expected"
done

"$python" Scripts/lib/otlp_check.py encode "$out/python.otlp.pb" "$out/python.otlp.json" "$out"
mv "$out/index0.folded" "$out/python.index0.folded"
mv "$out/index1.folded" "$out/python.index1.folded"
echo "otlp: wrote $(ls "$out" | wc -l) files to $out"
