"""The review page in a real browser: headless Chromium (Debian ``chromium`` + ``chromium-driver``) via selenium.

Locally the test skips when the browser is missing; under CI (``CI=true``) it fails instead, so the browser
cannot silently drop out of the pipeline.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import SEEDS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def _browser():
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).exists()]
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing.append("selenium (pip)")
    if missing:
        message = f"headless browser not available: {', '.join(missing)} (apt-get install chromium chromium-driver)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


@pytest.fixture
def page(run, tmp_path):
    out = tmp_path / "review.html"
    assert run("review", SEEDS, "-o", out).exit_code == 0
    driver = _browser()
    try:
        driver.get(out.as_uri())
        yield driver, out
    finally:
        driver.quit()


def test_review_page_in_chromium(page, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver, out = page
    rows = driver.find_elements(By.CSS_SELECTOR, "#matrix tbody tr.report")
    assert len(rows) == 5
    assert all(r.is_displayed() for r in rows)
    assert len(driver.find_elements(By.CSS_SELECTOR, "svg.chart")) == 4
    driver.save_screenshot(str(tmp_path / "review.png"))
    assert (tmp_path / "review.png").stat().st_size > 10_000

    # A filter hides rows: only the two reports that pass stay.
    Select(driver.find_element(By.ID, "f-verdict")).select_by_value("pass")
    shown = [r for r in rows if r.is_displayed()]
    assert len(shown) == 2 and driver.find_element(By.ID, "shown").text == "2"
    Select(driver.find_element(By.ID, "f-verdict")).select_by_value("")
    Select(driver.find_element(By.ID, "f-rule")).select_by_value("section-order")
    shown = [r for r in rows if r.is_displayed()]
    assert len(shown) == 1 and "003_" in shown[0].text
    Select(driver.find_element(By.ID, "f-rule")).select_by_value("")
    search = driver.find_element(By.ID, "f-text")
    search.send_keys("多巴镇")
    assert [r for r in rows if r.is_displayed()][0].text.count("004_") == 1
    assert len([r for r in rows if r.is_displayed()]) == 1
    search.clear()
    search.send_keys(" ")  # an input event with an empty query shows everything again
    assert len([r for r in rows if r.is_displayed()]) == 5

    # Sorting by the error count puts seed 001 (two errors) last, ascending.
    headers = driver.find_elements(By.CSS_SELECTOR, "#matrix th")
    headers[6].click()
    order = [r.find_elements(By.TAG_NAME, "td")[6].text for r in driver.find_elements(By.CSS_SELECTOR, "tr.report")]
    assert order == sorted(order, key=int)

    # A detail view opens with the outline and the findings of the report.
    detail = driver.find_element(By.ID, "d3")
    assert not detail.is_displayed()
    next(r for r in rows if "003_" in r.text).click()
    assert detail.is_displayed()
    assert "section-order" in detail.text and "→" in detail.text
    driver.save_screenshot(str(tmp_path / "review-detail.png"))

    # No network request (only the file itself), and no console error.
    requests = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            requests.append(message["params"]["request"]["url"])
    assert requests and all(u.startswith("file://") for u in requests), requests
    assert all(u == out.as_uri() for u in requests), requests
    errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert errors == []
