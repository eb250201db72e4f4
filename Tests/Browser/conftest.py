"""Shared set-up for the browser tests: one headless Chromium (Debian's) at a phone's width.

Run by `make test` through Tests/Browser/run.sh, which starts the server on a fresh database and sets
MANABI_URL. Screenshots and audit reports go to artifacts/ (git-ignored).
"""
import os
import pathlib
import sys

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

BASE = os.environ.get("MANABI_URL", "http://127.0.0.1:18090")
ARTIFACTS = pathlib.Path(__file__).resolve().parents[2] / "artifacts"


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=390,900", "--lang=en-US"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.set_page_load_timeout(30)
    ARTIFACTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()
