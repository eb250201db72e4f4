"""How long a teacher's sign-in and a classroom save take, through the real server and HTTP.

    python3 bench/work.py [--bin .build/release/manabi] [--db SOURCE.sqlite] [--rounds 30] [--port 18085]

Copies SOURCE (default: a freshly seeded database; bench/out/bench.sqlite after `bench/run.sh` gives 10,000
classrooms) to a temporary file, creates a teacher with `manabi user create`, and serves it with the production
bcrypt cost (MANABI_BCRYPT_COST unset, so 12) unless the environment sets another. Then, one request at a time:

- sign-in: POST /login with the right password (each round from a fresh cookie jar, the GET for the form untimed);
- beside it, GET /login, the same page without bcrypt, so the row reads as a ratio on this noisy machine;
- save: POST of the whole classroom form with a changed venue and the version it was read at;
- visible: from the save's answer to the first answer of the classroom's API resource (served from the search
  snapshot) that carries the new venue;
- the same change through the write API (PATCH /api/v1/listings/{id} with a personal token and the version), and
  beside it a GET of the same listing with the same token, which reads without writing.

Prints a Markdown table (median, p90, max, in ms) and the machine's figures for the record.
"""
import argparse, http.cookiejar, json, os, pathlib, platform, re, shutil, sqlite3, statistics, subprocess, sys, tempfile, time
import urllib.error, urllib.parse, urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[1]
PASSWORD = "benchmark passphrase of some length"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def send(self, method, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, method=method)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def csrf(self):
        if not any(c.name == "manabi_csrf" for c in self.jar):
            self.send("GET", "/login")
        return next(c.value for c in self.jar if c.name == "manabi_csrf")

    def post(self, path, data):
        return self.send("POST", path, dict(data, csrf=self.csrf()))


def query(db, sql, *parameters):
    """One row, from a connection closed at once (an open one would hold a read transaction in the server's file)."""
    connection = sqlite3.connect(db, isolation_level=None)
    try:
        return connection.execute(sql, parameters).fetchone()
    finally:
        connection.close()


def timed(action):
    start = time.perf_counter()
    result = action()
    return (time.perf_counter() - start) * 1000, result


def summary(name, samples):
    ordered = sorted(samples)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return f"| {name} | {len(samples)} | {statistics.median(ordered):.1f} | {p90:.1f} | {ordered[-1]:.1f} |"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=str(ROOT / ".build/release/manabi"))
    parser.add_argument("--db")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--port", type=int, default=18085)
    args = parser.parse_args()
    base = f"http://127.0.0.1:{args.port}"
    work = pathlib.Path(tempfile.mkdtemp(prefix="manabi-work-bench-"))
    db = work / "work.sqlite"
    env = dict(os.environ, MANABI_PUBLIC_URL=base, MANABI_MAIL_FROM="bench@localhost")
    env.pop("MANABI_SENDMAIL", None)  # invitations go to the outbox
    server = None
    try:
        if args.db:
            shutil.copy(args.db, db)
        else:
            subprocess.run([args.bin, "seed", "--db", str(db), "--seed-dir", str(ROOT / "seed")], check=True, capture_output=True, env=env)
        out = subprocess.run([args.bin, "user", "create", "--db", str(db), "--role", "teacher", "--email", "bench.teacher@example.jp",
                              "--organiser", "ベンチの会"], check=True, capture_output=True, text=True, env=env).stdout
        link = re.search(r"(/welcome/\S+)", out).group(1)
        out = subprocess.run([args.bin, "user", "create", "--db", str(db), "--role", "staff", "--email", "bench.staff@example.jp",
                              "--municipality", "131041"], check=True, capture_output=True, text=True, env=env).stdout
        staff_link = re.search(r"(/welcome/\S+)", out).group(1)
        token = subprocess.run([args.bin, "token", "create", "--db", str(db), "--email", "bench.teacher@example.jp", "--label", "bench"],
                               check=True, capture_output=True, text=True, env=env).stdout.strip()
        log = open(work / "server.log", "w")
        server = subprocess.Popen([args.bin, "serve", "--db", str(db), "--port", str(args.port)], stdout=log, stderr=log, env=env, cwd=ROOT)
        for _ in range(600):
            try:
                if urllib.request.urlopen(base + "/healthz", timeout=2).status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            sys.exit("server did not start: see " + str(work / "server.log"))
        classrooms = query(db, "SELECT count(*) FROM classroom")[0]

        teacher = Client(base)
        status, _ = teacher.post(link, {"new_password": PASSWORD, "confirm": PASSWORD})
        assert status == 303, status
        form = {"name": "ベンチ保存教室", "name_kana": "べんちほぞんきょうしつ", "organiser": "ベンチの会", "municipality_code": "131041",
                "venue": "venue 0", "format": "in_person", "fee_yen": "0", "levels": ["a1"], "languages": ["en"], "accepting": "true",
                "weekly.0.weekday": "sat", "weekly.0.start": "10:00", "weekly.0.end": "12:00", "action": "save"}
        status, _ = teacher.post("/teach/classrooms/new", form)
        assert status == 303, status
        cid = query(db, "SELECT id FROM classroom WHERE name = ?", form["name"])[0]
        # Submitted and approved, so the learner search serves it and every save is a published listing's.
        assert teacher.post(f"/teach/classrooms/{cid}/submit", {})[0] == 303
        staff = Client(base)
        assert staff.post(staff_link, {"new_password": PASSWORD, "confirm": PASSWORD})[0] == 303
        assert staff.post(f"/staff/classrooms/{cid}/approve", {})[0] == 303
        version = query(db, "SELECT version FROM classroom WHERE id = ?", cid)[0]

        def api(method, path, body=None):
            request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                             headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    return response.status, json.loads(response.read() or b"{}")
            except urllib.error.HTTPError as error:
                return error.code, error.read().decode()

        logins, pages, saves, visible, patches, reads = [], [], [], [], [], []
        for round in range(args.rounds):
            person = Client(base)
            person.csrf()
            ms, (status, _) = timed(lambda: person.post("/login", {"email": "bench.teacher@example.jp", "password": PASSWORD}))
            assert status == 303, status
            logins.append(ms)
            ms, (status, _) = timed(lambda: Client(base).send("GET", "/login"))
            assert status == 200, status
            pages.append(ms)

            venue = f"venue {round + 1}"
            ms, (status, _) = timed(lambda: teacher.post(f"/teach/classrooms/{cid}", dict(form, venue=venue, version=str(version))))
            assert status == 303, (status, version)
            saves.append(ms)
            version += 1
            start = time.perf_counter()
            search_path = f"/api/v1/classrooms/{cid}"
            while venue not in Client(base).send("GET", search_path)[1]:
                if time.perf_counter() - start > 10:
                    sys.exit("the saved venue never reached the search")
                time.sleep(0.005)
            visible.append((time.perf_counter() - start) * 1000)

            ms, (status, answer) = timed(lambda: api("PATCH", f"/api/v1/listings/{cid}", {"version": version, "venue": f"api venue {round + 1}"}))
            assert status == 200, (status, answer)
            patches.append(ms)
            version += 1
            ms, (status, answer) = timed(lambda: api("GET", f"/api/v1/listings/{cid}"))
            assert status == 200 and answer["version"] == version, (status, answer)
            reads.append(ms)

        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
        cost = os.environ.get("MANABI_BCRYPT_COST", "12 (default)")
        print(f"- commit {commit}, binary {args.bin}, {time.strftime('%Y-%m-%d %H:%M %Z')}, {platform.machine()} {os.cpu_count()} CPUs, "
              f"{classrooms} classrooms, bcrypt cost {cost}, {args.rounds} rounds, one request at a time")
        print()
        print("| request | n | median ms | p90 ms | max ms |")
        print("|---|---:|---:|---:|---:|")
        print(summary("POST /login (right password)", logins))
        print(summary("GET /login (same page, no bcrypt)", pages))
        print(summary("POST classroom save (whole form)", saves))
        print(summary("save → visible in the API (search snapshot)", visible))
        print(summary("PATCH /api/v1/listings/{id} (write API, same change)", patches))
        print(summary("GET /api/v1/listings/{id} (same token, no write)", reads))
        print()
        print(f"sign-in / page ratio: {statistics.median(logins) / statistics.median(pages):.1f}; "
              f"API PATCH / form save: {statistics.median(patches) / statistics.median(saves):.2f}; "
              f"API PATCH / API GET: {statistics.median(patches) / statistics.median(reads):.1f}")
    finally:
        if server:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
