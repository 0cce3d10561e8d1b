# Sourced by scripts that need a live net/http/pprof server:
# `start_fixture_server PROGRAM WORKDIR [GO BUILD FLAGS…]` builds
# Scripts/fixture-programs/PROGRAM (leaky, leakgrow, busy, …) into WORKDIR,
# serves it on a free 127.0.0.1 port and waits until it answers. It sets
# `port` and `server` (the pid; the caller kills it on exit). Run from the
# repository root. `start_leaky WORKDIR [FLAGS…]` is the same for leaky.
# `server_scratch` first gives the caller a scratch directory `work` and an
# EXIT trap that stops every server started and removes the directory.
server_scratch() {
  work=$(mktemp -d)
  server=
  servers=()
  trap 'for s in "${servers[@]}"; do kill "$s" 2>/dev/null || true; wait "$s" 2>/dev/null || true; done; rm -rf "$work"' EXIT
}

start_fixture_server() {
  local program=$1 work=$2
  shift 2
  export GOFLAGS=-mod=mod GO111MODULE=on GOPROXY=off GOTOOLCHAIN=local GOCACHE=${GOCACHE:-$work/gocache}
  (cd "Scripts/fixture-programs/$program" && go build "$@" -o "$work/$program" .)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$work/$program" -addr "127.0.0.1:$port" 2>"$work/$program.log" &
  server=$!
  servers+=("$server")
  for _ in $(seq 1 200); do
    curl -fsS --max-time 1 -o /dev/null "http://127.0.0.1:$port/debug/pprof/" 2>/dev/null && return 0
    kill -0 "$server" 2>/dev/null || { cat "$work/$program.log" >&2; echo "FAIL the $program server exited"; exit 1; }
    sleep 0.1
  done
  echo "FAIL the $program server did not answer in 20 s"; exit 1
}

start_leaky() { local work=$1; shift; start_fixture_server leaky "$work" "$@"; }
