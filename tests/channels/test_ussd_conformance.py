"""USSD conformance: whole sessions over real HTTP, as a gateway and a handset see them.

Each session dials, chooses a language, pages through menus, opens help and every branch
of the main menu, goes back and home, and (once the injury branch exists) answers an
injury case to its summary, in Bengali, Indonesian, Nepali and English, with a gateway
that accumulates ``text`` (``1*2*3``) and with one that sends only the latest input.
Every screen is checked against the network's budget by :class:`UssdPhone` itself
(182 GSM 7-bit characters, extension characters counting two; else 80 UTF-16 units).
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable

import pytest

from dialogs.flows.common import CARELINE
from dialogs.i18n import LANGUAGES, get_translator
from dialogs.nodes import HINT_CHOOSE
from dialogs.render import BACK, HOME, MORE
from tests.channels.conftest import Screen, UssdPhone

LANGS = ("bn", "id", "ne", "en")
PROTOCOLS = (pytest.param(True, id="accumulated"), pytest.param(False, id="latest-only"))
MAIN_MENU_TITLE = "kawan: your PERKESO rights. What happened?"
MAX_PAGES = 40


def language_key(lang: str) -> str:
    return str(list(LANGUAGES).index(lang) + 1)


def has_more(screen: Screen) -> bool:
    return screen.lines()[-1].startswith("98 ")


def read_all_pages(phone: UssdPhone, first: Screen) -> list[Screen]:
    """Press 98 until the last page; every page is budget-checked by the phone."""
    pages = [first]
    while has_more(pages[-1]):
        assert len(pages) < MAX_PAGES, "a screen that never ends"
        pages.append(phone.type("98"))
    return pages


def options_of(pages: list[Screen]) -> dict[str, str]:
    options: dict[str, str] = {}
    for page in pages:
        for line in page.lines():
            key, dot, label = line.partition(". ")
            if dot and key.isdigit():
                options[key] = label
    return options


def choose_language(phone: UssdPhone, lang: str) -> list[Screen]:
    first = phone.dial()
    assert first.open
    menu = phone.type(language_key(lang))
    return read_all_pages(phone, menu)


@pytest.mark.parametrize("accumulate", PROTOCOLS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_worker_reaches_every_branch_help_and_home_in_their_language_on_screens_that_fit(
    phone: Callable[..., UssdPhone], lang: str, accumulate: bool
) -> None:
    tr = get_translator(lang)
    handset = phone(accumulate=accumulate)

    languages = read_all_pages(handset, handset.dial())
    offered = options_of(languages)
    assert list(offered.values()) == list(LANGUAGES.values()), "each language in its script"

    menu = read_all_pages(handset, handset.type(language_key(lang)))
    assert tr.gettext(MAIN_MENU_TITLE) in menu[0].text
    branches = options_of(menu)
    assert len(branches) >= 9
    assert menu[-1].lines()[-1] == f"00 {tr.gettext(HOME)}"
    if len(menu) > 1:
        assert menu[0].lines()[-1] == f"98 {tr.gettext(MORE)}"

    # 0 on a later page goes back a page, not out of the menu.
    if len(menu) > 1:
        back = handset.type("0")
        assert back.text == menu[-2].text

    # Help and contacts is one step away from anywhere; 0 pages back, then comes back.
    help_screen = read_all_pages(handset, handset.type("99"))
    assert CARELINE in "".join(page.text for page in help_screen)
    for previous in reversed(help_screen[:-1]):
        assert handset.type("0").text == previous.text
    assert handset.type("0").text == menu[0].text

    # Every branch opens, and 00 always comes home to the first page of the menu.
    quick_exit = max(branches, key=int)
    for key in sorted(branches, key=int):
        if key == quick_exit:
            continue
        opened = read_all_pages(handset, handset.type(key))
        assert all(page.open for page in opened)
        assert handset.type("00").text == menu[0].text

    # Quick exit ends the session at once.
    erased = handset.type(quick_exit)
    assert not erased.open


def summary_marker(lang: str) -> str:
    """The longest fixed part of the summary's first line in ``lang``."""
    from dialogs.summary import HEADER

    template = get_translator(lang).gettext(HEADER)
    return max(re.split(r"%\([a-z_]+\)s", template), key=len).strip()


def is_typed_question(screen: Screen) -> bool:
    """A question answered by typing digits: no numbered options, "#" for "I don't know"."""
    return screen.option("1") is None and any(line.startswith("#. ") for line in screen.lines())


@pytest.mark.parametrize("accumulate", PROTOCOLS)
@pytest.mark.parametrize("lang", LANGS)
def test_an_injured_worker_reaches_a_summary_on_screens_that_fit(
    phone: Callable[..., UssdPhone], lang: str, accumulate: bool
) -> None:
    if importlib.util.find_spec("dialogs.flows.injury") is None:
        pytest.skip("the injury branch (dialogs/flows/injury.py) is not written yet")
    tr = get_translator(lang)
    marker = summary_marker(lang)
    handset = phone(accumulate=accumulate)
    choose_language(handset, lang)
    handset.type("1")  # I was hurt at work or on the way
    handset.type("1")  # at work
    screen = handset.type("1")  # what to do now: continue
    summary: list[Screen] = []
    for _ in range(30):
        pages = read_all_pages(handset, screen)
        assert all(page.open for page in pages)
        assert not pages[0].text.startswith(tr.gettext(HINT_CHOOSE)), pages[0].text
        if marker in pages[0].text:
            summary = pages
            break
        # The first choice on every question; 12 for every typed number (days, %).
        screen = handset.type("12" if is_typed_question(pages[-1]) else "1")
    assert summary, "the summary was never reached"
    text = "\n".join(page.text for page in summary)
    assert "RM" in text
    assert CARELINE in text
    assert summary[-1].lines()[-1] == f"0 {tr.gettext(BACK)} 00 {tr.gettext(HOME)}"


@pytest.mark.parametrize("accumulate", PROTOCOLS)
def test_typing_98_pages_through_a_long_screen_and_0_pages_back(
    phone: Callable[..., UssdPhone], accumulate: bool
) -> None:
    handset = phone(accumulate=accumulate)
    first = handset.dial()
    assert has_more(first), "the language menu of 13 scripts takes several screens"
    second = handset.type("98")
    assert second.text != first.text
    assert handset.type("0").text == first.text
