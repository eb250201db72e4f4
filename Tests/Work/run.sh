#!/usr/bin/env bash
# The teacher and staff flow against a real `manabi serve` (real SQLite file, real HTTP, fake sendmail):
# flow.py walks invite → password → classroom → cancellation → approval → learner search, and the
# security and permission checks around it.
set -euo pipefail
source "$(dirname "$0")/../server.sh"
PORT="${WORK_TEST_PORT:-8097}"
DB="$WORK/work.sqlite"
export FAKE_SENDMAIL_LOG="$WORK/mail.log"
export MANABI_SENDMAIL="$ROOT/Tests/Work/fake-sendmail -t"
export MANABI_PUBLIC_URL="http://127.0.0.1:$PORT"
# The lowest cost bcrypt allows keeps the many sign-ins quick; production uses 12 (BENCHMARKS.md §5).
export MANABI_BCRYPT_COST=4
"$MANABI" seed --db "$DB" --seed-dir seed >/dev/null
start_server "$PORT" "$ROOT" --db "$DB"
python3 "$ROOT/Tests/Work/flow.py" "http://127.0.0.1:$PORT" "$MANABI" "$DB" "$FAKE_SENDMAIL_LOG"
