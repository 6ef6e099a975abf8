"""Headless Chromium (Debian's, never a downloaded build) through Playwright.

``browser`` is shared by the session. ``phone`` (and its alias ``page``) is a fresh
390x844 touch page per test; ``desktop`` a 1366x900 one. ``screenshot(page, name)``
saves a full-page PNG to test-artifacts/ (git-ignored).
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; Django's live server and the
# ORM calls made from the test are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _new_page(browser, **options):
    context = browser.new_context(locale="en-GB", **options)
    context.set_default_timeout(15_000)
    return context, context.new_page()


@pytest.fixture
def phone(browser):
    """A phone: 390x844, touch, English."""
    context, page = _new_page(
        browser, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    yield page
    context.close()


@pytest.fixture
def page(phone):
    return phone


@pytest.fixture
def desktop(browser):
    context, page = _new_page(browser, viewport=DESKTOP)
    yield page
    context.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def screenshot(request, artifacts):
    """``screenshot(page, "search")`` -> test-artifacts/<test module>-search.png."""
    prefix = request.node.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")

    def take(page, name: str) -> Path:
        path = artifacts / f"{prefix}-{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take
