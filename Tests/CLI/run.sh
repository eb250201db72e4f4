#!/usr/bin/env bash
# The command line through real processes against a running server: what `make test` cannot check in
# process. A server started from another folder on a seeded database; `manabi import` from another
# process served without a restart; `manabi backup` while serving; clear errors. Called by `make test`.
set -uo pipefail
source "$(dirname "$0")/../server.sh"
PORT="${CLI_TEST_PORT:-18091}"
DB="$WORK/live.sqlite"
passed=0; failed=0
ok() { echo "ok   - $1"; passed=$((passed + 1)); }
bad() { echo "FAIL - $1"; failed=$((failed + 1)); }
api() { curl -fsS --max-time 5 "http://127.0.0.1:$PORT$1"; }
status() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$PORT$1"; }
row() { # id name kana fee
  printf '%s\n' "id,name,name_kana,organiser,municipality_code,venue,format,fee_yen,childcare,wheelchair,accepting,levels,languages,status,last_confirmed,slots,sample" \
    "$1,$2,$3,CLIテストの会（サンプル）,131041,新宿区民センター,in_person,$4,false,true,true,a1|a2,en|zh,published,$(date +%F),sat 10:00-12:00,true"
}

"$MANABI" seed --db "$DB" --seed-dir seed >/dev/null && ok "seed" || bad "seed"

# A seeded database is served from any folder, with no seed files around.
mkdir -p "$WORK/elsewhere"
start_server "$PORT" "$WORK/elsewhere" --db "$DB" && ok "serve --db SEEDED from another folder" || bad "serve --db SEEDED from another folder"

# `manabi import` from another process is served without a restart.
row 990001 "CLI確認教室" "しーえるあいかくにんきょうしつ" 0 >"$WORK/new.csv"
"$MANABI" import "$WORK/new.csv" --db "$DB" >/dev/null && ok "import while serving" || bad "import while serving"
start=$(date +%s%N); seen=""
for _ in $(seq 1 200); do
  if [ "$(status /api/v1/classrooms/990001)" = 200 ]; then seen=$(( ($(date +%s%N) - start) / 1000000 )); break; fi
  sleep 0.05
done
if [ -n "$seen" ] && [ "$seen" -le 2000 ]; then ok "another process's import served after ${seen} ms (limit 2000)"
else bad "another process's import served after ${seen:-never} ms (limit 2000)"; fi
api "/api/v1/suggest?q=%E3%81%97%E3%83%BC%E3%81%88%E3%82%8B" | grep -q '"990001"' && ok "suggest index follows" || bad "suggest index follows"

# An import with a bad row stores nothing; the server keeps serving what it had.
row 990002 "壊れた教室" "こわれたきょうしつ" -5 >"$WORK/bad.csv"
if "$MANABI" import "$WORK/bad.csv" --db "$DB" 2>"$WORK/bad.err"; then bad "bad import refused"; else
  grep -q "fee_yen" "$WORK/bad.err" && ok "bad import refused, problem named" || bad "bad import refused, problem named"; fi
[ "$(status /api/v1/classrooms/990002)" = 404 ] && [ "$(status /api/v1/classrooms/990001)" = 200 ] && ok "nothing of the bad import stored" || bad "nothing of the bad import stored"

# An online backup while the server serves: a complete, consistent copy; never over an existing file.
"$MANABI" backup "$WORK/backup.sqlite" --db "$DB" >/dev/null && ok "backup while serving" || bad "backup while serving"
python3 - "$WORK/backup.sqlite" <<'PY' && ok "backup passes integrity_check and holds the import" || bad "backup passes integrity_check and holds the import"
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
assert db.execute("SELECT count(*) FROM classroom WHERE id = 990001").fetchone()[0] == 1
assert db.execute("SELECT count(*) FROM municipality").fetchone()[0] == 62
PY
before=$(sha256sum "$WORK/backup.sqlite")
if "$MANABI" backup "$WORK/backup.sqlite" --db "$DB" 2>"$WORK/again.err"; then bad "backup refuses an existing file"; else
  [ "$before" = "$(sha256sum "$WORK/backup.sqlite")" ] && grep -q "exists already" "$WORK/again.err" && ok "backup refuses an existing file" || bad "backup refuses an existing file"; fi
[ "$(status /healthz)" = 200 ] && ok "server still serving after backups" || bad "server still serving after backups"

# A new database with no seed files in reach: a message naming the file, the folder and the flag.
if ( cd "$WORK/elsewhere" && "$MANABI" serve --db "$WORK/empty.sqlite" --port $((PORT + 1)) ) 2>"$WORK/empty.err" >/dev/null; then
  bad "unseeded database without seed files refused"
else
  grep -q "municipalities.csv" "$WORK/empty.err" && grep -q -- "--seed-dir" "$WORK/empty.err" && grep -q "$WORK/elsewhere/seed" "$WORK/empty.err" \
    && ok "unseeded database without seed files refused with a clear message" || { bad "unseeded database without seed files refused with a clear message"; cat "$WORK/empty.err"; }
fi

echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
