"""The web simulator in headless Chromium (Debian's ``/usr/bin/chromium``), as NGO staff use
it: an injury case clicked through in Bengali on the USSD phone's keypad and in the chat
view, and Urdu shown right to left. A screenshot is saved to ``tests/artifacts/``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import pytest
from playwright.sync_api import Browser, Page

from dialogs.flows.common import CARELINE, MAIN_MENU
from dialogs.i18n import LANGUAGES, get_translator
from tests.auxil.browser import chromium
from tests.channels.conftest import RunningServer, make_settings, serve

pytestmark = pytest.mark.browser

ARTIFACTS: Final = Path(__file__).resolve().parents[1] / "artifacts"
MAIN_MENU_TITLE: Final = MAIN_MENU.prompt[0].msgid
MAX_STEPS: Final = 30


def summary_marker(lang: str) -> str:
    from dialogs.summary import HEADER

    template = get_translator(lang).gettext(HEADER)
    return max(re.split(r"%\([a-z_]+\)s", template), key=len).strip()


@pytest.fixture(scope="module")
def simulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    folder = tmp_path_factory.mktemp("simulator")
    with serve(make_settings(f"sqlite+aiosqlite:///{folder / 'kawan.db'}")) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Browser, simulator: RunningServer) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    requests: list[str] = []
    opened.on("request", lambda request: requests.append(request.url))
    opened.goto(simulator.url + "/")
    opened.wait_for_selector("body[data-ready='true']")
    yield opened
    assert all(url.startswith(simulator.url) for url in requests), "a request left the host"
    context.close()


# -- driving the phone and the chat ------------------------------------------------------------


def transcript_length(page: Page) -> int:
    return page.locator("#transcript li").count()


def press_send(page: Page) -> str:
    """Press the phone's send/dial key and wait for the network's answer."""
    before = transcript_length(page)
    page.click("#ussd-send")
    page.wait_for_function(
        "n => document.querySelectorAll('#transcript li').length >= n + 2", arg=before
    )
    return screen_text(page)


def key_in(page: Page, digits: str) -> str:
    """Type ``digits`` on the keypad and send them."""
    for digit in digits:
        page.click(f"#keypad button[data-key='{digit}']")
    assert page.input_value("#ussd-input") == digits
    return press_send(page)


def screen_text(page: Page) -> str:
    return page.inner_text("#ussd-text")


def chat_replies(page: Page) -> int:
    return page.locator("#chat-log .msg.bot").count()


def last_chat_reply(page: Page) -> str:
    return page.locator("#chat-log .msg.bot").last.inner_text()


def click_chat(page: Page, selector: str) -> str:
    before = chat_replies(page)
    page.click(selector)
    page.wait_for_function(
        "n => document.querySelectorAll('#chat-log .msg.bot').length > n", arg=before
    )
    return last_chat_reply(page)


def type_in_chat(page: Page, text: str) -> str:
    before = chat_replies(page)
    page.fill("#chat-input", text)
    page.press("#chat-input", "Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('#chat-log .msg.bot').length > n", arg=before
    )
    return last_chat_reply(page)


# -- the specifications ------------------------------------------------------------------------


def test_an_injury_case_is_clicked_through_in_bengali_on_the_phone_and_in_the_chat(
    page: Page,
) -> None:
    tr = get_translator("bn")
    marker = summary_marker("bn")
    bengali = str(list(LANGUAGES).index("bn") + 1)

    # The phone: dial, the language menu shows each language in its own script.
    first = press_send(page)
    assert "বাংলা" in first
    menu = key_in(page, bengali)
    assert tr.gettext(MAIN_MENU_TITLE) in menu
    key_in(page, "1")  # hurt at work or on the way
    key_in(page, "1")  # at work
    screen = key_in(page, "1")  # what to do now: continue
    for _ in range(MAX_STEPS):
        if marker in screen:
            break
        typed = "1." not in screen and "#." in screen
        screen = key_in(page, "12" if typed else "1")
    assert marker in screen, screen
    summary = [screen]
    while summary[-1].rstrip().splitlines()[-1].startswith("98 "):
        summary.append(key_in(page, "98"))
    whole = "\n".join(summary)
    assert "RM" in whole and CARELINE in whole
    assert page.get_attribute("#ussd-screen", "lang") in ("bn", "en")

    # The chat: the same engine, with buttons.
    chat_menu = click_chat(page, f"#chat-buttons button.option[data-key='{bengali}']")
    assert tr.gettext(MAIN_MENU_TITLE) in chat_menu
    assert page.get_attribute("#chat-log", "lang") == "bn"
    click_chat(page, "#chat-buttons button.option[data-key='1']")
    click_chat(page, "#chat-buttons button.option[data-key='1']")
    reply = click_chat(page, "#chat-buttons button.option[data-key='1']")
    for _ in range(MAX_STEPS):
        if marker in reply:
            break
        if page.locator("#chat-buttons button.option[data-key='1']").count():
            reply = click_chat(page, "#chat-buttons button.option[data-key='1']")
        else:
            reply = type_in_chat(page, "12")
    assert marker in reply, reply
    assert "RM" in reply and CARELINE in reply
    assert page.locator("#transcript li[data-channel='chat']").count() > 10

    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#chat-log").evaluate("node => node.scrollTo(0, node.scrollHeight)")
    page.screenshot(path=str(ARTIFACTS / "simulator-bn.png"), full_page=True)


def test_urdu_is_shown_right_to_left_on_the_phone_and_in_the_chat(page: Page) -> None:
    page.select_option("#language", "ur")
    page.wait_for_function("document.querySelector('#chat-log').dir === 'rtl'")
    page.wait_for_function(
        "document.querySelectorAll('#transcript li[data-channel=\"ussd\"]').length >= 4"
    )
    assert page.get_attribute("#chat-log", "dir") == "rtl"
    assert page.get_attribute("#chat-log", "lang") == "ur"
    assert page.get_attribute("#ussd-screen", "dir") == "rtl"
    assert get_translator("ur").gettext(MAIN_MENU_TITLE) in screen_text(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "simulator-ur.png"), full_page=True)


def test_restart_starts_a_new_worker_on_both_views(page: Page) -> None:
    press_send(page)
    key_in(page, "1")
    page.click("#restart")
    page.wait_for_function("document.querySelectorAll('#chat-log .msg.bot').length === 1")
    assert page.locator("#transcript li").count() == 1
    assert "English" in press_send(page), "a new number is asked for its language"
