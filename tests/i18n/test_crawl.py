"""The crawler finds every screen a worker can reach, with the inputs that reach it."""

from __future__ import annotations

import pytest

from dialogs.crawl import CRAWL_DAY, REDIAL, crawl, screen_key
from dialogs.engine import begin, step
from dialogs.flows import FLOW
from dialogs.i18n import LANGUAGES
from dialogs.nodes import Context


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_crawl_reaches_the_main_menu_and_summaries_in_every_language(lang: str) -> None:
    screens = crawl(lang)
    names = {s.reply.screen for s in screens}
    assert screens[0].reply.screen == "language"
    assert "menu" in names and "help" in names and "resume" in names
    assert any(s.is_summary for s in screens), sorted(names)


def test_every_crawled_screen_is_reached_again_by_replaying_its_inputs() -> None:
    ctx = Context(today=CRAWL_DAY, ngo_contact="NGO 03-0000 0000")
    for screen in crawl("bn")[:200]:
        conv, reply = begin(None, ctx, FLOW)
        for typed in screen.inputs:
            if typed == REDIAL:
                conv, reply = begin(conv, ctx, FLOW)
            else:
                conv, reply = step(conv, typed, ctx, FLOW)
        assert screen_key(conv, reply) == screen.key
        assert reply == screen.reply


def test_hints_are_crawled_so_their_text_is_checked_too() -> None:
    hints = {s.reply.hint.msgid for s in crawl("en") if s.reply.hint is not None}
    assert "Please type one of the numbers shown." in hints
    assert "Please type 1 or 2." in hints


def test_the_crawl_stops_at_its_limit_and_is_deterministic() -> None:
    small = crawl("id", limit=20)
    assert len(small) == 20
    assert [s.key for s in small] == [s.key for s in crawl("id", limit=20)]
    assert len({s.key for s in crawl("id")}) == len(crawl("id"))
