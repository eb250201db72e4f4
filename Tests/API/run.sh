#!/usr/bin/env bash
# Schemathesis against /openapi.json on a running server (fresh, seeded database): every check, the
# coverage, fuzzing and stateful phases, deterministic generation so a failure repeats. Called by `make test`.
# It sends a teacher's personal API token with every request, so the write API (/api/v1/listings) is
# fuzzed past its authentication as well; the read API ignores the header.
set -euo pipefail
source "$(dirname "$0")/../server.sh"
VENV="${VENV:-$ROOT/.venv}"
PORT="${API_TEST_PORT:-18095}"
DB="$WORK/api.sqlite"
"$MANABI" seed --db "$DB" --seed-dir seed >/dev/null
"$MANABI" user create --db "$DB" --role teacher --email fuzz.teacher@example.jp --organiser "ファズの会" >/dev/null
TOKEN="$("$MANABI" token create --db "$DB" --email fuzz.teacher@example.jp --label schemathesis)"
start_server "$PORT" "$ROOT" --db "$DB"
"$VENV/bin/schemathesis" --config-file "$ROOT/Tests/API/schemathesis.toml" run "http://127.0.0.1:$PORT/openapi.json" \
  --checks all --max-examples "${SCHEMATHESIS_EXAMPLES:-100}" --generation-deterministic --no-color --workers 2 \
  -H "Authorization: Bearer $TOKEN"
