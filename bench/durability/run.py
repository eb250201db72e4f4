#!/usr/bin/env python3
"""Durability check for manabi: SIGKILL the server mid-write (writes through the write API, or through
`manabi import` with WRITER=import, then sometimes killed too), restart, verify.

Run by hand from anywhere:  python3 bench/durability/run.py   (see bench/durability/README.md).
Environment: MANABI_BIN, SEED_DIR, ROUNDS (20), DURABILITY_PORT (18095), MAX_SECONDS (900), RANDOM_SEED, WRITER (api).
Python 3 standard library only; listens and connects on 127.0.0.1 only.
"""
import atexit, csv, datetime, hashlib, json, os, random, shutil, signal, socket, sqlite3
import statistics, subprocess, sys, threading, time, urllib.error, urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "out" / "durability"
WORK = OUT / "work"
DB = WORK / "durability.sqlite"
BIN = Path(os.environ.get("MANABI_BIN", ROOT / ".build" / "release" / "manabi")).resolve()
SEED = Path(os.environ.get("SEED_DIR", ROOT / "seed")).resolve()
ROUNDS = int(os.environ.get("ROUNDS", "20"))
PORT = int(os.environ.get("DURABILITY_PORT", "18095"))
MAX_SECONDS = float(os.environ.get("MAX_SECONDS", "900"))
WRITER = os.environ.get("WRITER", "api")
HOST = "127.0.0.1"
FIRST_ID = 900000
NAME, KANA = "耐久テスト教室 {}", "たいきゅうてすときょうしつ {}"
IMPORT_TIMEOUT, HTTP_TIMEOUT, HEALTH_TIMEOUT, FRESH_TIMEOUT = 30, 2, 60, 5.0
HEADER = ["id", "name", "name_kana", "organiser", "municipality_code", "venue", "format", "fee_yen", "childcare",
          "wheelchair", "accepting", "levels", "languages", "status", "last_confirmed", "slots", "sample"]
HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never go through a proxy
children = []  # every process we start, killed at exit


def log(message):
    """Print a timestamped progress line to stderr."""
    print(f"[durability {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def kill_children():
    """SIGKILL every process this script started that is still running (atexit, finally, signals)."""
    for proc in list(children):
        if proc.poll() is None:
            proc.kill()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass


def http(method, path, body=None, token=None, timeout=HTTP_TIMEOUT):
    """One request to http://127.0.0.1:PORT/path, JSON body if given; returns (status, body bytes), or
    (None, b'') when no answer came (the server was killed before it answered: not acknowledged)."""
    request = urllib.request.Request(f"http://{HOST}:{PORT}{path}", method=method,
                                     data=json.dumps(body).encode() if body is not None else None)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with HTTP.open(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except urllib.error.URLError as error:
        # Refused: no server was listening, so nothing was sent (not a write cut off by the kill).
        return ("refused" if isinstance(error.reason, ConnectionRefusedError) else None), b""
    except (OSError, ValueError):
        return None, b""


def http_get(path):
    """GET http://127.0.0.1:PORT/path; returns (status, body) or (None, b'') when nothing answered."""
    return http("GET", path)


def port_in_use():
    """True if something already accepts connections on 127.0.0.1:PORT."""
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex((HOST, PORT)) == 0


def start_server():
    """Start `manabi serve` on the work database and wait until /healthz answers 200."""
    logfile = open(WORK / "server.log", "ab")
    proc = subprocess.Popen([str(BIN), "serve", "--db", str(DB), "--host", HOST, "--port", str(PORT),
                             "--seed-dir", str(SEED)], stdout=logfile, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    logfile.close()
    children.append(proc)
    deadline = time.monotonic() + HEALTH_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server exited with {proc.returncode}; see {WORK / 'server.log'}")
        if http_get("/healthz")[0] == 200:
            return proc
        time.sleep(0.1)
    sys.exit(f"server did not answer /healthz within {HEALTH_TIMEOUT} s; see {WORK / 'server.log'}")


def write_csv(path, classroom_id, fee):
    """Write a one-row import CSV for classroom `classroom_id` with fee `fee` (format: docs/classroom-csv.md)."""
    row = [classroom_id, NAME.format(classroom_id), KANA.format(classroom_id),
           "耐久テストの会（サンプル）", "131041", "新宿区民センター", "in_person", fee, "false", "true", "true",
           "a1|a2", "en|zh", "published", datetime.date.today().isoformat(), "sat 10:00-12:00", "true"]
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerow(row)


class Writer:
    """Issues one-classroom writes back to back and remembers what was acknowledged: an import's exit status 0,
    or the write API's 201/200 answer. Classrooms are keyed by the number in their name (with imports, their id)."""

    def __init__(self, token=None):
        self.next_id = FIRST_ID
        self.acked = {}   # number -> fee_yen of its last acknowledged write
        self.maybe = {}   # number -> fees of unacknowledged writes since its last acknowledged one
        self.attempted = self.acknowledged = self.killed = self.failed = 0
        self.token = token
        self.ids, self.versions = {}, {}  # write API: number -> listing id, listing id -> last known version
        self.conflicts = 0  # write API: PATCHes answered 409 because an unacknowledged write had landed
        self.current = None  # the import process running right now
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def pick(self, new_only=False):
        """Choose the next write: usually a fresh id, sometimes a new fee for an acknowledged one."""
        if self.acked and not new_only and random.random() < 0.3:
            classroom_id = random.choice(list(self.acked))
            return classroom_id, (self.acked[classroom_id] + random.randint(1, 999)) % 10000
        self.next_id += 1
        return self.next_id - 1, random.randint(0, 5000)

    def write_one(self, new_only=False):
        """One write, by the chosen writer; returns (number, monotonic time of the answer, acknowledged?)."""
        return self.api_write(*self.pick(new_only)) if WRITER == "api" else self.import_one(*self.pick(new_only))

    def api_write(self, number, fee):
        """POST a new listing, or PATCH the fee of an acknowledged one from its last known version (a 409 means an
        unacknowledged PATCH landed: read the version and send again)."""
        self.attempted += 1
        for _ in range(3):
            if number in self.ids:
                listing = self.ids[number]
                status, body = http("PATCH", f"/api/v1/listings/{listing}", {"version": self.versions[listing], "fee_yen": fee},
                                    self.token, timeout=IMPORT_TIMEOUT)
                if status == 409:
                    self.conflicts += 1
                    self.versions[listing] = json.loads(body).get("current_version", self.versions[listing])
                    continue
            else:
                status, body = http("POST", "/api/v1/listings", {
                    "name": NAME.format(number), "name_kana": KANA.format(number), "municipality_code": "131041",
                    "venue": "新宿区民センター", "format": "in_person", "fee_yen": fee, "wheelchair": True,
                    "levels": ["a1", "a2"], "languages": ["en", "zh"], "weekly_slots": [{"weekday": "sat", "start": "10:00", "end": "12:00"}],
                }, self.token, timeout=IMPORT_TIMEOUT)
            break
        answered = time.monotonic()
        if status == "refused":  # the server is down between the kill and the restart: nothing was written
            self.attempted -= 1
            time.sleep(0.01)
            return number, answered, False
        if status in (200, 201):
            listing = json.loads(body)
            self.ids[number], self.versions[listing["id"]] = listing["id"], listing["version"]
            self.acknowledged += 1
            self.acked[number] = fee
            self.maybe.pop(number, None)
            return number, answered, True
        self.maybe.setdefault(number, set()).add(fee)
        if status is None:
            self.killed += 1  # the server died before answering
        else:
            self.failed += 1
            log(f"write of {number} answered {status}: {body.decode(errors='replace')[:300]}")
        return number, answered, False

    def import_one(self, classroom_id, fee):
        """Run one import to completion; returns (id, monotonic time of exit, acknowledged?)."""
        path = WORK / "csv" / f"write-{self.attempted:05d}.csv"
        write_csv(path, classroom_id, fee)
        self.attempted += 1
        with self.lock:
            proc = subprocess.Popen([str(BIN), "import", str(path), "--db", str(DB)], stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, start_new_session=True)
            children.append(proc)
            self.current = proc
        try:
            _, err = proc.communicate(timeout=IMPORT_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
        exited = time.monotonic()
        with self.lock:
            self.current = None
            children.remove(proc)
        if proc.returncode == 0:
            self.acknowledged += 1
            self.acked[classroom_id] = fee
            self.maybe.pop(classroom_id, None)
            return classroom_id, exited, True
        self.maybe.setdefault(classroom_id, set()).add(fee)
        if proc.returncode == -signal.SIGKILL:
            self.killed += 1
        else:
            self.failed += 1
            log(f"import of {classroom_id} failed ({proc.returncode}): {err.decode(errors='replace').strip()[:300]}")
        return classroom_id, exited, False

    def run(self):
        """Thread body: write until told to stop."""
        while not self.stop.is_set():
            self.write_one()

    def kill_current(self):
        """SIGKILL the import running at this moment, if any; returns True if one was killed."""
        with self.lock:
            if self.current is not None and self.current.poll() is None:
                self.current.kill()
                return True
        return False


def check_database(writer):
    """Checks (a) and (b) plus tornness on the database file; returns (integrity_ok, lost_ids, torn_ids)."""
    conn = sqlite3.connect(f"{DB.as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchall()
        integrity_ok = integrity == [("ok",)]
        if not integrity_ok:
            log(f"integrity_check: {integrity[:5]}")
        rows = conn.execute("SELECT id, name, feeYen FROM classroom WHERE name LIKE ?", (NAME.format("%"),)).fetchall()
        fees = {int(name.rsplit(" ", 1)[1]): fee for _, name, fee in rows}
        lost = [i for i, fee in writer.acked.items() if fees.get(i) not in {fee} | writer.maybe.get(i, set())]
        torn = set()
        expected_status = "draft" if WRITER == "api" else "published"
        for classroom_id, number in ((row_id, int(name.rsplit(" ", 1)[1])) for row_id, name, _ in rows):
            name, kana, status = conn.execute("SELECT name, nameKana, status FROM classroom WHERE id = ?",
                                              (classroom_id,)).fetchone()
            levels = {r[0] for r in conn.execute("SELECT level FROM classroomLevel WHERE classroomId = ?", (classroom_id,))}
            tags = {r[0] for r in conn.execute("SELECT tag FROM classroomLanguage WHERE classroomId = ?", (classroom_id,))}
            slots = conn.execute("SELECT weekday, startMinute, endMinute FROM weeklySlot WHERE classroomId = ?",
                                 (classroom_id,)).fetchall()
            if (name != NAME.format(number) or kana != KANA.format(number)
                    or status != expected_status or levels != {"a1", "a2"} or tags != {"en", "zh"} or slots != [(6, 600, 720)]):
                torn.add(classroom_id)
        for table, _, parent, _ in conn.execute("PRAGMA foreign_key_check").fetchall():
            log(f"orphan row in {table} (parent {parent})")
            torn.add(f"orphan in {table}")
        return integrity_ok, lost, sorted(torn, key=str)
    finally:
        conn.close()


def check_served(writer):
    """Check (c): every acknowledged classroom is served with its expected fee; returns the ids that are not."""
    missing = []
    for classroom_id, fee in writer.acked.items():
        if WRITER == "api":  # a draft: its teachers read it through the write API
            status, body = http("GET", f"/api/v1/listings/{writer.ids[classroom_id]}", token=writer.token)
        else:
            status, body = http_get(f"/api/v1/classrooms/{classroom_id}")
        served_fee = json.loads(body).get("fee_yen") if status == 200 else None
        if served_fee not in {fee} | writer.maybe.get(classroom_id, set()):
            missing.append(classroom_id)
    return missing


def measure_freshness(writer):
    """Check (d): import one classroom with the server running; seconds until the API serves it, or None.
    Write API writes are made in the serving process, which rebuilds its snapshot before it answers: nothing to wait for."""
    if WRITER == "api":
        return None
    classroom_id, exited, acknowledged = writer.write_one(new_only=True)
    if not acknowledged:
        return None
    while time.monotonic() - exited < FRESH_TIMEOUT:
        if http_get(f"/api/v1/classrooms/{classroom_id}")[0] == 200:
            return time.monotonic() - exited
        time.sleep(0.02)
    return None


def command_output(args):
    """Output of a short command, stripped, or '?' if it fails."""
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=10, cwd=ROOT).stdout.strip() or "?"
    except (OSError, subprocess.TimeoutExpired):
        return "?"


def summarise(stats, writer, started):
    """Build the markdown summary of the run."""
    seen = [d for d in stats["fresh"] if d is not None]
    unseen = 0 if WRITER == "api" else len(stats["fresh"]) - len(seen)
    parts = [f"max {max(seen):.3f} s, median {statistics.median(seen):.3f} s over {len(seen)} round(s)"] if seen else []
    if unseen:
        parts.append(f"not seen within {FRESH_TIMEOUT:g} s in {unseen} of {len(stats['fresh'])} round(s)")
    fresh = "; ".join(parts) or ("n/a: API writes are served before they are answered" if WRITER == "api" else "n/a")
    digest = hashlib.sha256(BIN.read_bytes()).hexdigest()[:12]
    rows = [("writer", "write API (POST a listing, PATCH its fee)" if WRITER == "api" else "manabi import"),
            ("rounds run", f"{stats['rounds']} of {ROUNDS}"), ("writes attempted", writer.attempted),
            ("acknowledged (exit 0, or HTTP 200/201)", writer.acknowledged),
            ("writes cut off by the kill (no answer, or import SIGKILLed)", writer.killed),
            ("version conflicts resolved (an unacknowledged PATCH had landed)", writer.conflicts),
            ("writes failed otherwise", writer.failed), ("distinct acknowledged classrooms", len(writer.acked)),
            ("**lost** (acknowledged but missing or wrong fee_yen)", len(stats["lost"])),
            ("**torn** (present but inconsistent)", len(stats["torn"])),
            ("**integrity_check failures**", stats["integrity_failures"]),
            ("not served by the restarted server", len(stats["unserved"])),
            ("freshness (import exit → API 200, server not killed)", fresh),
            ("binary", f"`{BIN}` (sha256 {digest})"), ("git HEAD", f"`{command_output(['git', 'rev-parse', '--short', 'HEAD'])}`"),
            ("duration", f"{time.monotonic() - started:.0f} s"), ("random seed", stats["seed"])]
    lines = ["# manabi durability check", "", f"{datetime.datetime.now().isoformat(timespec='seconds')}", "",
             "| | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows]
    for key in ("lost", "torn", "unserved"):
        if stats[key]:
            lines += ["", f"{key}: {', '.join(map(str, sorted(stats[key], key=str)[:50]))}"]
    return "\n".join(lines) + "\n"


def main():
    """Prepare the database, run the kill/restart rounds, print and save the summary; exit 1 on loss."""
    started = time.monotonic()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    atexit.register(kill_children)
    if not BIN.is_file():
        sys.exit(f"no manabi binary at {BIN} (set MANABI_BIN)")
    if port_in_use():
        sys.exit(f"something already answers on {HOST}:{PORT}; set DURABILITY_PORT")
    seed = int(os.environ.get("RANDOM_SEED", time.time_ns() % 1_000_000))
    random.seed(seed)
    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "csv").mkdir(parents=True)
    prepared = subprocess.run([str(BIN), "seed", "--db", str(DB), "--seed-dir", str(SEED), "--municipalities-only"],
                              capture_output=True, text=True, timeout=120)
    if prepared.returncode != 0:
        sys.exit(f"seed failed: {prepared.stderr.strip()}")
    log(f"prepared {DB}: {prepared.stdout.strip()}")
    token = None
    if WRITER == "api":  # a teacher of one organiser, and their personal API token
        subprocess.run([str(BIN), "user", "create", "--db", str(DB), "--role", "teacher", "--email", "durability@example.jp",
                        "--organiser", "耐久テストの会（サンプル）"], capture_output=True, text=True, timeout=60, check=True)
        token = subprocess.run([str(BIN), "token", "create", "--db", str(DB), "--email", "durability@example.jp", "--label", "durability"],
                               capture_output=True, text=True, timeout=60, check=True).stdout.strip()
    writer = Writer(token)
    stats = {"rounds": 0, "lost": set(), "torn": set(), "unserved": set(), "integrity_failures": 0, "fresh": [], "seed": seed}
    server, thread = start_server(), None
    try:
        for number in range(1, ROUNDS + 1):
            if time.monotonic() - started > MAX_SECONDS:
                log(f"MAX_SECONDS={MAX_SECONDS:g} reached; stopping after {number - 1} rounds")
                break
            writer.stop.clear()
            thread = threading.Thread(target=writer.run, daemon=True)
            before = writer.attempted
            thread.start()
            time.sleep(random.uniform(0.2, 2.5))
            server.kill()
            killed_import = random.random() < 1 / 3 and writer.kill_current()
            server.wait(timeout=10)
            writer.stop.set()
            thread.join(timeout=IMPORT_TIMEOUT + 10)
            if thread.is_alive():
                sys.exit("writer thread did not stop")
            round_writes = writer.attempted - before
            server = start_server()
            integrity_ok, lost, torn = check_database(writer)
            unserved = check_served(writer)
            fresh = measure_freshness(writer)
            stats["rounds"] = number
            stats["integrity_failures"] += 0 if integrity_ok else 1
            stats["lost"].update(lost)
            stats["torn"].update(torn)
            stats["unserved"].update(unserved)
            stats["fresh"].append(fresh)
            log(f"round {number}: {round_writes} writes, import killed: {killed_import}, "
                f"integrity {'ok' if integrity_ok else 'FAILED'}, lost {len(lost)}, torn {len(torn)}, "
                f"unserved {len(unserved)}, freshness " + (f"{fresh:.3f} s" if fresh is not None else
                                                           "n/a" if WRITER == "api" else f"not seen within {FRESH_TIMEOUT:g} s"))
    except KeyboardInterrupt:
        log("interrupted")
        sys.exit(130)
    finally:  # also on Ctrl-C / SIGTERM: stop the writer first so that it starts no new import
        writer.stop.set()
        kill_children()
        if thread is not None:
            thread.join(timeout=10)
        kill_children()
    report = summarise(stats, writer, started)
    print(report)
    (OUT / "results.md").write_text(report, encoding="utf-8")
    log(f"summary written to {OUT / 'results.md'}")
    failed = stats["lost"] or stats["torn"] or stats["unserved"] or stats["integrity_failures"]
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
