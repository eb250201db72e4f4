"""Suggestions as you type: the search box as an ARIA combobox over /api/v1/suggest, by keyboard and pointer."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import ARTIFACTS, BASE


def options(browser):
    """The visible suggestions once the list has opened."""
    WebDriverWait(browser, 10).until(lambda b: b.find_element(By.ID, "q").get_attribute("aria-expanded") == "true")
    return browser.find_elements(By.CSS_SELECTOR, "#q-suggestions [role=option]")


def type_into_search(browser, text):
    box = browser.find_element(By.ID, "q")
    box.clear()
    box.send_keys(text)
    return box


def test_choosing_a_ward_by_keyboard_sets_the_filter_and_searches(browser):
    browser.get(BASE + "/?lang=en")
    box = browser.find_element(By.ID, "q")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    type_into_search(browser, "shinju")
    found = options(browser)
    assert found and "新宿区" in found[0].text
    assert "Ward or city" in found[0].text
    status = browser.find_element(By.CSS_SELECTOR, "p[role=status]")
    assert status.get_attribute("textContent").startswith(f"{len(found)} suggestions")
    browser.save_screenshot(str(ARTIFACTS / "suggest-390.png"))
    box.send_keys(Keys.ARROW_DOWN)
    assert box.get_attribute("aria-activedescendant") == found[0].get_attribute("id")
    assert found[0].get_attribute("aria-selected") == "true"
    box.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: "municipality=131041" in b.current_url)
    assert Select(browser.find_element(By.ID, "municipality")).first_selected_option.get_attribute("value") == "131041"
    assert browser.find_element(By.ID, "q").get_attribute("value") == ""
    results = browser.find_elements(By.CSS_SELECTOR, "li.result")
    assert results
    for result in results:
        assert "新宿区" in result.text


def test_a_language_in_kana_and_a_classroom_by_name(browser):
    browser.get(BASE + "/?lang=ja&furigana=off")
    type_into_search(browser, "べとなむ")
    found = options(browser)
    language = next(o for o in found if "ベトナム語" in o.text)
    language.click()
    WebDriverWait(browser, 10).until(lambda b: "language=vi" in b.current_url)
    assert Select(browser.find_element(By.ID, "language")).first_selected_option.get_attribute("value") == "vi"

    browser.get(BASE + "/?lang=en")
    name = browser.find_element(By.CSS_SELECTOR, "li.result h3 a").text
    box = type_into_search(browser, name[:4])
    found = options(browser)
    index = next(i for i, o in enumerate(found) if name in o.text and "Class" in o.text)
    for _ in range(index + 1):
        box.send_keys(Keys.ARROW_DOWN)
    box.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: "/classrooms/" in b.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == name
    assert "lang=en" in browser.current_url


def test_escape_closes_and_arrows_wrap(browser):
    browser.get(BASE + "/?lang=en")
    box = type_into_search(browser, "ta")
    found = options(browser)
    assert len(found) >= 2
    box.send_keys(Keys.ARROW_UP)
    assert box.get_attribute("aria-activedescendant") == found[-1].get_attribute("id")
    box.send_keys(Keys.ARROW_DOWN)
    assert box.get_attribute("aria-activedescendant") == found[0].get_attribute("id")
    box.send_keys(Keys.ESCAPE)
    assert box.get_attribute("aria-expanded") == "false"
    assert not browser.find_element(By.ID, "q-suggestions").is_displayed()
    # Enter with no suggestion chosen submits the typed text as an ordinary search.
    box.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: "q=ta" in b.current_url)


def test_text_that_matches_nothing_says_so(browser):
    browser.get(BASE + "/?lang=en")
    type_into_search(browser, "zzzzqqq")
    status = browser.find_element(By.CSS_SELECTOR, "p[role=status]")
    WebDriverWait(browser, 10).until(lambda b: status.get_attribute("textContent") == "No suggestions")
    assert browser.find_element(By.ID, "q").get_attribute("aria-expanded") == "false"
