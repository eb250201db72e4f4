#!/usr/bin/env bash
# Benchmark Manabi's search API against nginx serving the same responses as static files.
# See bench/README.md. Loopback only; every step has a time limit. Run from anywhere:
#
#   bench/run.sh                      # build, generate, import, serve, measure
#   SKIP_BUILD=1 DURATION=10s CONNECTIONS=16 bench/run.sh
#
# Environment (defaults in brackets): SKIP_BUILD [0], DURATION [20s], CONNECTIONS [32],
# THREADS [2], ROWS [10000], MANABI_PORT [18080], NGINX_PORT [18081], NGINX_WORKERS [2],
# MANABI_BIN [.build/release/manabi], NGINX_BIN [/usr/sbin/nginx], WRK_BIN [/usr/bin/wrk],
# URLS [bench/urls.txt], HEALTH_TIMEOUT seconds [30], IMPORT_TIMEOUT seconds [600].
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SKIP_BUILD="${SKIP_BUILD:-0}"
DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
ROWS="${ROWS:-10000}"
MANABI_PORT="${MANABI_PORT:-18080}"
NGINX_PORT="${NGINX_PORT:-18081}"
NGINX_WORKERS="${NGINX_WORKERS:-2}"
MANABI_BIN="${MANABI_BIN:-$ROOT/.build/release/manabi}"
NGINX_BIN="${NGINX_BIN:-/usr/sbin/nginx}"
WRK_BIN="${WRK_BIN:-/usr/bin/wrk}"
URLS="${URLS:-$ROOT/bench/urls.txt}"
HEALTH_TIMEOUT="${HEALTH_TIMEOUT:-30}"
IMPORT_TIMEOUT="${IMPORT_TIMEOUT:-600}"
HOST=127.0.0.1

OUT="$ROOT/bench/out"
DB="$OUT/bench.sqlite"
CSV="$OUT/directory.csv"
STATIC="$OUT/static"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

manabi_pid=""
nginx_pid=""
child_pid=""

# Run a command in the background and wait for it, so that a TERM/INT reaches the cleanup
# trap at once instead of after the command finishes.
run_waiting() {
  "$@" &
  child_pid=$!
  local rc=0
  wait "$child_pid" || rc=$?
  child_pid=""
  return "$rc"
}

stop_pid() { # stop_pid PID NAME: TERM, wait up to 10 s, then KILL
  local pid="$1" name="$2" i
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (pid $pid) did not stop after TERM; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  stop_pid "$child_pid" "child process"
  stop_pid "$manabi_pid" manabi
  stop_pid "$nginx_pid" nginx
  manabi_pid=""; nginx_pid=""
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Peak resident set size (VmHWM) in kB of one process.
vmhwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# A process and its direct children (nginx master and workers), one pid a line.
tree_pids() {
  local root="$1" pid ppid
  for status in /proc/[0-9]*/status; do
    pid="${status#/proc/}"; pid="${pid%/status}"
    ppid="$(awk '/^PPid:/ {print $2}' "$status" 2>/dev/null || true)"
    if [ "$pid" = "$root" ] || [ "$ppid" = "$root" ]; then echo "$pid"; fi
  done
}

# CPU time (user + system, in clock ticks) one process has used so far: fields 14 and 15 of /proc/PID/stat,
# counted after the ")" that ends the command name.
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk '{print $12 + $13}'; }

# CPU ticks of a process and its direct children. What a server spends per request is read as the difference
# over a run divided by the requests served: a figure that moves far less than requests/s when other work
# shares the machine.
cpu_ticks_tree() {
  local total=0 ticks pid
  for pid in $(tree_pids "$1"); do ticks="$(cpu_ticks "$pid")"; total=$((total + ${ticks:-0})); done
  echo "$total"
}

# Peak RSS of a process and its direct children, in kB.
vmhwm_tree_kb() {
  local total=0 kb pid
  for pid in $(tree_pids "$1"); do kb="$(vmhwm_kb "$pid")"; total=$((total + ${kb:-0})); done
  echo "$total"
}

port_busy() { curl -s -o /dev/null --max-time 2 "http://$HOST:$1/" 2>/dev/null; }

# ---------------------------------------------------------------------------------------------
for tool in curl python3 "$WRK_BIN" "$NGINX_BIN"; do
  command -v "$tool" >/dev/null 2>&1 || die "missing $tool"
done
[ -f "$URLS" ] || die "no URL list at $URLS"
port_busy "$MANABI_PORT" && die "something already answers on $HOST:$MANABI_PORT; stop it first"
port_busy "$NGINX_PORT" && die "something already answers on $HOST:$NGINX_PORT; stop it first"

# (1) build
if [ "$SKIP_BUILD" != "1" ]; then
  log "swift build -c release --product manabi"
  swift build -c release --product manabi
fi
[ -x "$MANABI_BIN" ] || die "no executable at $MANABI_BIN (build first or set MANABI_BIN)"

# (2) data + fresh database
mkdir -p "$OUT"
rm -rf "$STATIC" "$OUT/nginx" "$OUT"/wrk-*.txt "$OUT/results.md"
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-journal"
mkdir -p "$STATIC"
log "generating $ROWS classrooms"
python3 "$ROOT/bench/gen_directory.py" "$ROWS" "$CSV" >&2
t0=$(date +%s.%N)
timeout 120 "$MANABI_BIN" migrate --db "$DB" >&2
timeout 120 "$MANABI_BIN" seed --db "$DB" --municipalities-only >&2
t1=$(date +%s.%N)
run_waiting timeout "$IMPORT_TIMEOUT" "$MANABI_BIN" import "$CSV" --db "$DB" >&2
t2=$(date +%s.%N)
import_s=$(awk -v a="$t1" -v b="$t2" 'BEGIN {printf "%.2f", b - a}')
log "migrate+seed $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}') s, import ${import_s} s"
db_kb=0
[ -f "$DB" ] && db_kb=$(du -k "$DB" | awk '{print $1}')

# (3) serve
log "starting manabi serve on $HOST:$MANABI_PORT"
"$MANABI_BIN" serve --db "$DB" --host "$HOST" --port "$MANABI_PORT" >"$OUT/manabi.log" 2>&1 &
manabi_pid=$!
deadline=$((SECONDS + HEALTH_TIMEOUT))
until curl -fs -o /dev/null --max-time 2 "http://$HOST:$MANABI_PORT/healthz"; do
  kill -0 "$manabi_pid" 2>/dev/null || { tail -n 20 "$OUT/manabi.log" >&2; die "manabi exited"; }
  [ "$SECONDS" -lt "$deadline" ] || die "manabi not healthy after ${HEALTH_TIMEOUT}s"
  sleep 0.2
done
log "manabi healthy (pid $manabi_pid)"

# (4) fetch every URL once: check 200 and keep the body as a static file for nginx
: >"$OUT/manabi_paths.txt"
: >"$OUT/nginx_paths.txt"
printf '| # | path | HTTP | bytes |\n|---|---|---|---|\n' >"$OUT/urls.md"
n=0
failed=0
while IFS= read -r path || [ -n "$path" ]; do
  path="${path%$'\r'}"
  case "$path" in ''|'#'*) continue ;; esac
  n=$((n + 1))
  file="$(printf '%02d.json' "$n")"
  code="$(curl -s --max-time 10 -o "$STATIC/$file" -w '%{http_code}' "http://$HOST:$MANABI_PORT$path" || true)"
  bytes="$(wc -c <"$STATIC/$file" 2>/dev/null || echo 0)"
  printf '| %d | `%s` | %s | %s |\n' "$n" "$path" "$code" "$bytes" >>"$OUT/urls.md"
  if [ "$code" != "200" ]; then
    log "FAIL $code $path"
    failed=$((failed + 1))
  fi
  printf '%s\n' "$path" >>"$OUT/manabi_paths.txt"
  printf '/%s\n' "$file" >>"$OUT/nginx_paths.txt"
done <"$URLS"
[ "$n" -gt 0 ] || die "no URLs in $URLS"
[ "$failed" -eq 0 ] || { cat "$OUT/urls.md" >&2; die "$failed of $n URLs did not answer 200"; }
log "all $n URLs answered 200"

# (5) nginx with its own config, pid, logs and temp paths under bench/out
mkdir -p "$OUT/nginx/tmp"
cat >"$OUT/nginx.conf" <<EOF
# generated by bench/run.sh
worker_processes $NGINX_WORKERS;
daemon off;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    types { application/json json; }
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    client_body_temp_path $OUT/nginx/tmp/body;
    proxy_temp_path $OUT/nginx/tmp/proxy;
    fastcgi_temp_path $OUT/nginx/tmp/fastcgi;
    uwsgi_temp_path $OUT/nginx/tmp/uwsgi;
    scgi_temp_path $OUT/nginx/tmp/scgi;
    server {
        listen $HOST:$NGINX_PORT;
        root $STATIC;
        location / { try_files \$uri =404; }
    }
}
EOF
"$NGINX_BIN" -t -q -p "$OUT/nginx/" -e "$OUT/nginx/error.log" -c "$OUT/nginx.conf" || die "nginx config test failed"
"$NGINX_BIN" -p "$OUT/nginx/" -e "$OUT/nginx/error.log" -c "$OUT/nginx.conf" &
nginx_pid=$!
deadline=$((SECONDS + 10))
until curl -fs -o /dev/null --max-time 2 "http://$HOST:$NGINX_PORT/01.json"; do
  kill -0 "$nginx_pid" 2>/dev/null || { cat "$OUT/nginx/error.log" >&2; die "nginx exited"; }
  [ "$SECONDS" -lt "$deadline" ] || die "nginx not answering after 10s"
  sleep 0.2
done
while IFS= read -r p; do
  code="$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "http://$HOST:$NGINX_PORT$p" || true)"
  [ "$code" = "200" ] || die "nginx answered $code for $p"
done <"$OUT/nginx_paths.txt"
log "nginx up (pid $nginx_pid), all static files answer 200"

# (6) load
run_wrk() { # run_wrk NAME PORT PATHS_FILE
  log "wrk $1: ${DURATION}, ${CONNECTIONS} connections, ${THREADS} threads"
  run_waiting timeout 600 "$WRK_BIN" -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 5s --latency \
    -s "$ROOT/bench/mix.lua" "http://$HOST:$2" -- "$3" >"$OUT/wrk-$1.txt" 2>&1 \
    || { cat "$OUT/wrk-$1.txt" >&2; die "wrk against $1 failed"; }
  grep -q '^MIX_RESULT ' "$OUT/wrk-$1.txt" || { cat "$OUT/wrk-$1.txt" >&2; die "no MIX_RESULT from wrk ($1)"; }
  sed -n '/^Running/,/^MIX_RESULT/p' "$OUT/wrk-$1.txt" | grep -v '^MIX_RESULT' >&2 || true
}

manabi_cpu_before="$(cpu_ticks_tree "$manabi_pid")"
run_wrk manabi "$MANABI_PORT" "$OUT/manabi_paths.txt"
manabi_cpu_ticks=$(( $(cpu_ticks_tree "$manabi_pid") - manabi_cpu_before ))
# (7) peak RSS of manabi over the whole run (import is a separate process; this is the server)
manabi_rss_kb="$(vmhwm_kb "$manabi_pid")"
curl -fs -o /dev/null --max-time 5 "http://$HOST:$MANABI_PORT/healthz" || die "manabi not healthy after the run"
stop_pid "$manabi_pid" manabi
manabi_pid=""

nginx_cpu_before="$(cpu_ticks_tree "$nginx_pid")"
run_wrk nginx "$NGINX_PORT" "$OUT/nginx_paths.txt"
nginx_cpu_ticks=$(( $(cpu_ticks_tree "$nginx_pid") - nginx_cpu_before ))
nginx_rss_kb="$(vmhwm_tree_kb "$nginx_pid")"
stop_pid "$nginx_pid" nginx
nginx_pid=""

# (8) report
commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
python3 - "$OUT" "$manabi_rss_kb" "$nginx_rss_kb" "$DURATION" "$CONNECTIONS" "$THREADS" "$ROWS" \
  "$n" "$import_s" "$db_kb" "$commit" "$NGINX_WORKERS" "${URLS#"$ROOT"/}" "$manabi_cpu_ticks" "$nginx_cpu_ticks" "$(getconf CLK_TCK)" <<'PY'
import os, re, sys, time
(out, m_rss, n_rss, duration, conns, threads, rows, n_urls, import_s, db_kb, commit, workers, url_list,
 m_ticks, n_ticks, hz) = sys.argv[1:]

def result(name):
    text = open(os.path.join(out, f"wrk-{name}.txt"), encoding="utf-8", errors="replace").read()
    line = next(l for l in text.splitlines() if l.startswith("MIX_RESULT "))
    return {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", line)}

def ms(us):
    return f"{us / 1000:.2f} ms"

def mib(kb):
    return f"{int(kb) / 1024:.1f} MiB"

def ratio(a, b):
    return f"{a / b:.3g}×" if b else "n/a"

m, n = result("manabi"), result("nginx")
m["rss"], n["rss"] = float(m_rss), float(n_rss)
for r, ticks in ((m, m_ticks), (n, n_ticks)):
    r["cpu_us"] = int(ticks) * 1e6 / float(hz) / r["requests"] if r["requests"] else 0.0
rows_md = [
    "| target | requests/s | p50 | p99 | errors (non-2xx + socket) | peak RSS | server CPU per request |",
    "|---|---:|---:|---:|---:|---:|---:|",
]
for name, r in (("manabi", m), ("nginx (static copy)", n)):
    errors = int(r["non2xx"] + r["socket_errors"])
    rows_md.append(f"| {name} | {r['rps']:.0f} | {ms(r['p50_us'])} | {ms(r['p99_us'])} | {errors} "
                   f"({int(r['non2xx'])} + {int(r['socket_errors'])}) | {mib(r['rss'])} | {r['cpu_us']:.1f} µs |")
rows_md.append(f"| manabi / nginx | {ratio(m['rps'], n['rps'])} | {ratio(m['p50_us'], n['p50_us'])} | "
               f"{ratio(m['p99_us'], n['p99_us'])} | | {ratio(m['rss'], n['rss'])} | {ratio(m['cpu_us'], n['cpu_us'])} |")
table = "\n".join(rows_md)
head = (f"# Manabi benchmark\n\n"
        f"- date: {time.strftime('%Y-%m-%d %H:%M:%S %Z')}, commit {commit}, {os.cpu_count()} CPUs\n"
        f"- data: {rows} synthetic SAMPLE classrooms (bench/gen_directory.py), import {import_s} s, "
        f"database {int(db_kb) / 1024:.1f} MiB\n"
        f"- load: wrk {duration}, {conns} connections, {threads} threads, round-robin over {n_urls} URLs "
        f"({url_list}); nginx serves the same response bodies as static files, worker_processes {workers}\n"
        f"- peak RSS = VmHWM (manabi server process; nginx master + workers summed)\n"
        f"- wrk, the server and nginx share the same machine, so absolute numbers are machine-bound; "
        f"compare the ratio row\n\n")
with open(os.path.join(out, "results.md"), "w", encoding="utf-8") as f:
    f.write(head + table + "\n\n## URLs\n\n" + open(os.path.join(out, "urls.md"), encoding="utf-8").read())
print(table)
PY
log "saved $OUT/results.md"
