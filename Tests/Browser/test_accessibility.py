"""Accessibility in a real browser: axe-core's WCAG 2.2 A/AA rules, a measured colour-contrast audit of every
piece of text, heading order, and a keyboard-only walk from the search form to a classroom page.

axe-core comes from the `axe-playwright-python` wheel (the file axe.min.js only; see the Makefile). Reports
go to artifacts/axe.json and artifacts/contrast.txt.
"""
import json

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from a11y import CONTRAST_SCRIPT, OVERFLOW, axe_source, focus_stops, focused, run_axe, tab_until
from conftest import ARTIFACTS, BASE

PAGES = [
    "/?lang=ja",
    "/?lang=ja&furigana=off&municipality=131041",
    "/?lang=en&municipality=131041&weekday=sat",
    "/?lang=zh-Hans",
    "/?lang=ko&level=pre_a1",
    "/?lang=vi&language=vi",
    "/?lang=ne",
    "/?lang=en&municipality=133604&weekday=sun&level=b1&free=true",  # empty state with nearby wards
    "/classrooms/10?lang=ja&furigana=on",
    "/classrooms/10?lang=en",
    "/classrooms/10?lang=ne",
    "/no-such-page?lang=en",
    "/?lang=en&weekday=someday",  # 400 page
]


@pytest.fixture(scope="module")
def axe():
    return axe_source()


def test_axe_finds_no_wcag_violations(browser, axe):
    report = {}
    browser.set_script_timeout(60)
    for path in PAGES:
        browser.get(BASE + path)
        slug = "".join(c if c.isalnum() else "-" for c in path.strip("/?")).strip("-") or "home"
        browser.save_screenshot(str(ARTIFACTS / f"page-{slug}-390.png"))
        result = run_axe(browser, axe)
        assert "error" not in result, result
        report[path] = result["violations"]
    # With the suggestion list open, too.
    browser.get(BASE + "/?lang=en")
    browser.find_element(By.ID, "q").send_keys("shi")
    WebDriverWait(browser, 10).until(lambda b: b.find_element(By.ID, "q").get_attribute("aria-expanded") == "true")
    browser.find_element(By.ID, "q").send_keys(Keys.ARROW_DOWN)
    report["/?lang=en (suggestions open)"] = run_axe(browser, axe)["violations"]
    (ARTIFACTS / "axe.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    failures = {path: violations for path, violations in report.items() if violations}
    assert not failures, json.dumps(failures, ensure_ascii=False, indent=2)


def test_every_text_meets_wcag_aa_contrast(browser):
    lines, failures, pairs = [], [], {}
    for path in PAGES:
        browser.get(BASE + path)
        for item in browser.execute_script(CONTRAST_SCRIPT):
            needed = 3.0 if item["large"] else 4.5
            key = (item["fg"], item["bg"], needed)
            pairs.setdefault(key, (item["ratio"], item["tag"], item["text"]))
            if item["ratio"] < needed:
                failures.append(f"{path}: <{item['tag']}> '{item['text']}' {item['fg']} on {item['bg']}: {item['ratio']:.2f} < {needed}")
    for (fg, bg, needed), (value, tag, text) in sorted(pairs.items(), key=lambda kv: kv[1][0]):
        lines.append(f"{value:6.2f}:1 (needs {needed}) {fg} on {bg}  e.g. <{tag}> {text}")
    (ARTIFACTS / "contrast.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert len(pairs) >= 5, "the audit found too little text to be meaningful"
    assert not failures, "\n".join(failures)


def test_headings_are_in_order(browser):
    for path in PAGES:
        browser.get(BASE + path)
        levels = [int(h.tag_name[1]) for h in browser.find_elements(By.CSS_SELECTOR, "h1, h2, h3, h4, h5, h6")]
        assert levels and levels[0] == 1 and levels.count(1) == 1, (path, levels)
        for previous, level in zip(levels, levels[1:]):
            assert level <= previous + 1, (path, levels)


def test_keyboard_alone_finds_a_class_and_opens_it(browser):
    browser.get(BASE + "/?lang=en")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    assert focused(browser).get_attribute("class") == "skip"
    # Every stop on the way shows a focus ring.
    seen, rings = [], set()
    name_of = lambda e: e.get_attribute("id") or e.get_attribute("class") or e.text  # noqa: E731
    for element, name, ring in focus_stops(browser, name_of, 60):
        rings.add(f"{ring['ratio']:.2f}:1 {ring['colour']}")
        if name not in seen:
            seen.append(name)
        if element.tag_name == "button":
            break
        if element.tag_name == "summary" and not browser.execute_script("return arguments[0].parentElement.open", element):
            # "More filters" is folded so the results come first on a phone; Enter opens it.
            element.send_keys(Keys.ENTER)
            assert browser.execute_script("return arguments[0].parentElement.open", element)
    with open(ARTIFACTS / "contrast.txt", "a", encoding="utf-8") as report:
        report.write("focus ring (needs 3.0): " + ", ".join(sorted(rings)) + "\n")
    for control in ["q", "municipality", "weekday", "time", "from", "to", "level-pre_a1", "level-b1", "language", "format", "free", "childcare", "accepting"]:
        assert control in seen, (control, seen)
    assert seen.index("q") < seen.index("municipality") < seen.index("weekday") < seen.index("language")

    # The skip link jumps over the form to the results.
    browser.get(BASE + "/?lang=en")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    focused(browser).send_keys(Keys.ENTER)
    assert focused(browser).get_attribute("id") == "results"
    assert focused(browser).find_element(By.CSS_SELECTOR, "a").get_attribute("href").count("/classrooms/") == 1

    # Now search with the keyboard only: the ward and day by typing into the selects, Enter on the button.
    browser.get(BASE + "/?lang=en")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    tab_until(browser, lambda e: e.get_attribute("id") == "municipality").send_keys("Shinjuku")
    tab_until(browser, lambda e: e.get_attribute("id") == "weekday").send_keys("Saturday")
    tab_until(browser, lambda e: e.tag_name == "button").send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: "municipality=131041" in b.current_url and "weekday=sat" in b.current_url)
    link = tab_until(browser, lambda e: e.tag_name == "a" and "/classrooms/" in (e.get_attribute("href") or ""))
    name = link.text
    link.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: "/classrooms/" in b.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == name


@pytest.mark.parametrize("width", [320, 390])
def test_text_at_200_percent_reflows_without_sideways_scrolling(browser, width):
    # A phone's viewport, as Chromium's device emulation gives it (a desktop window cannot be made this narrow).
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": True})
    try:
        for path in ["/?lang=ja", "/?lang=en&level=a1", "/?lang=vi", "/?lang=ne", "/classrooms/10?lang=ja", "/classrooms/10?lang=vi", "/classrooms/10?lang=ne"]:
            browser.get(BASE + path)
            result = browser.execute_script(OVERFLOW, "200%")
            assert result["scroll"] <= 0 and not result["wide"], (width, path, result)
            assert not result["narrow"], (width, path, "values squeezed into a sliver", result)
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_tab_leaves_the_search_box_for_the_next_control_with_suggestions_open(browser):
    browser.get(BASE + "/?lang=en")
    box = browser.find_element(By.ID, "q")
    box.send_keys("shi")
    WebDriverWait(browser, 10).until(lambda b: box.get_attribute("aria-expanded") == "true")
    box.send_keys(Keys.TAB)
    assert focused(browser).get_attribute("id") == "municipality"
    assert browser.find_element(By.CSS_SELECTOR, "p[role=status]").get_attribute("textContent") == ""
