#!/usr/bin/env bash
# How soon a running server serves what another process wrote, at the benchmark's directory size:
# starts `manabi serve` on a copy of bench/out/bench.sqlite (10,000 classrooms; run bench/run.sh first),
# then ROUNDS times imports one new classroom and, separately, changes the fee of an existing one with
# `manabi import`, and times each from the import's exit to the first API answer that shows it. The
# server's own log says how long each rebuild step took. Loopback only; stops by itself.
#   bench/freshness.sh                      # MANABI_BIN=.build/release/manabi ROUNDS=5 PORT=18097
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${MANABI_BIN:-$ROOT/.build/release/manabi}"
ROUNDS="${ROUNDS:-5}"
PORT="${PORT:-18097}"
SOURCE="$ROOT/bench/out/bench.sqlite"
[ -f "$SOURCE" ] || { echo "no $SOURCE: run bench/run.sh first" >&2; exit 1; }
WORK="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$WORK"' EXIT
cp "$SOURCE" "$WORK/db.sqlite"
"$BIN" serve --db "$WORK/db.sqlite" --port "$PORT" --no-seed >"$WORK/server.log" 2>&1 &
server=$!
for _ in $(seq 1 150); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.2; done
count="$(curl -fs "http://127.0.0.1:$PORT/api/v1/classrooms?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')"
echo "serving $count published classrooms"
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
row() { # id fee
  printf '%s\n' "id,name,name_kana,organiser,municipality_code,venue,format,fee_yen,childcare,wheelchair,accepting,levels,languages,status,last_confirmed,slots,sample" \
    "$1,鮮度確認教室 $1,せんどかくにんきょうしつ $1,鮮度確認の会（サンプル）,131041,新宿区民センター,in_person,$2,false,true,true,a1,en,published,$(date +%F),sat 10:00-12:00,true" >"$WORK/row.csv"
}
wait_for() { # wait_for PATH PATTERN → ms, or "not within 10 s"
  local start="$1" path="$2" pattern="$3"
  for _ in $(seq 1 500); do
    curl -s --max-time 2 "http://127.0.0.1:$PORT$path" | grep -q "$pattern" && { ms "$start"; return; }
    sleep 0.02
  done
  echo "not within 10 s"
}
for round in $(seq 1 "$ROUNDS"); do
  id=$((995000 + round))
  row "$id" 0; "$BIN" import "$WORK/row.csv" --db "$WORK/db.sqlite" >/dev/null; start=$(date +%s%N)
  echo "round $round: new classroom served after $(wait_for "$start" "/api/v1/classrooms/$id" '"id":') ms"
  sleep 1
  row "$id" 500; "$BIN" import "$WORK/row.csv" --db "$WORK/db.sqlite" >/dev/null; start=$(date +%s%N)
  echo "round $round: changed fee served after $(wait_for "$start" "/api/v1/classrooms/$id" '"fee_yen":500') ms"
  sleep 1
done
echo "server's rebuild steps:"
grep "reloaded after another process wrote" "$WORK/server.log" | sed 's/^.*info manabi: /  /'
