"""Learner pages in a real browser (headless Chromium from Debian), at a phone's width.

Run by `make test` through Tests/Browser/run.sh, which starts the server on a fresh database and sets
MANABI_URL. Screenshots go to artifacts/ (git-ignored).
"""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import ARTIFACTS, BASE


def test_search_by_ward_and_weekday_then_open_a_classroom(browser):
    browser.get(BASE + "/?lang=en")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    Select(browser.find_element(By.ID, "municipality")).select_by_value("131041")
    Select(browser.find_element(By.ID, "weekday")).select_by_value("sat")
    browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda b: "municipality=131041" in b.current_url)
    results = browser.find_elements(By.CSS_SELECTOR, "li.result")
    assert len(results) >= 1
    for result in results:
        assert "Saturday" in result.text or "Sat" in result.text or "土" in result.text
        assert result.find_element(By.CLASS_NAME, "sample").is_displayed()
    browser.save_screenshot(str(ARTIFACTS / "search-390.png"))
    name = results[0].find_element(By.CSS_SELECTOR, "h3 a").text
    results[0].find_element(By.CSS_SELECTOR, "h3 a").click()
    WebDriverWait(browser, 10).until(lambda b: "/classrooms/" in b.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == name
    assert "Every Saturday" in browser.page_source
    assert browser.find_element(By.PARTIAL_LINK_TEXT, "OpenStreetMap").get_attribute("href").startswith("https://www.openstreetmap.org/")
    browser.save_screenshot(str(ARTIFACTS / "classroom-390.png"))


def test_japanese_furigana_toggle_and_language_switch(browser):
    browser.get(BASE + "/?lang=ja&municipality=132195")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ja"
    assert len(browser.find_elements(By.CSS_SELECTOR, "ruby rt")) > 10
    readings = [rt.get_attribute("textContent") for rt in browser.find_elements(By.CSS_SELECTOR, "ruby rt")]
    assert "こまえ" in readings
    browser.find_element(By.CSS_SELECTOR, "p.toggle a").click()
    WebDriverWait(browser, 10).until(lambda b: "furigana=off" in b.current_url)
    assert browser.find_elements(By.CSS_SELECTOR, "ruby") == []
    # The choice is remembered by cookie on a fresh visit.
    browser.get(BASE + "/")
    assert browser.find_elements(By.CSS_SELECTOR, "ruby") == []
    browser.find_element(By.CSS_SELECTOR, "nav ul.langs a[hreflang=vi]").click()
    WebDriverWait(browser, 10).until(lambda b: "lang=vi" in b.current_url)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi"
    browser.get(BASE + "/")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi"


def test_keyboard_reaches_the_search_box_and_every_control_has_a_label(browser):
    browser.get(BASE + "/?lang=en")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("class") == "skip"
    for control in browser.find_elements(By.CSS_SELECTOR, "form.filters input:not([type=hidden]), form.filters select"):
        control_id = control.get_attribute("id")
        assert browser.find_elements(By.CSS_SELECTOR, f"label[for='{control_id}']"), control_id
    levels = [h.tag_name for h in browser.find_elements(By.CSS_SELECTOR, "h1, h2, h3")]
    assert levels[0] == "h1"


def test_unknown_classroom_shows_a_page_in_the_chosen_language(browser):
    browser.get(BASE + "/classrooms/999999?lang=en")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert "not find" in browser.page_source or "not found" in browser.page_source.lower()


def test_results_come_first_on_a_phone_and_further_filters_fold_away(browser):
    browser.get(BASE + "/?lang=en&level=a1&free=true")
    more = browser.find_element(By.CSS_SELECTOR, "details.more")
    assert more.get_attribute("open") is None
    summary = more.find_element(By.TAG_NAME, "summary").text
    assert "A1" in summary and "Free classes only" in summary, summary
    # On a 390 px phone the first result starts within the first two screens, not after the whole form.
    first = browser.find_element(By.CSS_SELECTOR, "li.result")
    assert first.location["y"] < 2 * browser.execute_script("return window.innerHeight"), first.location
    more.find_element(By.TAG_NAME, "summary").click()
    assert browser.find_element(By.ID, "level-a1").is_selected()
    assert browser.find_element(By.ID, "free").is_selected()
