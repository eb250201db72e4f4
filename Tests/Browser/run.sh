#!/usr/bin/env bash
# Starts Manabi on a fresh database and runs the browser tests against it. Called by `make test`.
set -euo pipefail
source "$(dirname "$0")/../server.sh"
VENV="${VENV:-$ROOT/.venv}"
PORT="${BROWSER_TEST_PORT:-18090}"
# The teacher and staff pages (test_work.py) send mail through a fake sendmail and create the first staff
# account with `manabi user create`; the lowest bcrypt cost keeps their sign-ins quick.
export FAKE_SENDMAIL_LOG="$WORK/mail.log" MANABI_SENDMAIL="$ROOT/Tests/Work/fake-sendmail -t"
export MANABI_PUBLIC_URL="http://127.0.0.1:$PORT" MANABI_BCRYPT_COST=4 MANABI_BIN="$MANABI" MANABI_TEST_DB="$WORK/manabi.sqlite"
start_server "$PORT" "$ROOT" --db "$MANABI_TEST_DB"
MANABI_URL="http://127.0.0.1:$PORT" "$VENV/bin/python" -m pytest -q Tests/Browser
