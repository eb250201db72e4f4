"""The teacher and staff pages in a real Chromium at a phone's width, without JavaScript of our own:
invite → the teacher sets a password → creates a classroom with a weekly slot → cancels one date → staff
approve → a learner finds it, and the cancelled date is not among its next sessions. Then the same pages
through axe-core's WCAG 2.2 A/AA rules, the contrast and heading audits, 200 % text, and keyboard alone.

Run by Tests/Browser/run.sh, which points the server's mail at Tests/Work/fake-sendmail (FAKE_SENDMAIL_LOG)
and passes the `manabi` binary and database (MANABI_BIN, MANABI_TEST_DB) for `manabi user create`.
"""
import datetime
import json
import os
import re
import sqlite3
import subprocess
import time
import zoneinfo

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from a11y import CONTRAST_SCRIPT, OVERFLOW, axe_source, focus_stops, focused, run_axe, tab_until
from conftest import ARTIFACTS, BASE

PASSWORD = "a long and unusual passphrase"
STAFF_EMAIL = "ward.browser@example.jp"
TEACHER_EMAIL = "teacher.browser@example.jp"
NAME = "まなびブラウザ日本語教室"
REASON = "会場の点検"
# What the flow learns and the audits below revisit.
seen = {}


def create_user(*args):
    out = subprocess.run([os.environ["MANABI_BIN"], "user", "create", "--db", os.environ["MANABI_TEST_DB"], *args],
                         capture_output=True, text=True, check=True)
    return re.search(r"(/welcome/\S+)", out.stdout).group(1)


def mailed_links():
    with open(os.environ["FAKE_SENDMAIL_LOG"], encoding="utf-8") as mail:
        return re.findall(r"https?://[^\s/]+(/welcome/[A-Za-z0-9_-]+)", mail.read())


def type_into(browser, name, text):
    field = browser.find_element(By.NAME, name)
    field.clear()
    field.send_keys(text)


def set_date_or_time(browser, name, value):
    # Chromium's date and time widgets take keystrokes in the order of the browser's locale (mm/dd/yyyy,
    # hh:mm AM); setting the value is what any locale's typing ends in.
    browser.execute_script("arguments[0].value = arguments[1]", browser.find_element(By.NAME, name), value)


def press(browser, label_or_value, within="main"):
    """Clicks the submit button whose value or text is the given one."""
    for button in browser.find_elements(By.CSS_SELECTOR, f"{within} button"):
        if label_or_value in (button.get_attribute("value"), button.text):
            button.click()
            return
    raise AssertionError(f"no button {label_or_value!r} among {[b.text for b in browser.find_elements(By.CSS_SELECTOR, 'button')]}")


def wait_for(browser, selector):
    """The element `selector` finds once the page a click started has loaded (a click returns before that)."""
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.CSS_SELECTOR, selector))
    return browser.find_element(By.CSS_SELECTOR, selector)


def send_form(browser):
    """Clicks the first button of the page's own form (the sign-out button sits in a small form of its own)."""
    browser.find_element(By.CSS_SELECTOR, "main form:not(.inline) button").click()


def choose_password(browser, link):
    browser.get(BASE + link)
    type_into(browser, "new_password", PASSWORD)
    type_into(browser, "confirm", PASSWORD)
    send_form(browser)
    # The click returns before the next page has loaded; wait for the redirect away from the link.
    WebDriverWait(browser, 10).until(lambda b: "/welcome/" not in b.current_url)


def sign_out(browser):
    browser.find_element(By.CSS_SELECTOR, "nav.work button").click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("/login"))


def next_weekday(today, weekday):
    """The first `weekday` (Monday 0) strictly after `today`."""
    return today + datetime.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def test_invite_to_published_class_a_learner_finds(browser):
    browser.delete_all_cookies()
    # Staff of Shinjuku, made on the command line, choose a password from the printed link.
    choose_password(browser, create_user("--role", "staff", "--email", STAFF_EMAIL, "--municipality", "131041"))
    assert browser.current_url.endswith("/staff"), browser.current_url

    # They invite a teacher of a new organiser; the invitation leaves through sendmail.
    browser.get(BASE + "/staff/invite")
    seen["invite"] = "/staff/invite"
    type_into(browser, "email", TEACHER_EMAIL)
    type_into(browser, "organiser_name", "ブラウザ国際交流の会")
    send_form(browser)
    WebDriverWait(browser, 10).until(lambda b: "done=invited" in b.current_url)
    sign_out(browser)

    # The teacher opens the mailed link and chooses a password.
    choose_password(browser, mailed_links()[-1])
    assert browser.current_url.endswith("/teach"), browser.current_url
    browser.find_element(By.CSS_SELECTOR, "a.button").click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("/teach/classrooms/new"))

    # A classroom with a weekly Saturday slot and no class on the first Saturday to come.
    today = datetime.datetime.now(zoneinfo.ZoneInfo("Asia/Tokyo")).date()
    first = next_weekday(today, 5)
    seen["first"], seen["second"] = first, first + datetime.timedelta(days=7)
    type_into(browser, "name", NAME)
    type_into(browser, "name_kana", "まなびぶらうざにほんごきょうしつ")
    Select(browser.find_element(By.NAME, "municipality_code")).select_by_value("131041")
    type_into(browser, "venue", "新宿区立 ブラウザ地域センター <b>2階</b>")
    Select(browser.find_element(By.NAME, "format")).select_by_value("in_person")
    browser.find_element(By.CSS_SELECTOR, "input[name=levels][value=pre_a1]").click()
    browser.find_element(By.CSS_SELECTOR, "input[name=languages][value=en]").click()
    type_into(browser, "fee_yen", "-300")  # wrong on purpose: the form must come back with it marked
    Select(browser.find_element(By.NAME, "weekly.0.weekday")).select_by_value("sat")
    set_date_or_time(browser, "weekly.0.start", "10:00")
    set_date_or_time(browser, "weekly.0.end", "12:00")
    set_date_or_time(browser, "cancellations.0.date", first.isoformat())
    type_into(browser, "cancellations.0.reason", REASON)
    press(browser, "save")

    # Back with the error beside its field, described by it, listed in the summary, and nothing lost.
    summary = wait_for(browser, ".error-summary")
    assert summary.find_element(By.CSS_SELECTOR, "a").get_attribute("href").endswith("#fee_yen")
    fee = browser.find_element(By.NAME, "fee_yen")
    assert fee.get_attribute("aria-invalid") == "true"
    error_id = fee.get_attribute("aria-describedby").split()[-1]
    assert browser.find_element(By.ID, error_id).text.strip()
    assert browser.find_element(By.NAME, "venue").get_attribute("value") == "新宿区立 ブラウザ地域センター <b>2階</b>"
    assert browser.find_element(By.NAME, "cancellations.0.date").get_attribute("value") == first.isoformat()
    assert browser.find_element(By.CSS_SELECTOR, "input[name=levels][value=pre_a1]").is_selected()
    summary.find_element(By.CSS_SELECTOR, "a").click()
    assert focused(browser).get_attribute("name") == "fee_yen"  # the summary's link takes the keyboard there
    type_into(browser, "fee_yen", "0")

    # The preview shows the learner's page before anything is stored; HTML typed shows as text.
    press(browser, "preview")
    preview = wait_for(browser, ".preview")
    assert NAME in preview.text and "<b>2階</b>" in preview.text
    assert not preview.find_elements(By.CSS_SELECTOR, "b")
    seen["preview_html"] = browser.page_source
    press(browser, "save")
    WebDriverWait(browser, 10).until(lambda b: "done=created" in b.current_url)
    cid = int(browser.current_url.rsplit("#", 1)[1])
    seen["cid"] = cid
    row = browser.find_element(By.XPATH, f"//a[contains(@href, '/teach/classrooms/{cid}')]/ancestor::tr")
    assert "Draft" in row.text or "下書" in row.text, row.text

    # Asking for approval: the first publication waits for staff.
    browser.find_element(By.CSS_SELECTOR, f"a[href='/teach/classrooms/{cid}']").click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith(f"/teach/classrooms/{cid}"))
    press(browser, "submit")
    WebDriverWait(browser, 10).until(lambda b: "done=submit" in b.current_url)
    browser.get(BASE + f"/classrooms/{cid}")
    assert browser.find_element(By.TAG_NAME, "h1").text != NAME  # not public yet
    browser.get(BASE + "/teach")
    sign_out(browser)

    # Staff sign in with the keyboard alone and approve it.
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    tab_until(browser, lambda e: e.get_attribute("name") == "email").send_keys(STAFF_EMAIL)
    tab_until(browser, lambda e: e.get_attribute("name") == "password").send_keys(PASSWORD + Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("/staff"))
    browser.find_element(By.CSS_SELECTOR, f"a[href='/staff/classrooms/{cid}']").click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith(f"/staff/classrooms/{cid}"))
    press(browser, "approve")
    WebDriverWait(browser, 10).until(lambda b: "done=" in b.current_url)
    sign_out(browser)

    # A learner, not signed in, searches by the class's name and opens it.
    browser.delete_all_cookies()
    browser.get(BASE + "/?lang=en")
    browser.find_element(By.ID, "q").send_keys(NAME)
    browser.find_element(By.ID, "q").submit()
    WebDriverWait(browser, 10).until(lambda b: "q=" in b.current_url)
    browser.find_element(By.CSS_SELECTOR, f"a[href^='/classrooms/{cid}']").click()
    WebDriverWait(browser, 10).until(lambda b: f"/classrooms/{cid}" in b.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == NAME
    upcoming = browser.find_element(By.XPATH, "//h3/following-sibling::ul[1]").text
    assert seen["second"].isoformat() in upcoming, upcoming
    assert first.isoformat() not in upcoming, upcoming
    schedule = browser.find_element(By.XPATH, "//h2/following-sibling::ul[1]").text
    assert first.isoformat() in schedule and REASON in schedule, schedule


def test_a_report_in_vietnamese_reaches_the_teacher_who_fixes_the_time_and_confirms(browser):
    if "cid" not in seen:
        pytest.skip("the flow above did not get as far as a published classroom")
    cid = seen["cid"]
    # Nobody has confirmed the listing for 200 days (set in the file, as time passing would).
    connection = sqlite3.connect(os.environ["MANABI_TEST_DB"], isolation_level=None)
    connection.execute("UPDATE classroom SET lastConfirmed = date('now', '+9 hours', '-200 days') WHERE id = ?", (cid,))
    connection.close()
    time.sleep(1.5)  # the server picks up another connection's commit within 0.5 s
    note = "có thể đã cũ"

    # A learner reading in Vietnamese sees the note and reports that the time changed.
    browser.delete_all_cookies()
    browser.get(BASE + f"/classrooms/{cid}?lang=vi")
    assert note in browser.find_element(By.TAG_NAME, "article").text
    browser.find_element(By.CSS_SELECTOR, f"a[href^='/classrooms/{cid}/report']").click()
    WebDriverWait(browser, 10).until(lambda b: "/report" in b.current_url)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi"
    send_form(browser)  # nothing chosen: the form says so and keeps the page in Vietnamese
    assert wait_for(browser, "#kind-error").text.strip()
    browser.find_element(By.ID, "kind-time_changed").click()
    browser.find_element(By.ID, "message").send_keys("Lớp thứ Bảy bây giờ bắt đầu lúc 13:00.")
    send_form(browser)
    wait_for(browser, "[role=status]")

    # The teacher is told on My classes, reads it on the class, fixes the time and closes the report.
    signed_in_as(browser, TEACHER_EMAIL)
    browser.get(BASE + "/teach?lang=en")
    assert "1 open reports" in browser.find_element(By.CSS_SELECTOR, ".notice").text + " ".join(e.text for e in browser.find_elements(By.CSS_SELECTOR, ".notice"))
    browser.get(BASE + f"/teach/classrooms/{cid}")
    assert "bắt đầu lúc 13:00" in browser.find_element(By.TAG_NAME, "table").text
    set_date_or_time(browser, "weekly.0.start", "13:00")
    set_date_or_time(browser, "weekly.0.end", "15:00")
    press(browser, "save")
    WebDriverWait(browser, 10).until(lambda b: "done=saved" in b.current_url)
    browser.get(BASE + f"/teach/classrooms/{cid}")
    type_into(browser, "note", "土曜は 13時からに 直しました")
    press(browser, "close")
    WebDriverWait(browser, 10).until(lambda b: "done=report_closed" in b.current_url)
    press(browser, "confirm")  # "Still running as listed"
    WebDriverWait(browser, 10).until(lambda b: "done=confirm" in b.current_url)
    assert "open reports" not in browser.find_element(By.TAG_NAME, "main").text

    # The learner's page has the new time and no note.
    browser.delete_all_cookies()
    browser.get(BASE + f"/classrooms/{cid}?lang=vi")
    article = browser.find_element(By.TAG_NAME, "article").text
    assert note not in article and "13:00" in article, article


def signed_in_as(browser, email):
    browser.delete_all_cookies()
    browser.get(BASE + "/login")
    type_into(browser, "email", email)
    type_into(browser, "password", PASSWORD)
    send_form(browser)
    WebDriverWait(browser, 10).until(lambda b: not b.current_url.endswith("/login"))


def visits():
    """Every teacher and staff page as (who, label, how to reach it): a path, or steps in the browser."""
    cid = seen.get("cid")
    if cid is None:
        pytest.skip("the flow above did not get as far as a stored classroom")

    def form_with_errors(browser):
        browser.get(BASE + "/teach/classrooms/new")
        type_into(browser, "name", "")
        type_into(browser, "fee_yen", "many")
        press(browser, "save")
        wait_for(browser, ".error-summary")

    def report_with_error(browser):
        browser.get(BASE + f"/classrooms/{cid}/report")
        send_form(browser)
        wait_for(browser, "#kind-error")

    def preview(browser):
        browser.get(BASE + f"/teach/classrooms/{cid}")
        press(browser, "preview")
        wait_for(browser, ".preview")

    def new_token(browser):
        browser.get(BASE + "/account")
        type_into(browser, "label", "時間割スクリプト")
        press(browser, "create")
        wait_for(browser, "code.secret")

    return [
        (None, "/login", "/login"), (None, "/join", "/join"), (None, "/password/forgot", "/password/forgot"),
        (None, "report form", f"/classrooms/{cid}/report"), (None, "report form with an error", report_with_error),
        (TEACHER_EMAIL, "/teach", "/teach"), (TEACHER_EMAIL, "/teach/classrooms/new", "/teach/classrooms/new"),
        (TEACHER_EMAIL, "new classroom with errors", form_with_errors), (TEACHER_EMAIL, "preview", preview),
        (TEACHER_EMAIL, "edit", f"/teach/classrooms/{cid}"), (TEACHER_EMAIL, "/account", "/account"),
        (TEACHER_EMAIL, "a new API token", new_token),
        (STAFF_EMAIL, "/staff", "/staff"), (STAFF_EMAIL, "review", f"/staff/classrooms/{cid}"), (STAFF_EMAIL, "/staff/invite", "/staff/invite"),
        (STAFF_EMAIL, "/staff/requests", "/staff/requests"), (STAFF_EMAIL, "/staff/audit", "/staff/audit"),
        (STAFF_EMAIL, "/account/two-step", "/account/two-step"),
    ]


def walk(browser, language):
    """Visits every page in `language`, yielding its label once it is on screen."""
    who = "nobody"
    for email, label, how in visits():
        if email != who:
            if email is None:
                browser.delete_all_cookies()
            else:
                signed_in_as(browser, email)
            who = email
        browser.get(BASE + f"/login?lang={language}" if email is None else BASE + f"/account?lang={language}")
        if callable(how):
            how(browser)
        else:
            browser.get(BASE + how)
        yield label


@pytest.mark.parametrize("language", ["en", "ja"])
def test_work_pages_pass_axe_contrast_and_heading_order(browser, language):
    source = axe_source()
    browser.set_script_timeout(60)
    report, contrast, headings = {}, [], {}
    for label in walk(browser, language):
        slug = "".join(c if c.isalnum() else "-" for c in label.strip("/")).strip("-")
        browser.save_screenshot(str(ARTIFACTS / f"work-{language}-{slug}-390.png"))
        result = run_axe(browser, source)
        assert "error" not in result, result
        if result["violations"]:
            report[label] = result["violations"]
        for item in browser.execute_script(CONTRAST_SCRIPT):
            needed = 3.0 if item["large"] else 4.5
            if item["ratio"] < needed:
                contrast.append(f"{label}: <{item['tag']}> '{item['text']}' {item['fg']} on {item['bg']}: {item['ratio']:.2f} < {needed}")
        levels = [int(h.tag_name[1]) for h in browser.find_elements(By.CSS_SELECTOR, "h1, h2, h3, h4, h5, h6")]
        if not levels or levels.count(1) != 1 or levels[0] != 1 or any(b > a + 1 for a, b in zip(levels, levels[1:])):
            headings[label] = levels
        if language == "ja":
            assert browser.find_elements(By.CSS_SELECTOR, "ruby"), (label, "やさしい日本語 pages carry furigana")
    (ARTIFACTS / f"axe-work-{language}.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    assert not report, json.dumps(report, ensure_ascii=False, indent=2)
    assert not contrast, "\n".join(contrast)
    assert not headings, headings


def test_work_pages_reflow_at_200_percent_on_a_320_px_phone(browser):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 320, "height": 900, "deviceScaleFactor": 1, "mobile": True})
    try:
        problems = {}
        for label in walk(browser, "en"):
            result = browser.execute_script(OVERFLOW, "200%")
            if result["scroll"] > 0 or result["wide"]:
                problems[label] = result
        assert not problems, problems
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_keyboard_alone_walks_the_classroom_form_with_a_visible_focus_ring(browser):
    if "cid" not in seen:
        pytest.skip("the flow above did not get as far as a stored classroom")
    signed_in_as(browser, TEACHER_EMAIL)
    browser.get(BASE + f"/teach/classrooms/{seen['cid']}?lang=en")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    assert focused(browser).get_attribute("class") == "skip"
    names, rings = [], set()
    label_of = lambda e: (e.get_attribute("value") if e.tag_name == "button" else e.get_attribute("name")) or e.get_attribute("class") or e.text  # noqa: E731
    for element, label, ring in focus_stops(browser, label_of, 400):
        rings.add(f"{ring['ratio']:.2f}:1")
        if label not in names:
            names.append(label)
        if element.tag_name == "button" and element.get_attribute("value") == "preview":
            break
    order = ["name", "municipality_code", "venue", "format", "levels", "languages", "fee_yen", "weekly.0.weekday", "weekly.0.start", "cancellations.0.date", "cancellations.0.reason", "save"]
    stops = [n for n in names if n in order]
    assert stops == [n for n in order if n in stops] and set(order) <= set(names), names
    # Enter on the focused preview button works like a click.
    focused(browser).send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".preview"))
