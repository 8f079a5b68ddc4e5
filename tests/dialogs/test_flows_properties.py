"""Whatever a worker types, in any language, the conversation is never lost.

Hypothesis walks random inputs (menu keys, navigation keys 0/00/98/99, ``#``, emoji,
control characters, 500-character strings, native digits, dates, amounts) from the main
menu into every branch, in every language: no exception, every reply that is not the end
offers a way back or home, the language is kept and the screen exists.
"""

from __future__ import annotations

from datetime import date

from flowplay import LANGUAGE_KEYS
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogs.engine import begin, step
from dialogs.flows import FLOW
from dialogs.i18n import LANGUAGES, get_translator
from dialogs.nodes import Context
from dialogs.render import render_chat, render_ussd
from dialogs.reply import Reply

BRANCH_KEYS = [str(k) for k in range(1, 10)]
"""Main-menu keys 1-9: every branch, the last result and help (10 is the quick exit)."""

inputs = st.one_of(
    st.sampled_from(["1", "2", "3", "4", "5", "6", "7", "8", "0", "00", "98", "99", "#"]),
    st.sampled_from(["12", "40", "1850", "RM 2,400", "10-03-2026", "03-2025", "31-02-2026"]),
    st.sampled_from(["১২", "१२", "၁၂", "๑๒", "😀👍", "\x00\x1b[2J", "\u200b7", "dont_know"]),
    st.text(max_size=30),
    st.text(min_size=500, max_size=500),
    st.integers(min_value=0, max_value=10**9).map(str),
)



def _pages(reply: Reply, lang: str | None) -> int:
    """How many USSD pages a reply takes: ``98`` and ``0`` then page through it."""
    return len(render_ussd(reply, get_translator(lang)).pages)


NEVER_LOST_SETTINGS = settings(max_examples=300, deadline=None)


@NEVER_LOST_SETTINGS
@given(
    lang=st.sampled_from(list(LANGUAGES)),
    branch=st.sampled_from(BRANCH_KEYS),
    typed=st.lists(inputs, min_size=1, max_size=25),
    ngo=st.sampled_from([None, "Tenaganita 03-7770 3671"]),
    ussd=st.booleans(),
)
def test_random_input_never_loses_the_conversation(
    lang: str, branch: str, typed: list[str], ngo: str | None, ussd: bool
) -> None:
    ctx = Context(today=date(2026, 11, 23), ngo_contact=ngo, pages=_pages if ussd else None)
    tr = get_translator(lang)
    conv, _ = begin(None, ctx, FLOW)
    conv, reply = step(conv, LANGUAGE_KEYS[lang], ctx, FLOW)
    conv, reply = step(conv, branch, ctx, FLOW)
    for text in typed:
        conv, reply = step(conv, text, ctx, FLOW)
        if reply.erase:  # the worker typed an exit word: wiped on purpose
            assert reply.end and conv.lang is None
            return
        assert conv.lang == lang
        assert conv.node in FLOW.nodes
        assert reply.screen == conv.node
        view = render_chat(reply, tr)
        if not reply.end:
            keys = {button.key for button in view.nav}
            assert "00" in keys, reply.screen
        assert render_ussd(reply, tr).pages
