# Sourced by scripts that need a live net/http/pprof server: `start_leaky
# WORKDIR [GO BUILD FLAGS…]` builds Scripts/fixture-programs/leaky into WORKDIR, serves it on a
# free 127.0.0.1 port and waits until it answers. It sets `port` and `server`
# (the pid; the caller kills it on exit). Run from the repository root.
start_leaky() {
  local work=$1
  shift
  export GOFLAGS=-mod=mod GO111MODULE=on GOPROXY=off GOTOOLCHAIN=local GOCACHE=${GOCACHE:-$work/gocache}
  (cd Scripts/fixture-programs/leaky && go build "$@" -o "$work/leaky" .)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$work/leaky" -addr "127.0.0.1:$port" 2>"$work/leaky.log" &
  server=$!
  for _ in $(seq 1 200); do
    curl -fsS --max-time 1 -o /dev/null "http://127.0.0.1:$port/debug/pprof/" 2>/dev/null && return 0
    kill -0 "$server" 2>/dev/null || { cat "$work/leaky.log" >&2; echo "FAIL the leaky server exited"; exit 1; }
    sleep 0.1
  done
  echo "FAIL the leaky server did not answer in 20 s"; exit 1
}
