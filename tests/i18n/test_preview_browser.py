"""The review page a fluent speaker opens: `kawan i18n preview` in headless Chromium
(Debian's ``/usr/bin/chromium``). Bengali renders in its Noto font with every USSD page
within budget; Urdu reads right to left. Screenshots go to ``tests/artifacts/``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Final

import pytest
from playwright.sync_api import Browser, Page

from bot.i18n_tools import preview
from tests.auxil.browser import chromium

pytestmark = pytest.mark.browser

ARTIFACTS: Final = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def open_preview(browser: Browser, lang: str, folder: Path) -> tuple[Page, str]:
    target = folder / f"preview-{lang}.html"
    assert preview(lang, target) == 0
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(target.as_uri())
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready")
    return page, target.with_suffix(".txt").read_text(encoding="utf-8")


def test_the_bengali_review_page_shows_every_ussd_page_in_a_bengali_font(
    browser: Browser, tmp_path: Path
) -> None:
    page, text = open_preview(browser, "bn", tmp_path)
    phones = page.locator(".phone").count()
    assert phones == text.count("--- USSD page ")
    assert page.evaluate("document.fonts.check('16px \"Noto Sans Bengali\"', 'বাংলা')")
    assert page.locator(".phone.over").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "i18n-preview-bn.png"))
    page.close()


def test_the_urdu_review_page_reads_right_to_left(browser: Browser, tmp_path: Path) -> None:
    page, _ = open_preview(browser, "ur", tmp_path)
    direction = page.evaluate("getComputedStyle(document.documentElement).direction")
    assert direction == "rtl"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "i18n-preview-ur.png"))
    page.close()
