#!/usr/bin/env bash
# Schemathesis against /openapi.json on a running server (fresh, seeded database): every check, the
# coverage, fuzzing and stateful phases, deterministic generation so a failure repeats. Called by `make test`.
set -euo pipefail
source "$(dirname "$0")/../server.sh"
VENV="${VENV:-$ROOT/.venv}"
PORT="${API_TEST_PORT:-18095}"
start_server "$PORT" "$ROOT" --db "$WORK/api.sqlite"
"$VENV/bin/schemathesis" run "http://127.0.0.1:$PORT/openapi.json" --checks all --max-examples "${SCHEMATHESIS_EXAMPLES:-200}" \
  --generation-deterministic --no-color
