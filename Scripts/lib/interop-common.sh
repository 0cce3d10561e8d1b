# Sourced by the interop scripts once they are in the repository root: the
# binary under test, a scratch directory removed on exit, and one-line
# results (`ok …` / `FAIL …`; a script ends with `exit $fail`).
PROFCONV=${PROFCONV:-.build/release/profconv}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
