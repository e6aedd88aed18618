"""Headless Chromium from Debian's packages, driven by selenium, for the HTML page tests.

No browser is downloaded: selenium is pointed at ``/usr/bin/chromium`` and the system
``chromedriver``. Off CI a missing browser skips the tests with the command that installs
it; on CI (``CI=true``) it fails them, since nothing the project needs may be skipped there.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

INSTALL = "apt-get install -y chromium chromium-driver fonts-noto-cjk"


def _missing(what: str) -> None:
    message = f"{what} is not installed: `{INSTALL}` (make test does this as root)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def find_browser() -> tuple[str, str]:
    """Paths of the Chromium binary and its driver, or skip/fail as above."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if browser is None:
        _missing("chromium")
    if driver is None:
        _missing("chromedriver")
    assert browser is not None and driver is not None
    return browser, driver


def start_driver(width: int, height: int) -> Any:
    """A headless Chromium window of the given size, with console logging on."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium (pip install -e '.[test]')")
    browser, driver = find_browser()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for arg in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root, where Chromium refuses its sandbox
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        f"--window-size={width},{height}",
        # The page must work offline: any network fetch it tried would fail loudly.
        "--host-resolver-rules=MAP * ~NOTFOUND",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=driver), options=options)


@pytest.fixture(scope="module")
def chrome() -> Iterator[Any]:
    """One browser for a test module; tests resize it as they need."""
    driver = start_driver(1280, 900)
    try:
        yield driver
    finally:
        driver.quit()


def open_page(driver: Any, path: Path, width: int = 1280, height: int = 900) -> None:
    driver.set_window_size(width, height)
    driver.get(path.resolve().as_uri())
    driver.get_log("browser")  # drop what an earlier page logged


def viewport_width(driver: Any) -> int:
    return int(driver.execute_script("return document.documentElement.clientWidth"))
