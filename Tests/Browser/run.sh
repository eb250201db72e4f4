#!/usr/bin/env bash
# Starts Manabi on a fresh database and runs the browser tests against it. Called by `make test`.
set -euo pipefail
source "$(dirname "$0")/../server.sh"
VENV="${VENV:-$ROOT/.venv}"
PORT="${BROWSER_TEST_PORT:-18090}"
start_server "$PORT" "$ROOT" --db "$WORK/manabi.sqlite"
MANABI_URL="http://127.0.0.1:$PORT" "$VENV/bin/python" -m pytest -q Tests/Browser
