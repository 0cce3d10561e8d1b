#!/usr/bin/env bash
# Runs every `profconv …` command of README.md's ```sh blocks, as written, from
# a scratch directory that sees the repository's Fixtures/. Fails on the first
# command that fails. The `swift run` and `.ci/run` lines are what CI itself does.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
PROFCONV=${PROFCONV:-$root/.build/release/profconv}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
ln -s "$PROFCONV" "$work/bin/profconv"
ln -s "$root/Fixtures" "$work/Fixtures"

count=0
while IFS= read -r line; do
  count=$((count + 1))
  # No pipefail: `profconv … | head` ends profconv with SIGPIPE, as it would any
  # tool; a real failure still shows as a non-zero last command or as stderr.
  if (cd "$work" && PATH="$work/bin:$PATH" bash -c "$line" >"$work/out" 2>"$work/err") && ! grep -q "error" "$work/err"; then
    echo "ok   $line"
  else
    echo "FAIL $line"
    head -5 "$work/err"
    exit 1
  fi
done < <(awk '/^```sh/{inside=1; next} /^```/{inside=0} inside && /^(cat .*\| )?profconv /' README.md)
echo "readme: $count commands ran"
[ "$count" -gt 0 ]
