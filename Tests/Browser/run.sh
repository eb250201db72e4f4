#!/usr/bin/env bash
# Starts Manabi on a fresh database and runs the browser tests against it. Called by `make test`.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
VENV="${VENV:-$ROOT/.venv}"
PORT="${BROWSER_TEST_PORT:-18090}"
WORK="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$WORK"' EXIT
swift build --product manabi >/dev/null
.build/debug/manabi serve --db "$WORK/manabi.sqlite" --port "$PORT" >"$WORK/server.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
  sleep 1
done
MANABI_URL="http://127.0.0.1:$PORT" "$VENV/bin/python" -m pytest -q Tests/Browser
