"""The English every flow shows fits the budgets translators are given.

Options at most 30 characters, sentences at most 75 (or a ``short=`` USSD form that is),
every English string marked for translation with its ``# TRANSLATORS:`` comment, and every
screen of every flow fits the USSD budget once paged, in every language.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dialogs import summary
from dialogs.crawl import CrawledScreen, crawl
from dialogs.i18n import LANGUAGES, get_translator
from dialogs.render import UssdBudget, render_ussd

ROOT = Path(__file__).resolve().parents[2]
FLOWS_FILES = [
    *sorted((ROOT / "dialogs" / "flows").glob("*.py")),
    ROOT / "dialogs" / "summary.py",
]
_SUMMARY_OWN = {
    value
    for value in [*vars(summary).values()]
    + [v for m in vars(summary).values() if isinstance(m, dict) for v in m.values()]
    if isinstance(value, str)
} | {summary.CLOSING.msgid, summary.CLOSING.short}


@pytest.fixture(scope="module")
def english_screens() -> list[CrawledScreen]:
    return list(crawl("en"))


def _own(screen: CrawledScreen, msgid: str) -> bool:
    """Whether the flows wrote this line (not a reason or a claim step from the rules)."""
    return not screen.reply.screen.startswith("summary") or msgid in _SUMMARY_OWN


def test_every_option_label_is_at_most_30_characters(english_screens: list[CrawledScreen]) -> None:
    too_long = {
        option.label.msgid
        for screen in english_screens
        for option in screen.reply.options
        if not option.label.literal and len(option.label.msgid) > 30
    }
    assert too_long == set()


def test_every_sentence_fits_75_characters_or_has_a_short_form_that_does(
    english_screens: list[CrawledScreen],
) -> None:
    too_long = {
        text.short or text.msgid
        for screen in english_screens
        for text in screen.reply.body
        if not text.literal and _own(screen, text.msgid) and len(text.short or text.msgid) > 75
    }
    assert too_long == set()


def test_every_marked_string_in_the_flows_has_a_translator_comment() -> None:
    from bot.i18n.catalogues import build_template

    _, uncommented = build_template()
    mine = [u for u in uncommented if Path(str(u.path)).as_posix().endswith(
        tuple(p.relative_to(ROOT).as_posix() for p in FLOWS_FILES))]  # fmt: skip
    assert mine == []


@pytest.mark.parametrize("lang", ["en", "bn", "ne", "my", "ur", "zh_Hans"])
def test_every_screen_pages_within_the_ussd_budget(lang: str) -> None:
    budget, tr = UssdBudget(), get_translator(lang)
    for screen in crawl(lang):
        for page in render_ussd(screen.reply, tr).pages:
            assert budget.fits(page), (screen.reply.screen, page)
    assert lang in LANGUAGES
