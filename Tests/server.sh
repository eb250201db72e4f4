# Sourced by the process-level test scripts (CLI/run.sh, Browser/run.sh): builds the debug `manabi`, and
# starts a server in the background and waits until it answers. Sets ROOT, WORK (removed at exit), MANABI.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$WORK"' EXIT
swift build --product manabi >/dev/null 2>"$WORK/build.err" || { cat "$WORK/build.err"; exit 1; }
MANABI="$ROOT/.build/debug/manabi"

# start_server PORT FOLDER ARGS…: runs `manabi serve ARGS… --port PORT` from FOLDER; returns once /healthz
# answers 200 (non-zero, with the server's log, if it exits or 60 s pass first).
start_server() {
  local port="$1" folder="$2"
  shift 2
  ( cd "$folder" && exec "$MANABI" serve --port "$port" "$@" ) >"$WORK/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/healthz")" = 200 ] && return 0
    kill -0 "$server" 2>/dev/null || break
    sleep 0.2
  done
  cat "$WORK/server.log"
  return 1
}
