"""Teacher and staff flow through the real server: accounts, listings, approval, audit, and the security
rules (CSRF, session renewal at sign-in, throttling, scope of every state-changing route)."""
import hashlib, hmac, http.cookiejar, re, struct, subprocess, sys, time, urllib.error, urllib.parse, urllib.request, sqlite3

BASE, MANABI, DB, MAIL = sys.argv[1:5]
failures = []


def check(name, condition, detail=""):
    print(("ok    " if condition else "FAIL  ") + name + ("" if condition else f"  ({detail})"))
    if not condition:
        failures.append(name)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def request(self, method, path, data=None, headers=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        req = urllib.request.Request(BASE + path, data=body, method=method, headers=headers or {})
        if body is not None:
            req.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with self.opener.open(req) as r:
                return r.status, r.headers, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read().decode()

    def get(self, path):
        return self.request("GET", path)

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)

    def csrf(self, path="/login"):
        if self.cookie("manabi_csrf") is None:
            self.get(path)
        return self.cookie("manabi_csrf")

    def post(self, path, data, csrf=True):
        data = dict(data)
        if csrf:
            data["csrf"] = self.csrf()
        return self.request("POST", path, data)

    def login(self, email, password, code=None):
        data = {"email": email, "password": password}
        if code:
            data["code"] = code
        return self.post("/login", data)


def links():
    text = open(MAIL, encoding="utf-8").read()
    return re.findall(r"http://[^\s]+/welcome/[A-Za-z0-9_-]+", text)


def totp(secret, at=None):
    """RFC 6238 as HummingbirdOTP computes it: HMAC-SHA1 keyed with the secret's own bytes, 30 s steps, 6 digits."""
    digest = hmac.new(secret.encode(), struct.pack(">Q", int((at or time.time()) // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def create_user(*args):
    out = subprocess.run([MANABI, "user", "create", "--db", DB, *args], capture_output=True, text=True,
                         env={"MANABI_PUBLIC_URL": BASE, "PATH": "/usr/bin:/bin"})
    match = re.search(r"(/welcome/\S+)", out.stdout)
    check(f"user create {' '.join(args)} prints a setup link", match is not None, out.stdout + out.stderr)
    return match.group(1) if match else "/welcome/missing"


def count(sql, *parameters):
    connection = sqlite3.connect(DB, isolation_level=None)
    try:
        return connection.execute(sql, parameters).fetchone()[0]
    finally:
        connection.close()


PASSWORD = "correct horse battery staple"

# Staff of two wards from the command line; each setup link is printed.
staff_link = create_user("--role", "staff", "--email", "ward.x@example.jp", "--municipality", "131041")
staff_y_link = create_user("--role", "staff", "--email", "ward.y@example.jp", "--municipality", "131130")

# Admin must set up a second factor before anything else, then signs in with password and code.
admin = Browser()
status, headers, _ = admin.post(create_user("--role", "admin", "--email", "root@example.jp"), {"new_password": PASSWORD, "confirm": PASSWORD})
check("admin's first sign-in goes to the two-step setup", status == 303 and headers["Location"] == "/account/two-step", (status, headers["Location"]))
status, headers, _ = admin.get("/staff")
check("admin without a second factor is sent to set it up", status == 302 and headers["Location"] == "/account/two-step", status)
status, _, _ = admin.post("/admin/invite", {"email": "early@example.jp", "municipalities": "131041"})
check("…and can change nothing before", status == 302 and count("SELECT count(*) FROM account WHERE email = 'early@example.jp'") == 0, status)
status, _, page = admin.get("/account/two-step")
secret = re.search(r'name="secret" value="([A-Z2-7]{32})"', page).group(1)
status, _, page = admin.post("/account/two-step", {"secret": secret, "code": "000000" if totp(secret) != "000000" else "111111"})
check("a wrong code does not turn on two-step sign-in", status == 422 and count("SELECT totpSecret IS NULL FROM account WHERE email = 'root@example.jp'") == 1, status)
status, headers, _ = admin.post("/account/two-step", {"secret": secret, "code": totp(secret)})
check("the right code turns it on", status == 303 and admin.get("/staff")[0] == 200, status)
admin.post("/logout", {})
status, _, _ = admin.login("root@example.jp", PASSWORD)
check("admin sign-in without the code is refused", status == 401, status)
used = totp(secret, time.time() + 30)  # the next step's code: the setup used this step's
status, headers, _ = admin.login("root@example.jp", PASSWORD, code=used)
check("admin signs in with password and code", status == 303 and admin.get("/admin/outbox")[0] == 200, status)
status, _, _ = Browser().login("root@example.jp", PASSWORD, code=used)
check("a code works only once", status == 401, status)

staff = Browser()
status, _, page = staff.get(staff_link)
check("setup link shows the password form", status == 200 and 'name="new_password"' in page, str(status) + " " + " ".join(re.findall(r"<h1>.*?</h1>|name=.[a-z_]+.", page)))
status, _, page = staff.post(staff_link, {"new_password": "short", "confirm": "short"})
check("short password refused with the error beside the field", status == 422 and 'aria-describedby="new_password-hint new_password-error"' in page, status)
status, _, page = staff.post(staff_link, {"new_password": "password1234", "confirm": "password1234"})
check("common password refused", status == 422, status)
before = "fixed-session-id-from-an-attacker"
staff.jar.set_cookie(http.cookiejar.Cookie(0, "manabi_session", before, None, False, "127.0.0.1", False, False, "/", True, False, None, False, None, None, {}))
status, headers, _ = staff.post(staff_link, {"new_password": PASSWORD, "confirm": PASSWORD})
check("good password signs in (303 to /staff)", status == 303 and headers["Location"] == "/staff", status)
check("a new session id at sign-in", staff.cookie("manabi_session") not in (None, before))
set_cookie = " ".join(headers.get_all("Set-Cookie") or [])
check("session cookie HttpOnly and SameSite=Lax", "manabi_session=" in set_cookie and "HttpOnly" in set_cookie and "SameSite=Lax" in set_cookie, set_cookie)
status, _, _ = staff.get(staff_link)
check("setup link works once", status == 404, status)
status, _, page = staff.get("/staff")
check("staff see their listings page", status == 200 and "<h1>" in page, status)

# CSRF: a state change without the token is refused, and a GET never changes state.
status, _, _ = staff.post("/staff/invite", {"email": "t@example.jp", "organiser_name": "x"}, csrf=False)
check("POST without CSRF token refused (403)", status == 403, status)
status, _, page = staff.post("/staff/invite", {"email": "t@example.jp"}, csrf=False)
check("…with a page that says to reload and send again", "<h1>できません</h1>" in page or "<h1>Not allowed</h1>" in page, re.findall(r"<h1>.*?</h1>", page))
status, _, _ = staff.request("POST", "/staff/invite", {"email": "t@example.jp", "organiser_name": "x", "csrf": "wrong"})
check("POST with a wrong CSRF token refused (403)", status == 403, status)
status, _, _ = staff.get("/staff/invite?email=t@example.jp&organiser_name=x")
check("GET with form fields changes nothing", status == 200 and not sqlite3.connect(DB).execute("SELECT 1 FROM account WHERE email='t@example.jp'").fetchone())

# Staff invite a teacher of organiser A; the mail goes through sendmail.
status, _, _ = staff.post("/staff/invite", {"email": "teacher.a@example.jp", "organiser_id": "", "organiser_name": "Aの会"})
check("staff invite a teacher", status == 303, status)
mail = open(MAIL, encoding="utf-8").read()
check("the invitation went through sendmail", "To: teacher.a@example.jp" in mail and "=?UTF-8?B?" in mail, mail[-300:])
teacher_link = links()[-1].replace(BASE, "")
teacher = Browser()
teacher.post(teacher_link, {"new_password": PASSWORD, "confirm": PASSWORD})
status, _, page = teacher.get("/teach")
check("teacher sees My classes", status == 200 and "/teach/classrooms/new" in page, status)

# Create a classroom: an invalid form comes back with every error beside its field and nothing lost.
form = {"name": "<b>Aの日本語教室</b>", "name_kana": "えーのにほんごきょうしつ", "organiser": "Aの会", "municipality_code": "131041",
        "venue": "新宿区立 大久保地域センター", "format": "in_person", "fee_yen": "abc", "levels": ["a1"], "languages": ["en", "vi"],
        "accepting": "true", "weekly.0.weekday": "sat", "weekly.0.start": "10:00", "weekly.0.end": "12:00",
        "cancellations.0.date": "2099-01-05", "cancellations.0.reason": "お正月", "action": "save"}
status, _, page = teacher.post("/teach/classrooms/new", form)
check("invalid form: 422 with the fee error beside its field", status == 422 and 'id="fee_yen-error"' in page and 'aria-describedby="fee_yen-hint fee_yen-error"' in page, status)
check("invalid form keeps what was typed", "大久保地域センター" in page and 'value="sat" selected' in page)
form["fee_yen"] = "0"
status, _, page = teacher.post("/teach/classrooms/new", dict(form, action="preview"))
check("preview shows the learner page before saving", status == 200 and 'class="preview"' in page and "&lt;b&gt;" in page, status)
status, headers, _ = teacher.post("/teach/classrooms/new", form)
check("save creates a draft", status == 303, status)
cid = sqlite3.connect(DB).execute("SELECT id FROM classroom WHERE name = ?", (form["name"],)).fetchone()[0]
status, _, page = teacher.get(f"/teach/classrooms/{cid}")
check("HTML in a text field renders as text", "<b>Aの" not in page and "&lt;b&gt;Aの" in page)
status, _, _ = teacher.post(f"/teach/classrooms/{cid}/submit", {})
check("teacher asks for approval", status == 303, status)

# Two people saving the same classroom: the second gets a conflict and keeps what they typed.
edit = dict(form, version="2", venue="大久保地域センター 3階")
status, _, _ = teacher.post(f"/teach/classrooms/{cid}", edit)
check("first edit saves", status == 303, status)
status, _, page = teacher.post(f"/teach/classrooms/{cid}", dict(edit, venue="second person's venue"))
check("second edit from the old version: 409 with what they typed", status == 409 and "second person" in page and "大久保地域センター 3階" in page, status)

status, _, _ = teacher.post(f"/teach/classrooms/{cid}", {k: v for k, v in edit.items() if k != "version"} | {"venue": "no version given"})
check("an edit without its version is a conflict, not an overwrite", status == 409, status)

# Learners do not find it before approval.
status, _, page = Browser().get(f"/classrooms/{cid}")
check("unapproved listing not public", status == 404, status)

# Permission matrix over the state-changing routes of this listing.
staff_y = Browser(); staff_y.post(staff_y_link, {"new_password": PASSWORD, "confirm": PASSWORD})
staff.post("/staff/invite", {"email": "teacher.b@example.jp", "organiser_name": "Bの会"})
teacher_b = Browser(); teacher_b.post(links()[-1].replace(BASE, ""), {"new_password": PASSWORD, "confirm": PASSWORD})
anonymous = Browser()
who = {"anonymous": anonymous, "teacher B": teacher_b, "staff Y": staff_y, "teacher A": teacher, "staff X": staff}
routes = {
    "edit": (f"/teach/classrooms/{cid}", dict(edit, venue="hijack")),
    "submit": (f"/teach/classrooms/{cid}/submit", {}),
    "teach-archive": (f"/teach/classrooms/{cid}/archive", {}),
    "approve": (f"/staff/classrooms/{cid}/approve", {}),
    "send-back": (f"/staff/classrooms/{cid}/send-back", {"note": "x"}),
    "staff-archive": (f"/staff/classrooms/{cid}/archive", {}),
    "invite": ("/staff/invite", {"email": "z@example.jp", "organiser_name": "Z"}),
    "invite-staff": ("/admin/invite", {"email": "z2@example.jp", "municipalities": "131041"}),
    "teach-confirm": (f"/teach/classrooms/{cid}/confirm", {}),
    "staff-confirm": (f"/staff/classrooms/{cid}/confirm", {}),
}
# deny = redirected to sign in (anonymous) or 403; 'allow' rows are exercised in the flow above and below.
expected = {
    "anonymous": {r: "login" for r in routes},
    "teacher B": {"edit": 403, "submit": 403, "teach-archive": 403, "approve": 403, "send-back": 403, "staff-archive": 403, "invite": 403, "invite-staff": 403,
                  "teach-confirm": 403, "staff-confirm": 403},
    "staff Y": {"edit": 403, "submit": 403, "teach-archive": 403, "approve": 403, "send-back": 403, "staff-archive": 403, "invite-staff": 403,
                "teach-confirm": 403, "staff-confirm": 403},
    "teacher A": {"approve": 403, "send-back": 403, "staff-archive": 403, "invite": 403, "invite-staff": 403, "staff-confirm": 403, "teach-confirm": 303},
    "staff X": {"edit": 403, "submit": 403, "teach-archive": 403, "invite-staff": 403, "teach-confirm": 403, "staff-confirm": 303},
    # Admin has no organiser, so no teacher route; admin's staff routes are exercised below.
    "admin": {"edit": 403, "submit": 403, "teach-archive": 403, "teach-confirm": 403},
}
who = {"anonymous": anonymous, "teacher B": teacher_b, "staff Y": staff_y, "teacher A": teacher, "staff X": staff, "admin": admin}
for person, table in expected.items():
    for route, want in table.items():
        path, data = routes[route]
        status, headers, _ = who[person].post(path, data)
        got = "login" if status == 302 and headers["Location"].startswith("/login") else status
        check(f"{person} → {route}: {want}", got == want, got)
venue = sqlite3.connect(DB).execute("SELECT venue FROM classroom WHERE id = ?", (cid,)).fetchone()[0]
check("no denied route changed the listing", venue == "大久保地域センター 3階", venue)

# Staff of the ward approve; the learner finds it and the cancelled date is skipped.
status, _, page = staff.get(f"/staff/classrooms/{cid}")
check("staff review page with preview and history", status == 200 and 'class="preview"' in page and "classroom.submit" in page, status)
preview_html = page.split('class="preview"', 1)[-1]
check("…the preview of an unpublished listing links to no report form or calendar (they would answer 404)",
      f"/classrooms/{cid}/report" not in preview_html and f"/classrooms/{cid}/calendar.ics" not in preview_html)
status, _, _ = staff.post(f"/staff/classrooms/{cid}/approve", {})
check("staff X approve", status == 303, status)
status, _, _ = staff.post(f"/staff/classrooms/{cid}/approve", {})
check("approving twice is a conflict", status == 409, status)
status, _, page = Browser().get(f"/classrooms/{cid}?lang=en")
check("learner sees the published class", status == 200, status)
check("…with the day off and its reason", "No class on" in page and "お正月" in page, re.findall(r"<li>[^<]*No class[^\n]*", page))
status, _, body = Browser().get("/api/v1/classrooms?municipality=131041&q=" + urllib.parse.quote("Aの日本語教室"))
check("learner search finds it", f'"id":{cid}' in body, body[:200])

# Corrections from the public: no account, any UI language; teachers and ward staff are told, no one else.
learner = Browser()
status, _, page = learner.get(f"/classrooms/{cid}?lang=vi")
check("the class page links to the report form", f'href="/classrooms/{cid}/report?lang=vi"' in page, status)
status, _, page = learner.get(f"/classrooms/{cid}/report?lang=vi")
check("the report form answers in Vietnamese", status == 200 and 'lang="vi"' in page and 'name="kind"' in page, status)
status, _, page = learner.post(f"/classrooms/{cid}/report?lang=vi", {"message": "giờ học đã đổi"}, csrf=False)
check("a report without a choice comes back with the error and the text kept", status == 422 and 'id="kind-error"' in page and "giờ học đã đổi" in page, status)
mail_before = open(MAIL, encoding="utf-8").read().count("-----")
status, _, page = learner.post(f"/classrooms/{cid}/report?lang=vi", {"kind": "time_changed", "message": "Lớp thứ Bảy bắt đầu lúc 14:00 <script>"}, csrf=False)
check("a report is taken", status == 200 and 'role="status"' in page, status)
mail = open(MAIL, encoding="utf-8").read()
check("teacher A and staff X are mailed, and only they", mail.count("-----") == mail_before + 2 and "To: teacher.a@example.jp" in mail.split("-----")[-2] + mail.split("-----")[-3]
      and "ward.y@example.jp" not in "".join(mail.split("-----")[mail_before:]), mail.count("-----") - mail_before)
check("the report keeps no address", count("SELECT count(*) FROM listingReport WHERE message LIKE '%127.0.0.1%'") == 0
      and count("SELECT count(*) FROM reportLimit WHERE key LIKE '%127.0.0.1%'") == 0)
status, _, page = teacher.get(f"/teach/classrooms/{cid}")
check("the teacher sees the report, its text escaped", "Lớp thứ Bảy" in page and "&lt;script&gt;" in page, status)
check("…and My classes says there is one", "1 open reports" in teacher.get("/teach?lang=en")[2] or "1つ" in teacher.get("/teach")[2])
report_id = count("SELECT max(id) FROM listingReport")
for person in (staff_y, teacher_b, anonymous):
    status, headers, _ = person.post(f"/teach/classrooms/{cid}/reports/{report_id}/close", {"note": "x"})
    status2, headers2, _ = person.post(f"/staff/classrooms/{cid}/reports/{report_id}/close", {"note": "x"})
    check(f"{[k for k, v in who.items() if v is person][0]} cannot close it", status in (302, 403) and status2 in (302, 403), (status, status2))
status, _, _ = teacher.post(f"/teach/classrooms/{cid}/reports/{report_id}/close", {"note": "時間を 直しました"})
check("the teacher closes it with a note", status == 303 and count("SELECT closeNote FROM listingReport WHERE id = ?", report_id) == "時間を 直しました", status)
status, _, _ = staff.post(f"/staff/classrooms/{cid}/reports/{report_id}/close", {})
check("closing twice answers 404", status == 404, status)
before = count("SELECT count(*) FROM listingReport")
status, _, page = learner.post(f"/classrooms/{cid}/report", {"kind": "other", "message": "buy now", "website": "http://spam.example"}, csrf=False)
check("a robot filling the hidden field is thanked and nothing is kept", status == 200 and count("SELECT count(*) FROM listingReport") == before, status)
statuses = [learner.post(f"/classrooms/{cid}/report?lang=en", {"kind": "other"}, csrf=False) for _ in range(5)]
check("one address may send five reports an hour, then 429 with Retry-After", [st for st, _, _ in statuses] == [200, 200, 200, 200, 429]
      and "Retry-After" in statuses[-1][1], [st for st, _, _ in statuses])
status, _, _ = learner.post("/classrooms/999999/report", {"kind": "other"}, csrf=False)
check("a report on no listing is 404", status == 404, status)
status, _, _ = Browser().post(f"/classrooms/{cid}/report", {"kind": "other", "message": "a" * 20_000}, csrf=False)
check("a report body over 16 KB is 413, not a crash", status == 413, status)
status, _, _ = teacher.post(f"/teach/classrooms/{cid}", dict(edit, venue="v" * 300_000))
check("a work form over 256 KB is 413", status == 413, status)

# Audit log: every change, who, which fields; staff Y does not see ward X's entries.
status, _, page = staff.get("/staff/audit")
check("audit log lists the approval and the edit", "classroom.approve" in page and "classroom.update" in page and "venue" in page, status)
status, _, page = staff_y.get("/staff/audit")
check("staff of another ward do not see it", "classroom.approve" not in page, status)
def refused(sql):
    # Autocommit, and closed at once: an open transaction here would lock the server out of the file.
    connection = sqlite3.connect(DB, isolation_level=None)
    try:
        connection.execute(sql)
        return False
    except sqlite3.DatabaseError:
        return True
    finally:
        connection.close()


def confirmed_days_ago(classroom, days):
    connection = sqlite3.connect(DB, isolation_level=None)
    try:
        connection.execute("UPDATE classroom SET lastConfirmed = date('now', '+9 hours', ?) WHERE id = ?", (f"-{days} days", classroom))
    finally:
        connection.close()
    time.sleep(1.5)  # the server notices another connection's commit within 0.5 s


confirmed_days_ago(cid, 100)
status, _, _ = teacher.post(f"/teach/classrooms/{cid}/confirm", {})
today = count("SELECT date('now', '+9 hours')")
check("'still running as listed' sets today's date", status == 303 and count("SELECT lastConfirmed FROM classroom WHERE id = ?", cid) == today, status)
check("…and is in the audit log", count("SELECT count(*) FROM auditEntry WHERE action = 'classroom.confirm'") == 1)

# Admin acts as staff of every ward: sees ward X's entries, invites staff, archives the listing.
status, _, page = admin.get("/staff/audit")
check("admin sees every ward's audit entries", "classroom.approve" in page, status)
status, _, _ = admin.post("/admin/invite", {"email": "ward.z@example.jp", "municipalities": ["131130", "131041"]})
check("admin → invite-staff: 303", status == 303 and count("SELECT count(*) FROM accountMunicipality JOIN account ON account.id = accountId WHERE email = 'ward.z@example.jp'") == 2, status)
check("…and the invitation went through sendmail", "To: ward.z@example.jp" in open(MAIL, encoding="utf-8").read())
status, _, _ = admin.post(f"/staff/classrooms/{cid}/archive", {})
check("admin → staff-archive: 303", status == 303 and Browser().get(f"/classrooms/{cid}")[0] == 404, status)
status, _, page = admin.get("/staff/audit")
check("the audit log names admin's archive", "classroom.archive" in page and "root@example.jp" in page, status)

# Write API: each person makes a personal token on their account page (shown once, kept as a digest), and the
# API allows each role exactly what the pages allow.
import json as _json


def api(method, path, token=None, body=None, raw=None):
    data = _json.dumps(body).encode() if body is not None else (raw.encode() if raw is not None else None)
    req = urllib.request.Request(BASE + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req) as r:
            text = r.read().decode()
            return r.status, r.headers, _json.loads(text) if text else {}
    except urllib.error.HTTPError as e:
        text = e.read().decode()
        try:
            return e.code, e.headers, _json.loads(text)
        except ValueError:
            return e.code, e.headers, {"raw": text}


def make_token(person, label):
    status, _, page = person.post("/account/tokens", {"label": label})
    match = re.search(r'<code class="secret">(manabi_[A-Za-z0-9_-]+)</code>', page)
    return status, (match.group(1) if match else None), page


tokens = {}
for name, person in (("teacher A", teacher), ("teacher B", teacher_b), ("staff X", staff), ("staff Y", staff_y), ("admin", admin)):
    status, secret, page = make_token(person, f"{name} script")
    check(f"{name} makes an API token on the account page (201, shown once)", status == 201 and secret is not None, status)
    tokens[name] = secret
secret = tokens["teacher A"]
check("the database keeps only the token's SHA-256", count("SELECT count(*) FROM apiToken WHERE tokenHash = ?", hashlib.sha256(secret.encode()).hexdigest()) == 1
      and count("SELECT count(*) FROM apiToken WHERE tokenHash = ? OR label = ?", secret, secret) == 0)
status, _, page = teacher.get("/account?lang=en")
check("the account page lists the token by name but never shows it again", "teacher A script" in page and secret not in page, status)
status, _, page = teacher.post("/account/tokens", {"label": ""})
check("a token without a name is refused on the form (422)", status == 422 and 'id="label-error"' in page, status)
status, _, _ = api("GET", "/api/v1/listings")
check("the API without a token: 401", status == 401, status)
status, _, _ = teacher.request("GET", "/api/v1/listings")
check("a signed-in browser's session cookie is not an API credential", status == 401, status)

new_listing = {"name": "APIの日本語教室", "name_kana": "えーぴーあいのにほんごきょうしつ", "municipality_code": "131041", "venue": "新宿区立大久保図書館",
               "format": "in_person", "levels": ["pre_a1", "a1"], "languages": ["en", "ne"], "fee_yen": 100,
               "weekly_slots": [{"weekday": "tue", "start": "18:30", "end": "20:30"}]}
status, headers, listing = api("POST", "/api/v1/listings", secret, new_listing)
check("teacher A creates a listing through the API (201 + Location)", status == 201 and headers["Location"] == f"/api/v1/listings/{listing.get('id')}", (status, listing))
lid = listing.get("id")
status, _, _ = teacher.post(f"/teach/classrooms/{lid}/submit", {})
status, _, _ = staff.post(f"/staff/classrooms/{lid}/approve", {})
check("…which the pages then submit and approve", count("SELECT status FROM classroom WHERE id = ?", lid) == "published", status)
version = api("GET", f"/api/v1/listings/{lid}", secret)[2].get("version")
slot = {"weekday": "thu", "start": "10:00", "end": "12:00"}
api_routes = {
    "read": ("GET", f"/api/v1/listings/{lid}", None),
    "patch": ("PATCH", f"/api/v1/listings/{lid}", {"version": version, "venue": "hijack"}),
    "add-slot": ("POST", f"/api/v1/listings/{lid}/weekly-slots", slot),
    "cancel": ("POST", f"/api/v1/listings/{lid}/cancellations", {"date": "2027-01-05"}),
    "one-off": ("POST", f"/api/v1/listings/{lid}/one-off-sessions", {"date": "2027-01-09", "start": "10:00", "end": "12:00"}),
    "confirm": ("POST", f"/api/v1/listings/{lid}/confirm", None),
    "archive": ("DELETE", f"/api/v1/listings/{lid}", None),
    "create": ("POST", "/api/v1/listings", new_listing),
}
api_expected = {
    "anonymous": {r: 401 for r in api_routes},
    "teacher B": {r: 403 for r in api_routes if r != "create"},
    "staff Y": {r: 403 for r in api_routes},
    "staff X": {"read": 200, "patch": 403, "add-slot": 403, "cancel": 403, "one-off": 403, "confirm": 200, "create": 403},
    "admin": {"read": 200, "patch": 403, "add-slot": 403, "cancel": 403, "one-off": 403, "confirm": 200, "create": 403},
    "teacher A": {"read": 200, "add-slot": 201, "cancel": 201, "one-off": 201, "confirm": 200},
}
for person, table in api_expected.items():
    for route, want in table.items():
        method, path, body = api_routes[route]
        status, _, answer = api(method, path, tokens.get(person), body)
        check(f"API {person} → {route}: {want}", status == want, (status, answer.get("detail")))
venue = count("SELECT venue FROM classroom WHERE id = ?", lid)
check("no denied API call changed the listing", venue == "新宿区立大久保図書館", venue)
status, _, answer = api("PATCH", f"/api/v1/listings/{lid}", secret, {"version": version, "venue": "大久保地域センター"})
check("a PATCH from an old version: 409 with the current version", status == 409 and answer.get("current_version", 0) > version, (status, answer))
status, _, answer = api("PATCH", f"/api/v1/listings/{lid}", secret, {"version": answer.get("current_version"), "venue": "大久保地域センター", "fee_yen": "100"})
check("a string for a number: 422 pointing at it, nothing saved", status == 422 and [e["pointer"] for e in answer.get("errors", [])] == ["/fee_yen"], answer)
current = api("GET", f"/api/v1/listings/{lid}", secret)[2]
status, _, answer = api("PATCH", f"/api/v1/listings/{lid}", secret, {"version": current["version"], "venue": "大久保地域センター"})
check("a PATCH from the current version saves", status == 200 and answer.get("venue") == "大久保地域センター", status)
status, _, body = Browser().get(f"/api/v1/classrooms/{lid}")
check("…and learners see it at once", "大久保地域センター" in body and '"thu"' in body, body[:120])
check("API writes are in the audit log under the token's owner",
      count("SELECT count(*) FROM auditEntry WHERE subjectId = ? AND authorKind = 'account' AND authorId = (SELECT id FROM account WHERE email = 'teacher.a@example.jp')", str(lid)) >= 5)
status, _, _ = api("DELETE", f"/api/v1/listings/{lid}", tokens["staff X"])
check("staff X archive it through the API (204); it is gone from the API and search", status == 204 and api("GET", f"/api/v1/listings/{lid}", secret)[0] == 404
      and Browser().get(f"/api/v1/classrooms/{lid}")[0] == 404, status)

token_id = count("SELECT max(id) FROM apiToken WHERE accountId = (SELECT id FROM account WHERE email = 'teacher.a@example.jp')")
status, _, _ = teacher_b.post(f"/account/tokens/{token_id}/revoke", {})
check("nobody revokes another's token (404)", status == 404 and api("GET", "/api/v1/listings", secret)[0] == 200, status)
status, headers, _ = teacher.post(f"/account/tokens/{token_id}/revoke", {})
check("the owner revokes it, and it stops working at once", status == 303 and api("GET", "/api/v1/listings", secret)[0] == 401, status)
out = subprocess.run([MANABI, "token", "create", "--db", DB, "--email", "teacher.a@example.jp", "--label", "cli"], capture_output=True, text=True)
cli_token = out.stdout.strip()
check("manabi token create prints a working token", out.returncode == 0 and api("GET", "/api/v1/listings", cli_token)[0] == 200, out.stdout + out.stderr)



# Freshness: a listing nobody confirmed for 200 days carries a note; after 400 it leaves search, its page stays.
old = count("SELECT id FROM classroom WHERE status = 'published' AND municipalityCode = '131041' AND id != ? ORDER BY lastConfirmed DESC, id LIMIT 1", cid)
connection = sqlite3.connect(DB, isolation_level=None)
old_name = connection.execute("SELECT name FROM classroom WHERE id = ?", (old,)).fetchone()[0]
connection.close()
by_name = "/?lang=en&q=" + urllib.parse.quote(old_name)
notes_before = Browser().get(by_name)[2].count("may be out of date")
confirmed_days_ago(old, 200)
status, _, page = Browser().get(f"/classrooms/{old}?lang=en")
check("a listing unconfirmed for 200 days says it may be out of date", status == 200 and "may be out of date" in page, status)
status, _, page = Browser().get(by_name)
check("…on its search result too", page.count("may be out of date") == notes_before + 1, (notes_before, page.count("may be out of date")))
status, _, page = staff.get("/staff?lang=en")
stale_section = page.split("Not confirmed for 180 days or more", 2)[-1]
check("staff of the ward see it among their stale listings", f'href="/staff/classrooms/{old}"' in stale_section, status)
status, _, page = staff_y.get("/staff?lang=en")
check("…staff of another ward do not", f'href="/staff/classrooms/{old}"' not in page, status)
confirmed_days_ago(old, 400)
status, _, body = Browser().get("/api/v1/classrooms?municipality=131041&limit=100")
check("after 400 days it leaves search", status == 200 and f'"id":{old},' not in body, status)
status, _, page = Browser().get(f"/classrooms/{old}?lang=en")
check("…but its page still answers, with the note", status == 200 and "may be out of date" in page, status)
confirmed_days_ago(old, 0)

check("audit log refuses DELETE", refused("DELETE FROM auditEntry"))
check("audit log refuses UPDATE", refused("UPDATE auditEntry SET action = 'x'"))

# Sign-out is a POST and ends the session; a password change ends the other sessions.
status, _, _ = teacher.get("/logout")
check("GET /logout does not sign out", teacher.get("/teach")[0] == 200, status)
second = Browser(); second.login("teacher.a@example.jp", PASSWORD)
check("second device signed in", second.get("/teach")[0] == 200)
status, _, _ = teacher.post("/account/password", {"current": PASSWORD, "new_password": PASSWORD + "!", "confirm": PASSWORD + "!"})
check("password change", status == 303, status)
check("password change ends the other sessions", second.get("/teach")[0] == 302)
check("…and keeps the person who changed it signed in", teacher.get("/teach")[0] == 200)
teacher.post("/logout", {})
check("POST /logout ends the session", teacher.get("/teach")[0] == 302)

# Joining through the public form: staff of that ward decide, staff of another ward cannot.
applicant = Browser()
status, _, page = applicant.post("/join", {"email": "new.teacher@example.jp", "organiser": "Cの会", "municipality": "131041", "message": "土曜の 教室です"})
check("a teacher asks to join", status == 200 and 'class="notice"' in page, status)
check("…and staff of the ward are mailed", "/staff/requests" in open(MAIL, encoding="utf-8").read().split("-----")[-2])
request_id = count("SELECT id FROM joinRequest WHERE email = 'new.teacher@example.jp'")
check("staff of the ward see the request", "new.teacher@example.jp" in staff.get("/staff/requests")[2])
check("…staff of another ward do not", "new.teacher@example.jp" not in staff_y.get("/staff/requests")[2])
status, _, _ = staff_y.post(f"/staff/requests/{request_id}/approve", {})
check("staff of another ward cannot approve it (403)", status == 403, status)
status, _, _ = staff.post(f"/staff/requests/{request_id}/approve", {})
check("staff of the ward approve it, and an invitation goes out", status == 303 and "To: new.teacher@example.jp" in open(MAIL, encoding="utf-8").read(), status)

# Forgotten password: the same answer whether or not the address has an account; the link works once.
status_known, _, page_known = Browser().post("/password/forgot", {"email": "teacher.b@example.jp"})
status_unknown, _, page_unknown = Browser().post("/password/forgot", {"email": "nobody.here@example.jp"})
check("the forgot form answers the same for a known and an unknown address", status_known == status_unknown == 200
      and page_known.count("notice") == page_unknown.count("notice"), (status_known, status_unknown))
reset = re.findall(r"http://[^\s]+(/password/reset/[A-Za-z0-9_-]+)", open(MAIL, encoding="utf-8").read())[-1]
check("only the known address got a mail", "nobody.here@example.jp" not in open(MAIL, encoding="utf-8").read())
resetter = Browser()
status, headers, _ = resetter.post(reset, {"new_password": PASSWORD + " new", "confirm": PASSWORD + " new"})
check("the reset link sets a new password and signs in", status == 303 and resetter.get("/teach")[0] == 200, status)
check("…once", Browser().get(reset)[0] == 404)
check("the old password no longer works", Browser().login("teacher.b@example.jp", PASSWORD)[0] == 401)

# Idle sessions end: a session last seen 31 minutes ago is signed out (the clock moved in the file).
idle = Browser()
idle.login("ward.y@example.jp", PASSWORD)
check("a fresh session works", idle.get("/staff")[0] == 200)
connection = sqlite3.connect(DB, isolation_level=None)
connection.execute("UPDATE session SET data = CAST(json_set(CAST(data AS TEXT), '$.lastSeen', json_extract(CAST(data AS TEXT), '$.lastSeen') - 31 * 60) AS BLOB)"
                   " WHERE accountId = (SELECT id FROM account WHERE email = 'ward.y@example.jp')")
connection.close()
status, headers, _ = idle.get("/staff")
check("after 31 idle minutes the session is over", status == 302 and headers["Location"].startswith("/login"), status)

# Throttling: the same answer for an unknown address and a wrong password, then back-off.
attacker = Browser()
a = attacker.login("nobody@example.jp", "wrong password!!")
b = attacker.login("teacher.b@example.jp", "wrong password!!")
check("login errors never say whether the address exists", a[0] == b[0] == 401 and a[2].count("field-error") == b[2].count("field-error"))
for _ in range(5):
    status, headers, _ = attacker.login("teacher.b@example.jp", "wrong password!!")
status, headers, _ = attacker.login("teacher.b@example.jp", PASSWORD + " new")  # its password since the reset above
check("repeated failures slow the account down (429 even with the right password)", status == 429 and "Retry-After" in headers, status)

print(f"{len(failures)} failed" if failures else "work flow: all passed")
sys.exit(1 if failures else 0)
