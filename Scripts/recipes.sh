#!/usr/bin/env bash
# Runs every `sh` block of README.md exactly as written, from a scratch
# directory that has the repository's Fixtures/, a captures/ directory made
# from Fixtures/go1.19, and the leaky Go server answering for localhost:6060.
# Fails on any error, and on a block that names a subcommand or output format
# profconv does not have. The set-up block (`swift run …`, `bash .ci/run`) is
# what CI itself does, so it is not run again here.
#
#   PROFCONV=.build/release/profconv bash Scripts/recipes.sh [DOC.md]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
doc=${1:-README.md}
PROFCONV=${PROFCONV:-$root/.build/release/profconv}
PROFCONV=$(cd "$(dirname "$PROFCONV")" && pwd)/$(basename "$PROFCONV")
source Scripts/lib/leaky-server.sh
server_scratch

# `profconv` on PATH, as the recipes call it.
mkdir -p "$work/bin" "$work/run/captures"
ln -s "$PROFCONV" "$work/bin/profconv"
export PATH="$work/bin:$PATH"
cp -R Fixtures/go1.19/leaky Fixtures/go1.19/busy "$work/run/captures/"
ln -s "$root/Fixtures" "$work/run/Fixtures"

start_leaky "$work"

# Split the document into one file per sh block, named by its section.
python3 - "$doc" "$work/blocks" <<'PY'
import os, re, sys
doc, out = sys.argv[1], sys.argv[2]
os.makedirs(out)
section, block, n = "", None, 0
for line in open(doc, encoding="utf-8"):
    if block is None:
        if line.startswith("### "):
            section = line[4:].strip()
        elif line.strip() == "```sh":
            block = []
    elif line.strip() == "```":
        n += 1
        with open(os.path.join(out, "%02d" % n), "w") as f:
            f.write("# " + section + "\n" + "".join(block))
        block = None
    else:
        block.append(line)
PY

missing() {  # prints why a block cannot run yet, or nothing
  local block=$1 sub fmt url
  for sub in $(grep -oE '(^|[|;&] *)profconv [a-z][a-z-]*' "$block" | awk '{print $NF}' | sort -u); do
    # (`profconv help NAME` exits 0 even for an unknown NAME: read the list.)
    profconv --help | sed -n '/^SUBCOMMANDS:/,/^$/p' | awk '{print $1}' | grep -qx "$sub" ||
      { echo "profconv $sub does not exist yet"; return; }
  done
  for fmt in $(grep -oE -- '--to [a-z0-9.-]+' "$block" | awk '{print $2}' | sort -u); do
    profconv formats | awk 'NR > 1 && $1 != "" {print $1}' | grep -qx "$fmt" ||
      { echo "profconv cannot write $fmt yet"; return; }
  done
  for url in $(grep -oE "http://localhost:6060[^' ]*debug=[0-9]" "$block" | sort -u); do
    curl -fsS --max-time 30 "${url/localhost:6060/127.0.0.1:$port}" | profconv info - >/dev/null 2>&1 ||
      { echo "profconv cannot read $url yet"; return; }
  done
}

ran=0 skipped=0
for block in "$work"/blocks/*; do
  title=$(head -1 "$block" | cut -c3-)
  if grep -qE '^(swift run|bash \.ci/run)' "$block"; then
    echo "skip $title (block $(basename "$block")): the set-up commands, which CI runs itself"
    skipped=$((skipped + 1))
    continue
  fi
  why=$(missing "$block")
  if [ -n "$why" ]; then
    echo "FAIL $title (block $(basename "$block")): $why"
    exit 1
  fi
  sed -i "s/localhost:6060/127.0.0.1:$port/g" "$block"
  if (cd "$work/run" && bash -euo pipefail "$block" > "$work/out" 2>&1); then
    echo "ok   $title (block $(basename "$block"))"
    ran=$((ran + 1))
  else
    echo "FAIL $title (block $(basename "$block")):"
    sed 's/^/     /' "$work/out" | tail -20
    exit 1
  fi
done
echo "recipes: $ran ran, $skipped skipped"
