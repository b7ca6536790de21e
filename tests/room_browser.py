"""Headless Chromium at a phone's width for the room pages (Debian's chromium + chromedriver)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
PHONE = (390, 844)  # a common phone's CSS pixels
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
)


def phone_browser():
    """A new headless Chromium at phone width (skips when Chromium is not installed)."""
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.skip("chromium and chromium-driver are not installed (run.sh test installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in FLAGS:
        options.add_argument(arg)
    options.add_argument(f"--window-size={PHONE[0]},{PHONE[1]}")
    options.binary_location = CHROMIUM
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def screenshot_dir(tmp_path: Path) -> Path:
    """docs/phones/ when WORKSHOP_SCREENSHOTS is set (to refresh the docs), else tmp."""
    if os.environ.get("WORKSHOP_SCREENSHOTS"):
        target = Path(__file__).resolve().parent.parent / "docs" / "phones"
    else:
        target = tmp_path / "phones"
    target.mkdir(parents=True, exist_ok=True)
    return target


def wait_for(predicate, timeout: float = 10.0, pump=None, what: str = "condition"):
    """Poll `predicate` (pumping the Qt loop with `pump` between tries) until it is truthy."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        if pump is not None:
            pump()
        else:
            time.sleep(0.05)
